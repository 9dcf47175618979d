// Drafts of the demo: created by the organizer, submitted with the R4 declaration, approved by the
// reviewer and published — or picked up wherever an earlier run left them.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DAY = 24 * 3600 * 1000;
const here = dirname(fileURLToPath(import.meta.url));
export const readText = (name) => readFileSync(join(here, name), 'utf8');

export const CONTACT = { person: '李明', address: '某市人民路1号市司法局立法处（邮编100000）', email: 'lfc@example.gov.cn', phone: '010-12345678', fax: '010-12345679' };

/** A public draft with this exact title (any status from `open` on), or null. */
export async function findPublic(api, title) {
  const list = await api.must('GET', `/drafts?q=${encodeURIComponent(title.slice(0, 12))}&pageSize=100`);
  const found = list.items?.find((d) => d.title === title);
  return found ? api.must('GET', `/drafts/${found.id}`) : null;
}

/** The organizer's draft with this title in any status (the review queue included), or null. */
export async function findMine(api, people, title) {
  const token = await people.organizer.token();
  const list = await api.must('GET', `/drafts?mine=true&q=${encodeURIComponent(title.slice(0, 12))}&pageSize=100`, { token });
  const found = list.items?.find((d) => d.title === title);
  return found ? api.must('GET', `/drafts/${found.id}`, { token }) : null;
}

/**
 * The draft with `fields.title`, taken as far as `until`: 'in_review' (submitted, waiting for the
 * reviewer) or 'open' (approved and published, open for comment for `days` days).
 */
export async function ensureDraft(api, people, fields, { until = 'open', days = 30 } = {}) {
  const organizer = await people.organizer.token();
  let draft = (await findPublic(api, fields.title)) ?? (await findMine(api, people, fields.title));
  if (!draft) {
    const window = { commentOpensAt: new Date().toISOString(), commentClosesAt: new Date(Date.now() + days * DAY).toISOString() };
    draft = await api.must('POST', '/drafts', { token: organizer, body: { ...window, ...fields } });
  }
  const id = draft.id;
  if (draft.status === 'draft') {
    await api.must('POST', `/drafts/${id}/submit`, { token: organizer, body: { disclosure: 'public', confidentialChecked: true } });
    draft.status = 'in_review';
  }
  if (until === 'in_review') return draft;
  if (draft.status === 'in_review') {
    await api.must('POST', `/drafts/${id}/approve`, { token: await people.reviewer.token(), body: {} });
    draft = await api.must('GET', `/drafts/${id}`, { token: organizer });
  }
  if (draft.status === 'approved') await api.must('POST', `/drafts/${id}/publish`, { token: organizer });
  return api.must('GET', `/drafts/${id}`, { token: organizer });
}

/** The units of the draft's main text that are articles, in reading order: article n is [n - 1]. */
export const articles = (draft) => draft.units.filter((u) => u.kind === 'article');

/** The time to give offline comments: when the window actually opened (never in the future). */
export function receivedAt(draft) {
  const opened = Math.max(...[draft.commentOpensAt, draft.publishedAt].filter(Boolean).map((t) => new Date(t).getTime()));
  return new Date(Math.min(Date.now(), opened)).toISOString();
}
