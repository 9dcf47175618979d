// Kill -9 the worker in the middle of a large notice run, start a new one: every in-site notice
// exists once and is delivered once, every email arrives at least once and always under the one
// Message-ID of its recipient (a resend after the crash repeats it, never invents a second one).
//
// Size: 50,000 verified residents = 100,000 notices (an inbox and an email each), as the issue
// asks; FAULT_NOTICE_PARTICIPANTS=10000 runs a quicker 20k by hand. Waits scale with the size.
import { createPublishedDraft, closeDraftNow } from '../factories/drafts';
import { ControlledSmtp, startControlledSmtp } from '../factories/smtp';
import { eventually, figures, Proc, sleep, Stack, startStack } from './harness';

const PARTICIPANTS = Number(process.env.FAULT_NOTICE_PARTICIPANTS ?? 50_000);
/** Waits were tuned on 10,000 participants; larger runs get proportionally longer ones. */
const SCALE = Math.max(1, PARTICIPANTS / 10_000);

jest.setTimeout(180_000 * SCALE);

describe('fault: the worker is killed (SIGKILL) in the middle of a notice run', () => {
  let s: Stack;
  let sink: ControlledSmtp;

  beforeAll(async () => {
    // A relay that takes a moment to acknowledge each message: some are in flight when the worker dies.
    sink = await startControlledSmtp({ delayMs: 20 });
    s = await startStack();
  });
  afterAll(async () => {
    await s?.destroy();
    await sink?.close();
  });

  it(`ends with ${PARTICIPANTS} inbox notices exactly once and ${PARTICIPANTS} emails at least once under one Message-ID each`, async () => {
    const api = await s.api({ SMTP_URL: sink.url });
    const t = s.handle(api);
    const d = await createPublishedDraft(t);
    await closeDraftNow(t, d.draftId);

    // Participants in a few SQL statements: verified residents, one dispositioned comment each.
    const tag = Date.now().toString(36);
    await s.sql.query(
      `INSERT INTO app_user (email, password_hash, display_name, roles, email_verified_at)
       SELECT 'p' || g || '.' || $2 || '@example.com', 'not-a-hash', '居民' || g, '{resident}', now() FROM generate_series(1, $1::int) g`,
      [PARTICIPANTS, tag],
    );
    await s.sql.query(
      `INSERT INTO comment (id, draft_id, version, seq, anchor, plan_index, stance, text, channel, received_at, author_id, author_name, author_ref, leaf_hash, root_hash)
       SELECT gen_random_uuid(), $1, 1, row_number() OVER (ORDER BY u.email), 'a7', -1, 'amend', '建议夜间停车免费（' || u.display_name || '）', 'web', now(),
              u.id, u.display_name, 'ref-' || u.id, repeat('0', 64), repeat('0', 64)
         FROM app_user u WHERE u.email LIKE 'p%.' || $2 || '@example.com'`,
      [d.draftId, tag],
    );
    await s.sql.query(
      `INSERT INTO comment_disposition (comment_id, draft_id, outcome, reason, decided_by, decided_at)
       SELECT id, draft_id, 'adopted', '已采纳', $2, now() - interval '1 minute' FROM comment WHERE draft_id = $1`,
      [d.draftId, d.organizer.id],
    );
    await s.sql.query('ANALYZE');

    // The report is published through the API, which queues the fan-out (the outbox).
    const pub = await t.http().post(`/api/drafts/${d.draftId}/adoption-report`).set(d.organizer.auth);
    expect([200, 201]).toContain(pub.status);

    const t0 = Date.now();
    let first: Proc = await s.worker({ SMTP_URL: sink.url });
    const count = async (where: string) =>
      (await s.sql.query(`SELECT count(*)::int AS n FROM notice WHERE draft_id = $1 AND ${where}`, [d.draftId])).rows[0].n as number;
    // Kill once a good part of the run is done, but far from all of it.
    await eventually(async () => sink.mails.length >= PARTICIPANTS / 5 || (await count(`status = 'delivered'`)) >= (2 * PARTICIPANTS) / 5, 120_000 * SCALE, 'a fifth of the run before the crash');
    await first.kill9();
    const atCrash = { mails: sink.mails.length, delivered: await count(`status = 'delivered'`), rows: await count('true') };
    expect(atCrash.delivered).toBeLessThan(2 * PARTICIPANTS); // the crash interrupted the run

    await sleep(500);
    first = await s.worker({ SMTP_URL: sink.url, NOTICE_SWEEP_MS: '2000' });
    await eventually(
      async () => (await count('true')) === 2 * PARTICIPANTS && (await count(`status <> 'delivered' AND channel IN ('inbox','email')`)) === 0,
      150_000 * SCALE,
      'every notice delivered after the restart',
    );
    const seconds = (Date.now() - t0) / 1000;

    const inbox = (
      await s.sql.query(
        `SELECT count(*)::int AS n, count(DISTINCT recipient)::int AS people, max(attempts)::int AS most, min(attempts)::int AS least
           FROM notice WHERE draft_id = $1 AND channel = 'inbox'`,
        [d.draftId],
      )
    ).rows[0];
    expect(inbox).toEqual({ n: PARTICIPANTS, people: PARTICIPANTS, most: 1, least: 1 });

    // Every email: at least one message, all of a recipient's messages share its one Message-ID.
    await eventually(async () => new Set(sink.mails.flatMap((m) => m.to)).size >= PARTICIPANTS, 30_000 * SCALE, 'every address to receive mail');
    const emails = (await s.sql.query(`SELECT address, message_id FROM notice WHERE draft_id = $1 AND channel = 'email'`, [d.draftId])).rows;
    expect(emails).toHaveLength(PARTICIPANTS);
    const received = new Map<string, string[]>();
    for (const m of sink.mails) for (const to of m.to) received.set(to, [...(received.get(to) ?? []), m.messageId]);
    let lost = 0;
    let wrongId = 0;
    let resent = 0;
    for (const row of emails) {
      const ids = received.get(row.address) ?? [];
      if (ids.length === 0) lost++;
      if (ids.some((id) => id !== row.message_id)) wrongId++;
      resent += Math.max(0, ids.length - 1);
    }
    const distinctIds = new Set(sink.mails.map((m) => m.messageId)).size;
    figures('worker-crash', { participants: PARTICIPANTS, notices: 2 * PARTICIPANTS, atCrash, seconds, mails: sink.mails.length, distinctMessageIds: distinctIds, resent, lost, wrongId, inboxDuplicates: inbox.n - inbox.people });
    expect(lost).toBe(0);
    expect(wrongId).toBe(0);
    expect(distinctIds).toBe(PARTICIPANTS);
  });
});
