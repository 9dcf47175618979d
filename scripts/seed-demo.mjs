#!/usr/bin/env node
// Demo data through the public API, so every rule applies to it too: an open consultation with a
// few hundred comments and a drawn hearing, a closed one taken through hearing, answers, adoption
// report and notices, and a draft in the review queue (scripts/demo/). Idempotent: a second run
// finds what exists and skips it. Honours the rate limits (it waits when the API answers 429).
//   node scripts/seed-demo.mjs [http://127.0.0.1:3000]     (DATABASE_URL: see scripts/demo/time-shift.mjs)
import { pathToFileURL } from 'node:url';
import { ensureAccounts, DEMO_PASSWORD, RESIDENTS, STAFF } from './demo/accounts.mjs';
import { apiClient } from './demo/api-client.mjs';
import { DOG_TITLE, seedClosedConsultation } from './demo/closed-consultation.mjs';
import { findPublic } from './demo/drafts.mjs';
import { PARKING_TITLE, seedOpenConsultation } from './demo/open-consultation.mjs';
import { timeShifter } from './demo/time-shift.mjs';

const DONE = new Set(['reported', 'decided', 'results_published']);

/** What a finished seed left, read from public pages only (no sign-in), or null when something is missing. */
async function finished(api) {
  const [parking, dog] = await Promise.all([findPublic(api, PARKING_TITLE), findPublic(api, DOG_TITLE)]);
  if (!parking || !dog || !DONE.has(dog.status)) return null;
  // The parking hearing is drawn only after every comment has been posted: it marks that part done.
  const [hearing] = (await api.must('GET', `/hearings?draftId=${parking.id}`)).items;
  const [dogHearing] = (await api.must('GET', `/hearings?draftId=${dog.id}`)).items;
  if (!hearing?.draw?.drawnAt || !dogHearing) return null;
  return { parking, dog, hearing, dogHearing, comments: (await api.must('GET', `/drafts/${parking.id}/log`)).treeSize };
}

/**
 * Seeds the demo against the API at `baseUrl`. `databaseUrl` lets it move a few timestamps into
 * the past (a window closing, a sign-up ending, a hearing starting); without it those states are
 * left for time to reach. Returns the ids of what it made.
 */
export async function seedDemo(baseUrl, { databaseUrl, log = console.log, admin } = {}) {
  const started = Date.now();
  const api = apiClient(baseUrl, { log });
  const done = await finished(api);
  if (done) {
    log('demo data already present: nothing to do');
    return summary(baseUrl, done, log, started);
  }
  const people = await ensureAccounts(api, admin ?? { email: process.env.ADMIN_EMAIL ?? 'admin@example.gov.cn', password: process.env.ADMIN_PASSWORD ?? 'Admin#2026' });
  // Sign-ins are limited to 10 a minute: ask first for those the longest chain of steps needs
  // (the hearing of the closed consultation); the others sign in while it runs.
  for (const p of [people.organizer, people.reviewer, people.clerk, ...people.residents.slice(0, 6)]) p.token().catch(() => undefined);
  const shift = databaseUrl ? await timeShifter(databaseUrl) : null;
  try {
    const [closed, open] = await Promise.all([seedClosedConsultation(api, people, shift, log), seedOpenConsultation(api, people, shift, log)]);
    const clusters = open.analysis.clusters.filter((c) => c.size > 1).map((c) => c.size);
    log(`open consultation: ${open.comments} comments, clusters of ${clusters.join(', ')} (concentrated from ${open.analysis.concentrationThreshold})`);
    log(`closed consultation: ${closed.draft.status}; the demo resident's inbox holds ${closed.inbox?.total ?? 0} notices`);
    return summary(baseUrl, { parking: open.draft, dog: closed.draft, hearing: open.hearing, dogHearing: closed.hearing, comments: open.comments }, log, started);
  } finally {
    await shift?.end();
  }
}

function summary(baseUrl, { parking, dog, hearing, dogHearing, comments }, log, started) {
  const web = `${baseUrl.replace('127.0.0.1', 'localhost')}/#`;
  const pages = {
    drafts: `${web}/drafts`,
    reader: `${web}/drafts/${parking.id}`,
    analysis: `${web}/organizer/drafts/${parking.id}/analysis`,
    hearing: `${web}/hearings/${hearing.id}`,
    draw: `${web}/hearings/${hearing.id}/draw`,
    live: `${web}/hearings/${dogHearing.id}/live`,
    hearingReport: `${web}/hearings/${dogHearing.id}/report`,
    adoptionReport: `${web}/drafts/${dog.id}/report`,
    inbox: `${web}/me/notices`,
    reviewQueue: `${web}/review`,
  };
  log('demo pages:');
  for (const [name, url] of Object.entries(pages)) log(`  ${name.padEnd(15)} ${url}`);
  log(`demo accounts (password ${DEMO_PASSWORD}): ${[...Object.values(STAFF), RESIDENTS[0]].map((p) => p.email).join(', ')}; ${RESIDENTS.length - 1} more residents (see README)`);
  log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { parkingId: parking.id, dogId: dog.id, hearingId: hearing.id, dogHearingId: dogHearing.id, comments, pages };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  seedDemo(process.argv[2] ?? 'http://127.0.0.1:3000', { databaseUrl: process.env.DATABASE_URL }).catch((err) => {
    console.error(`demo seed failed: ${err.stack ?? err.message}`);
    process.exit(1);
  });
}
