// Notices for e2e tests of any feature: verified residents, publishing the adoption report, and
// waiting for a notice run to settle. Everything goes through HTTP except email verification
// (SQL: the verification link is another feature's flow).
import type { TestApp } from '../setup/test-app';
import { closeDraftNow, PublishedDraft } from './drafts';
import { resident, SignedIn } from './users';

/** A resident whose email address is verified, so notices are also emailed to them. */
export async function verifiedResident(t: TestApp, displayName = '王小明'): Promise<SignedIn> {
  const who = await resident(t, displayName);
  await t.sql.query(`UPDATE app_user SET email_verified_at = now() WHERE id = $1`, [who.id]);
  return who;
}

export async function dispose(t: TestApp, organizer: SignedIn, commentId: string, disposition: { outcome: string; basis?: string; reason?: string }): Promise<void> {
  await t.http().put(`/api/comments/${commentId}/disposition`).set(organizer.auth).send(disposition).expect(200);
}

/** Publishes the adoption report (closing the window first when still open); returns the report. */
export async function publishReport(t: TestApp, draft: Pick<PublishedDraft, 'draftId' | 'organizer'>): Promise<any> {
  const { rows } = await t.sql.query(`SELECT status FROM draft WHERE id = $1`, [draft.draftId]);
  if (rows[0]?.status === 'open') await closeDraftNow(t, draft.draftId);
  const res = await t.http().post(`/api/drafts/${draft.draftId}/adoption-report`).set(draft.organizer.auth);
  if (res.status !== 201 && res.status !== 200) throw new Error(`publishReport: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Polls until `check` returns a value (not undefined, null or false) or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 20000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== null && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The progress of the draft's latest notice run (of `kind`) once it is fanned out and no inbox or
 * email notice is pending (letters wait for the organizer and do not count).
 */
export async function settled(t: TestApp, draftId: string, staff: SignedIn, kind?: string, timeoutMs = 30000): Promise<any> {
  return eventually(
    async () => {
      const { rows } = await t.sql.query(
        `SELECT count(*)::int AS n FROM notice WHERE draft_id = $1 AND status = 'pending' AND channel IN ('inbox', 'email')`,
        [draftId],
      );
      if (rows[0].n > 0) return undefined;
      const res = await t.http().get(`/api/drafts/${draftId}/notices${kind ? `?kind=${kind}` : ''}`).set(staff.auth).expect(200);
      return res.body.fannedOutAt && (!kind || res.body.kind === kind) ? res.body : undefined;
    },
    timeoutMs,
    `notice run of draft ${draftId} to settle`,
  );
}

/** The signed-in person's inbox (first page, newest first). */
export async function inbox(t: TestApp, who: SignedIn): Promise<any> {
  return (await t.http().get('/api/me/notices?pageSize=100').set(who.auth).expect(200)).body;
}

/**
 * `n` verified residents, each with one dispositioned web comment on the draft, and a published
 * adoption report — written with SQL in a few statements, for runs of thousands of notices (the
 * HTTP path hashes a password per account). The comments carry placeholder log hashes: only the
 * notices are under test. Returns the report version; the fan-out job is the caller's to queue.
 */
export async function bulkReport(t: TestApp, draftId: string, organizerId: string, n: number): Promise<number> {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  await t.sql.query(
    `INSERT INTO app_user (email, password_hash, display_name, roles, email_verified_at)
     SELECT 'bulk' || g || '.' || $2 || '@example.com', 'not-a-hash', '居民' || g, '{resident}', now() FROM generate_series(1, $1::int) g`,
    [n, tag],
  );
  await t.sql.query(
    `INSERT INTO comment (id, draft_id, version, seq, anchor, plan_index, stance, text, channel, received_at, author_id, author_name, author_ref, leaf_hash, root_hash)
     SELECT gen_random_uuid(), $1, 1, base.s + row_number() OVER (ORDER BY u.email), 'a7', -1, 'amend', '建议夜间停车免费（' || u.display_name || '）', 'web', now(),
            u.id, u.display_name, 'ref-' || u.id, repeat('0', 64), repeat('0', 64)
       FROM app_user u, (SELECT coalesce(max(seq), 0) AS s FROM comment WHERE draft_id = $1) base
      WHERE u.email LIKE 'bulk%.' || $2 || '@example.com'`,
    [draftId, tag],
  );
  await t.sql.query(
    `INSERT INTO comment_disposition (comment_id, draft_id, outcome, reason, decided_by, decided_at)
     SELECT id, draft_id, 'adopted', '已采纳', $2, now() - interval '1 minute' FROM comment c
      WHERE draft_id = $1 AND NOT EXISTS (SELECT 1 FROM comment_disposition d WHERE d.comment_id = c.id)`,
    [draftId, organizerId],
  );
  const { rows } = await t.sql.query(
    `INSERT INTO adoption_report (draft_id, report_version, published_at, published_by, tree_size, root_hash, snapshot)
     SELECT $1, coalesce(max(report_version), 0) + 1, now(), $2, (SELECT count(*) FROM comment WHERE draft_id = $1), repeat('0', 64),
            '{"format": "adoption-report/1", "clusters": []}'::jsonb
       FROM adoption_report WHERE draft_id = $1
     RETURNING report_version`,
    [draftId, organizerId],
  );
  return rows[0].report_version;
}
