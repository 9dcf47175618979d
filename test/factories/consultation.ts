// A realistic consultation for the cross-cutting tests (route × role matrix, hostile input, public
// privacy scan): two units with staff, drafts in several states, comments carrying personal data,
// offline comments, a hearing with applicants and invitations, a drawn hearing, a meeting, an
// adoption report with its notices, and a live hearing. Each part is built only when the routes it
// needs exist, so the world grows with the product; what could not be built is listed in `skipped`.
import type { TestApp } from '../setup/test-app';
import { analysisCaughtUp, comment, disposeAll, offlineComment } from './comments';
import { alternativePlans, closeDraftNow, createDraft, createPublishedDraft, DraftStaff, PublishedDraft } from './drafts';
import { acceptAll, announcedHearing, applicants, apply, closeSignup, commit, freezeAndDraw, invitationToken, startNow } from './hearings';
import { emitAck, liveSocket, passConfirmationDeadline, seatRepresentative } from './live';
import { letterOnlyAuthor, offlineAuthor, personalComment, SeededPerson, seededPersons, tag } from './personal-data';
import { adminToken, login, SignedIn, staff, unit } from './users';

export interface People {
  admin: SignedIn;
  resident: SignedIn;
  organizer: SignedIn;
  reviewer: SignedIn;
  clerk: SignedIn;
  /** Staff of another unit, one per staff role. */
  outsiders: { organizer: SignedIn; reviewer: SignedIn; clerk: SignedIn };
}

export interface Consultation {
  unitId: string;
  otherUnitId: string;
  people: People;
  /** Real ids by resource noun (`draft`, `hearing`, `meeting`, `comment`, `application`, `seat`, `cluster`, `notice`, `invitation`...). */
  ids: Record<string, string[]>;
  drafts: { drafting: string; open?: PublishedDraft; reported?: PublishedDraft };
  /** Seeded residents and offline authors whose data must never be public. */
  persons: Array<SeededPerson & { user?: SignedIn }>;
  /** Invitees (their name and email are theirs to see through the invitation link only). */
  invitees: Array<{ displayName: string; email: string; token?: string }>;
  /** The official contact of the drafts (R1 makes it public). */
  contact: { person: string; address: string; email: string; fax?: string; phone?: string };
  /** A started hearing with segments that mention the speakers' personal data. */
  live?: { hearingId: string; segments: number; seats: string[]; speakers: SignedIn[] };
  /** Parts not built, with the reason (a missing route or a failing step of an unfinished module). */
  skipped: string[];
}

export interface ConsultationOptions {
  /** `METHOD /api/path` keys of the routes that exist (from the route catalog). */
  routes: Set<string>;
  /** Start the queue worker and wait for the adoption report's notices. */
  worker?: boolean;
  /** Extra comment texts on the reported draft (e.g. markup for escaping checks). */
  extraTexts?: string[];
}

async function registerAs(t: TestApp, p: { email: string; displayName: string }): Promise<SignedIn> {
  const password = 'correct horse 1';
  const res = await t.http().post('/api/auth/register').send({ email: p.email, password, displayName: p.displayName, acceptPrivacy: true });
  if (res.status !== 201) throw new Error(`register ${p.displayName}: ${res.status} ${JSON.stringify(res.body)}`);
  await t.sql.query(`UPDATE app_user SET email_verified_at = now() WHERE id = $1`, [res.body.id]).catch(() => undefined);
  const token = await login(t, p.email, password);
  return { id: res.body.id, email: p.email, password, token, auth: { Authorization: `Bearer ${token}` } };
}

async function signedInAdmin(t: TestApp): Promise<SignedIn> {
  const token = await adminToken(t);
  const me = await t.http().get('/api/me').set('Authorization', `Bearer ${token}`);
  return { id: me.body?.id, email: t.cfg.ADMIN_EMAIL, password: t.cfg.ADMIN_PASSWORD, token, auth: { Authorization: `Bearer ${token}` } };
}

export async function buildConsultation(t: TestApp, opts: ConsultationOptions): Promise<Consultation> {
  const has = (key: string) => opts.routes.has(key);
  const skipped: string[] = [];
  const ids: Record<string, string[]> = {};
  const add = (noun: string, id: string | undefined) => {
    if (id && !(ids[noun] ??= []).includes(id)) ids[noun].push(id);
  };
  // Optional parts: a missing route skips quietly; a failure is recorded, not thrown, so that the
  // tests still cover everything else while a module is unfinished.
  const step = async (name: string, needs: string[], fn: () => Promise<void>) => {
    const missing = needs.filter((k) => !has(k));
    if (missing.length) return void skipped.push(`${name}: no route ${missing.join(', ')}`);
    try {
      await fn();
    } catch (err) {
      skipped.push(`${name}: ${(err as Error).message.slice(0, 300)}`);
    }
  };

  const admin = await signedInAdmin(t);
  const unitId = await unit(t, `市交通运输局${tag()}`);
  const otherUnitId = await unit(t, `市生态环境局${tag()}`);
  const organizer = await staff(t, ['organizer'], { unitId, displayName: '承办人周' });
  const reviewer = await staff(t, ['reviewer'], { unitId, displayName: '审核人吴' });
  const clerk = await staff(t, ['clerk'], { unitId, displayName: '记录人郑' });
  const outsiders = {
    organizer: await staff(t, ['organizer'], { unitId: otherUnitId, displayName: '外单位承办人' }),
    reviewer: await staff(t, ['reviewer'], { unitId: otherUnitId, displayName: '外单位审核人' }),
    clerk: await staff(t, ['clerk'], { unitId: otherUnitId, displayName: '外单位记录人' }),
  };
  const persons: Consultation['persons'] = seededPersons();
  for (const p of persons) p.user = await registerAs(t, p);
  const plain = await registerAs(t, { displayName: '钟离春', email: `plain.${tag()}@example.com` });
  const people: People = { admin, resident: plain, organizer, reviewer, clerk, outsiders };
  const team: DraftStaff = { unitId, organizer, reviewer };
  add('unit', unitId);
  add('day', '2026-10-01');
  for (const u of [admin, plain, organizer, reviewer, clerk, ...persons.map((p) => p.user!)]) add('user', u.id);

  const drafting = await createDraft(t, organizer);
  add('draft', drafting);
  const world: Consultation = {
    unitId,
    otherUnitId,
    people,
    ids,
    drafts: { drafting },
    persons,
    invitees: [],
    contact: {} as Consultation['contact'],
    skipped,
  };

  const open = await createPublishedDraft(t, { ...team, fields: { alternatives: alternativePlans() } });
  world.drafts.open = open;
  world.contact = open.draft.contact ?? (await t.http().get(`/api/drafts/${open.draftId}`)).body.contact;
  add('draft', open.draftId);

  const author = offlineAuthor();
  const letterWriter = letterOnlyAuthor();
  persons.push(author, letterWriter);
  await step('comments on the open draft', ['POST /api/drafts/:id/comments'], async () => {
    for (const p of persons.filter((x) => x.user)) add('comment', (await comment(t, open.draftId, p.user!, { text: personalComment(p) })).id);
  });
  await step('offline comment', ['POST /api/drafts/:id/comments/offline'], async () => {
    const c = await offlineComment(t, open.draftId, organizer, {
      text: personalComment(author),
      author: { name: author.displayName, email: author.email, phone: author.phone, address: author.address },
    });
    add('comment', c.id);
  });

  await step('hearing with applicants and an invitation', ['POST /api/hearings', 'POST /api/hearings/:id/announce', 'POST /api/hearings/:id/applications'], async () => {
    const hearingId = await announcedHearing(t, open);
    add('hearing', hearingId);
    for (const p of persons.filter((x) => x.user)) {
      const res = await t.http().post(`/api/hearings/${hearingId}/applications`).set(p.user!.auth).send({ category: 'resident', statement: `我关心停车收费，电话${p.phone}，住${p.address}` });
      if (res.status !== 201) throw new Error(`apply: ${res.status} ${JSON.stringify(res.body)}`);
      add('application', res.body.id);
    }
    if (has('POST /api/hearings/:id/invitations')) {
      const invitee = { displayName: '皇甫知远', email: `huangfu.zhiyuan.${tag()}@example.org` };
      const res = await t.http().post(`/api/hearings/${hearingId}/invitations`).set(organizer.auth).send({ ...invitee, category: 'expert' });
      if (res.status !== 201) throw new Error(`invite: ${res.status} ${JSON.stringify(res.body)}`);
      add('invitationId', res.body.id);
      const token = await invitationToken(t, res.body.id).catch(() => undefined);
      world.invitees.push({ ...invitee, token });
      if (token) add('invitation', token);
    }
  });

  await step('drawn hearing', ['POST /api/hearings/:id/draw', 'POST /api/hearings/:id/freeze', 'POST /api/hearings/:id/draw-commitment'], async () => {
    const hearingId = await announcedHearing(t, open, { quotas: { stakeholder: 3, resident: 2, deputy: 2, expert: 1, lawyer: 1, other: 1 } });
    add('hearing', hearingId);
    const people = await applicants(t, hearingId, 3, 'resident');
    await acceptAll(t, hearingId, organizer, people);
    const chain = await commit(t, hearingId, organizer);
    await closeSignup(t, 'hearing', hearingId);
    await freezeAndDraw(t, hearingId, organizer, chain);
    for (const a of people) add('application', a.applicationId);
    const seats = await t.http().get(`/api/hearings/${hearingId}/seats?pageSize=100`);
    for (const s of seats.body?.items ?? []) add('seat', s.id);
  });

  await step('meeting with applicants', ['POST /api/drafts/:id/meetings', 'POST /api/meetings/:id/applications'], async () => {
    const res = await t
      .http()
      .post(`/api/drafts/${open.draftId}/meetings`)
      .set(organizer.auth)
      .send({ title: '市政府常务会议审议停车管理办法', startsAt: new Date(Date.now() + 20 * 86400_000).toISOString() });
    if (res.status !== 201) throw new Error(`meeting: ${res.status} ${JSON.stringify(res.body)}`);
    add('meeting', res.body.id);
    const meetingId = res.body.id;
    const applied = [];
    for (const p of persons.filter((x) => x.user).slice(0, 2)) applied.push(await apply(t, p.user!, meetingId, undefined, 'meeting'));
    applied.forEach((a) => add('application', a.applicationId));
    if (has('POST /api/meetings/:id/draw')) {
      await acceptAll(t, meetingId, organizer, applied, 'meeting');
      const chain = await commit(t, meetingId, organizer, 'meeting secret', 2, 'meeting');
      await closeSignup(t, 'meeting', meetingId);
      await freezeAndDraw(t, meetingId, organizer, chain, '2027-01-02 drand round 4242', 'meeting');
      const seats = await t.http().get(`/api/meetings/${meetingId}/seats?pageSize=100`);
      for (const s of seats.body?.items ?? []) add('seat', s.id);
    }
  });

  await step('live hearing with a transcript', ['POST /api/hearings/:id/start'], async () => {
    const hearingId = await announcedHearing(t, open);
    await startNow(t, 'hearing', hearingId);
    add('hearing', hearingId);
    const speakers = persons.filter((x) => x.user).slice(0, 2);
    const seats: string[] = [];
    for (const p of speakers) seats.push(await seatRepresentative(t, hearingId, p.user!, 'resident', p.displayName, organizer.id));
    seats.forEach((id) => add('seat', id));
    const res = await t.http().post(`/api/hearings/${hearingId}/start`).set(clerk.auth);
    if (res.status !== 200) throw new Error(`start: ${res.status} ${JSON.stringify(res.body)}`);
    world.live = { hearingId, segments: 0, seats, speakers: speakers.map((p) => p.user!) };
    const socket = await liveSocket(t, clerk.token);
    try {
      for (const [i, p] of speakers.entries()) {
        const ack = await emitAck(socket, 'segment:add', { hearingId, seatId: seats[i], text: `我的电话是${p.phone}，身份证${p.idNumber}，住在${p.address}，邮箱${p.textEmail}。` });
        if (!ack?.seq) throw new Error(`segment:add: ${JSON.stringify(ack)}`);
        world.live.segments++;
      }
    } finally {
      socket.disconnect();
    }
  });

  await step(
    'sealed transcript and hearing report',
    ['POST /api/hearings/:id/end', 'POST /api/hearings/:id/confirmations', 'POST /api/hearings/:id/seal', 'POST /api/hearings/:id/report'],
    async () => {
      if (!world.live) throw new Error('no live hearing');
      const { hearingId, seats, speakers } = world.live;
      const ok = async (res: { status: number; body: unknown }, want: number, what: string) => {
        if (res.status !== want) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body as any;
      };
      const at = (path: string) => t.http().post(`/api/hearings/${hearingId}${path}`);
      await ok(await at('/end').set(clerk.auth), 200, 'end');
      const asked = await ok(await at('/confirmations').set(speakers[0].auth).send({ corrections: [{ seq: 1, text: '更正：我的联系方式请不要公开。' }] }), 201, 'correction');
      add('correction', asked.corrections?.[0]?.id);
      await ok(await at(`/corrections/${asked.corrections[0].id}/reject`).set(clerk.auth).send({ reason: '录音显示原话如此' }), 200, 'reject');
      if (speakers[1]) await ok(await at('/confirmations').set(speakers[1].auth).send({ confirm: true }), 201, 'confirm');
      await passConfirmationDeadline(t, hearingId);
      await ok(await at('/seal').set(clerk.auth), 200, 'seal');
      const [first, second] = persons;
      await ok(
        await at('/report')
          .set(organizer.auth)
          .send({
            conclusions: '多数代表支持分时段收费，夜间免费的意见暂不采纳。',
            opinions: [
              { seatId: seats[0], summary: `主张夜间免费，联系电话${first.phone}`, adopted: false, reason: '夜间泊位周转需要收费调节' },
              { representative: second.displayName, summary: `支持分时段收费，住${second.address}`, adopted: true },
            ],
          }),
        201,
        'report',
      );
    },
  );

  await step('clusters', ['GET /api/drafts/:id/analysis'], async () => {
    const analysis = await analysisCaughtUp(t, open.draftId, organizer, 10_000);
    for (const c of analysis?.clusters ?? []) add('cluster', c.id);
  });

  await step('reported draft with notices', ['POST /api/drafts/:id/comments', 'PUT /api/comments/:id/disposition', 'POST /api/drafts/:id/adoption-report'], async () => {
    const reported = await createPublishedDraft(t, team);
    world.drafts.reported = reported;
    add('draft', reported.draftId);
    for (const p of persons.filter((x) => x.user)) add('comment', (await comment(t, reported.draftId, p.user!, { text: personalComment(p) })).id);
    for (const text of opts.extraTexts ?? []) add('comment', (await comment(t, reported.draftId, persons[0].user!, { text })).id);
    if (has('POST /api/drafts/:id/comments/offline')) {
      const c = await offlineComment(t, reported.draftId, organizer, {
        text: personalComment(author),
        author: { name: author.displayName, email: author.email, phone: author.phone, address: author.address },
      });
      add('comment', c.id);
    }
    if (has('POST /api/drafts/:id/comments/offline')) {
      // A letter writer with a postal address only: the notice goes out as a printed letter.
      const c = await offlineComment(t, reported.draftId, organizer, {
        text: personalComment(letterWriter),
        channel: 'letter',
        author: { name: letterWriter.displayName, phone: letterWriter.phone, address: letterWriter.address },
      });
      add('comment', c.id);
    }
    await closeDraftNow(t, reported.draftId);
    await disposeAll(t, reported.draftId, organizer, { outcome: 'not_adopted', basis: 'feasibility', reason: '现阶段停车泊位不足，暂不采纳' });
    const res = await t.http().post(`/api/drafts/${reported.draftId}/adoption-report`).set(organizer.auth);
    if (res.status >= 300) throw new Error(`adoption report: ${res.status} ${JSON.stringify(res.body)}`);
    if (opts.worker) {
      await t.startWorker();
      await waitFor(async () => {
        // In-site notices only: email waits for an SMTP server the tests may not run.
        const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM notice WHERE draft_id = $1 AND status = 'pending' AND channel = 'inbox'`, [reported.draftId]);
        const { rows: made } = await t.sql.query(`SELECT count(*)::int AS n FROM notice WHERE draft_id = $1`, [reported.draftId]);
        return made[0].n > 0 && rows[0].n === 0;
      }, 30_000);
    }
  });

  await step('notices in an inbox', ['GET /api/me/notices'], async () => {
    const res = await t.http().get('/api/me/notices?pageSize=100').set(persons[0].user!.auth);
    for (const n of res.body?.items ?? []) add('notice', n.id);
  });

  return world;
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The candidate values for a path parameter: real ids of that resource when known. */
export function idsForParam(world: Pick<Consultation, 'ids'>, path: string, param: string): string[] {
  const segments = path.split('/');
  const at = segments.indexOf(`:${param}`);
  const noun = /Id$/.test(param) ? param.replace(/Id$/, '') : singular(segments[at - 1] ?? param);
  return world.ids[noun] ?? world.ids[param] ?? [];
}

const singular = (s: string) => (s.endsWith('ies') ? `${s.slice(0, -3)}y` : s.endsWith('s') ? s.slice(0, -1) : s);
