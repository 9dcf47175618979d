import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { MAX_IN_FLIGHT } from '../../src/modules/comments/intake/comment-batcher';
import { IntakeRepository } from '../../src/modules/comments/intake/intake.repository';
import { merkleRoot } from '../../src/modules/comments/log/merkle';
import { comment, commentBody } from '../factories/comments';
import { alternativePlans, closeDraftNow, createPublishedDraft, PublishedDraft } from '../factories/drafts';
import { resident, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';

const DAY = 24 * 3600 * 1000;

/** Statements of the intake that PostgreSQL is holding on a lock right now. */
async function waitingOnLocks(t: TestApp): Promise<number> {
  const { rows } = await t.sql.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%comment_log%' AND datname = current_database()`,
  );
  return rows[0].n;
}

/** Polls until `check` holds; false if it still does not after `ms`. */
async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

describe('Comment intake (e2e)', () => {
  let t: TestApp;
  let open: PublishedDraft;
  let citizen: SignedIn;
  let neighbour: SignedIn;

  const stored = async (draftId: string): Promise<number> =>
    Number((await t.sql.query(`SELECT count(*) AS n FROM comment WHERE draft_id = $1`, [draftId])).rows[0].n);
  const post = (draftId: string, who: SignedIn | null, body: object, key?: string) => {
    const req = t.http().post(`/api/drafts/${draftId}/comments`);
    if (who) req.set(who.auth);
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };

  beforeAll(async () => {
    t = await createTestApp();
    open = await createPublishedDraft(t, { fields: { alternatives: alternativePlans() } });
    citizen = await resident(t, '王小明');
    neighbour = await resident(t, '李华');
  });

  afterAll(async () => {
    await t.close();
  });

  describe('POST /api/drafts/:id/comments', () => {
    it('stores a comment and answers 201 with its log receipt (leafIndex = seq - 1)', async () => {
      const draft = await createPublishedDraft(t);
      const res = await post(draft.draftId, citizen, { anchor: 'a7', stance: 'oppose', text: '收费标准过高。' }).expect(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        seq: 1,
        receipt: { leafIndex: 0, leafHash: expect.stringMatching(/^[0-9a-f]{64}$/), treeSize: 1, rootHash: res.body.receipt.leafHash },
      });
      const second = await post(draft.draftId, neighbour, { anchor: 'a1', stance: 'support', text: '支持。' }).expect(201);
      expect(second.body.seq).toBe(2);
      expect(second.body.receipt).toMatchObject({ leafIndex: 1, treeSize: 2 });
      const log = await t.http().get(`/api/drafts/${draft.draftId}/log`).expect(200);
      expect(log.body).toEqual({ treeSize: 2, rootHash: second.body.receipt.rootHash });
    });

    it('records the comment exactly as sent, with its author, channel web and the draft version', async () => {
      const text = '  第七条收费标准\n建议分时段。  ';
      const res = await post(open.draftId, citizen, { anchor: 'a7', stance: 'amend', text }).expect(201);
      const { rows } = await t.sql.query(`SELECT * FROM comment WHERE id = $1`, [res.body.id]);
      expect(rows[0]).toMatchObject({ text, channel: 'web', author_id: citizen.id, author_name: '王小明', version: 1, plan_index: -1, entered_by: null });
      expect(rows[0].author_ref).toMatch(/^u:[0-9a-f-]{36}$/);
    });

    it('anchors a comment to a quoted span of the unit and keeps the quoted text', async () => {
      const unit = open.draft.units.find((u: any) => u.anchor === 'a7');
      const start = unit.text.indexOf('分时段');
      const res = await post(open.draftId, citizen, { anchor: 'a7', stance: 'question', text: '分时段如何划分？', quote: { start, end: start + 3 } }).expect(201);
      const { rows } = await t.sql.query(`SELECT quote_start, quote_end, quote_text FROM comment WHERE id = $1`, [res.body.id]);
      expect(rows[0]).toEqual({ quote_start: start, quote_end: start + 3, quote_text: '分时段' });
    });

    it('anchors a comment to an alternative plan (R3)', async () => {
      const anchor = open.draft.alternatives[1].units[0].anchor;
      const res = await post(open.draftId, citizen, { anchor, planIndex: 1, stance: 'support', text: '赞成方案二。' }).expect(201);
      const { rows } = await t.sql.query(`SELECT plan_index FROM comment WHERE id = $1`, [res.body.id]);
      expect(rows[0].plan_index).toBe(1);
    });

    it('answers 401 without a token', async () => {
      await post(open.draftId, null, commentBody()).expect(401);
    });

    it('answers 404 for an unknown draft and 400 for an id that is not a UUID', async () => {
      await post(randomUUID(), citizen, commentBody()).expect(404);
      const res = await post('not-a-uuid', citizen, commentBody()).expect(400);
      expect(res.body.message).toMatch(/id must be a UUID/);
    });

    describe('bad input is 400 naming the problem, and nothing is stored', () => {
      let before: number;
      beforeEach(async () => {
        before = await stored(open.draftId);
      });
      afterEach(async () => {
        expect(await stored(open.draftId)).toBe(before);
      });

      it('an anchor that is not a unit of the draft', async () => {
        const res = await post(open.draftId, citizen, commentBody({ anchor: 'a99' })).expect(400);
        expect(res.body.message).toMatch(/anchor 'a99' is not a unit of the main text in version 1/);
      });

      it('a plan the draft does not have', async () => {
        const res = await post(open.draftId, citizen, commentBody({ anchor: 'a1', planIndex: 5 })).expect(400);
        expect(res.body.message).toMatch(/planIndex 5 is not an alternative plan/);
      });

      it('a quote beyond the unit text', async () => {
        const res = await post(open.draftId, citizen, commentBody({ quote: { start: 2, end: 10_000 } })).expect(400);
        expect(res.body.message).toMatch(/quote.end 10000 is beyond the text of unit 'a7'/);
      });

      it('a quote that ends before it starts', async () => {
        const res = await post(open.draftId, citizen, commentBody({ quote: { start: 5, end: 3 } })).expect(400);
        expect(res.body.message).toMatch(/quote.end must be after quote.start/);
      });

      it('text over 5,000 characters', async () => {
        const res = await post(open.draftId, citizen, commentBody({ text: '长'.repeat(5001) })).expect(400);
        expect(res.body.message).toMatch(/text is at most 5000 characters/);
      });

      it('accepts exactly 5,000 characters, counted as characters not bytes', async () => {
        await post(open.draftId, citizen, commentBody({ text: '𠀀'.repeat(5000) })).expect(201);
        before += 1;
      });

      it('empty or blank text', async () => {
        expect((await post(open.draftId, citizen, commentBody({ text: '' })).expect(400)).body.message).toMatch(/text must not be empty/);
        expect((await post(open.draftId, citizen, commentBody({ text: ' \n ' })).expect(400)).body.message).toMatch(/text must not be blank/);
      });

      it('an unknown stance or an unknown field', async () => {
        expect((await post(open.draftId, citizen, commentBody({ stance: 'angry' })).expect(400)).body.message).toMatch(/stance must be one of/);
        expect((await post(open.draftId, citizen, { ...commentBody(), channel: 'fax' }).expect(400)).body.message).toMatch(/channel should not exist/);
      });

      it('a malformed Idempotency-Key', async () => {
        const res = await post(open.draftId, citizen, commentBody(), 'has spaces in it').expect(400);
        expect(res.body.message).toMatch(/Idempotency-Key/);
      });
    });
  });

  describe('the comment window', () => {
    it('answers 409 once the window has closed, and stores nothing', async () => {
      const draft = await createPublishedDraft(t);
      await comment(t, draft.draftId, citizen);
      await closeDraftNow(t, draft.draftId);
      const res = await post(draft.draftId, citizen, commentBody()).expect(409);
      expect(res.body.message).toMatch(/closed/);
      expect(await stored(draft.draftId)).toBe(1);
    });

    it('answers 409 before the window opens (staff can already see the scheduled draft)', async () => {
      const now = Date.now();
      const draft = await createPublishedDraft(t, {
        fields: { commentOpensAt: new Date(now + DAY).toISOString(), commentClosesAt: new Date(now + 15 * DAY).toISOString() },
      });
      expect(draft.draft.status).toBe('scheduled');
      const res = await post(draft.draftId, draft.organizer, commentBody()).expect(409);
      expect(res.body.message).toMatch(/not open for comment|not opened yet/);
      // The public does not see it yet at all.
      await post(draft.draftId, citizen, commentBody()).expect(404);
    });
  });

  describe('Idempotency-Key', () => {
    it('a replay with the same key and body answers 201 with the identical body and stores nothing', async () => {
      const key = randomUUID();
      const body = commentBody();
      const first = await post(open.draftId, citizen, body, key).expect(201);
      const before = await stored(open.draftId);
      await comment(t, open.draftId, neighbour); // the log moves on meanwhile
      const replay = await post(open.draftId, citizen, body, key).expect(201);
      expect(replay.body).toEqual(first.body);
      expect(await stored(open.draftId)).toBe(before + 1);
      const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM comment WHERE idempotency_key = $1`, [key]);
      expect(rows[0].n).toBe(1);
    });

    it('the same key with another body is 409, and stores nothing', async () => {
      const key = randomUUID();
      await post(open.draftId, citizen, commentBody({ text: '第一次' }), key).expect(201);
      const before = await stored(open.draftId);
      const res = await post(open.draftId, citizen, commentBody({ text: '第二次' }), key).expect(409);
      expect(res.body.message).toMatch(/Idempotency-Key was already used with a different request body/);
      // Another draft counts as another body too.
      const other = await createPublishedDraft(t);
      await post(other.draftId, citizen, commentBody({ text: '第一次' }), key).expect(409);
      expect(await stored(open.draftId)).toBe(before);
    });

    it('keys belong to their author: another person may use the same key', async () => {
      const key = randomUUID();
      const a = await post(open.draftId, citizen, commentBody({ text: '同一个键' }), key).expect(201);
      const b = await post(open.draftId, neighbour, commentBody({ text: '同一个键' }), key).expect(201);
      expect(b.body.id).not.toBe(a.body.id);
    });

    it('concurrent retries with the same key store one comment and all get the same answer', async () => {
      const key = randomUUID();
      const body = commentBody({ text: '网络不好，重试了很多次。' });
      const answers = await Promise.all(Array.from({ length: 12 }, () => post(open.draftId, citizen, body, key)));
      expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
      for (const a of answers) expect(a.body).toEqual(answers[0].body);
      const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM comment WHERE author_id = $1 AND idempotency_key = $2`, [citizen.id, key]);
      expect(rows[0].n).toBe(1);
    });

    it('a replay after the window closed still returns the stored receipt', async () => {
      const draft = await createPublishedDraft(t);
      const key = randomUUID();
      const body = commentBody();
      const first = await post(draft.draftId, citizen, body, key).expect(201);
      await closeDraftNow(t, draft.draftId);
      const replay = await post(draft.draftId, citizen, body, key).expect(201);
      expect(replay.body).toEqual(first.body);
      await post(draft.draftId, citizen, commentBody(), key).expect(409);
    });
  });

  it('gives a 5-way concurrent burst consecutive seqs without gaps', async () => {
    const draft = await createPublishedDraft(t);
    const people = await Promise.all(Array.from({ length: 5 }, (_, i) => resident(t, `居民${i}`)));
    const results = await Promise.all(
      people.map(async (p) => {
        const mine: number[] = [];
        for (let i = 0; i < 20; i++) mine.push((await comment(t, draft.draftId, p)).seq);
        return mine;
      }),
    );
    const seqs = results.flat().sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    // Each person's own comments got increasing positions.
    for (const mine of results) expect([...mine].sort((a, b) => a - b)).toEqual(mine);
    const { rows } = await t.sql.query(`SELECT min(seq)::int AS lo, max(seq)::int AS hi, count(*)::int AS n FROM comment WHERE draft_id = $1`, [draft.draftId]);
    expect(rows[0]).toEqual({ lo: 1, hi: 100, n: 100 });
    const log = await t.http().get(`/api/drafts/${draft.draftId}/log`).expect(200);
    expect(log.body.treeSize).toBe(100);
  });

  it('stores a lone instance\'s batches in one statement each (keys checked in it), not under the row lock', async () => {
    const draft = await createPublishedDraft(t);
    const overload = async () => (await t.http().get('/api/health').expect(200)).body.info.overload;
    const before = await overload();
    for (let i = 0; i < 5; i++) await comment(t, draft.draftId, citizen, { text: `第${i}条意见` }, randomUUID());
    const after = await overload();
    // The first batch of a draft learns the head under the lock; the next ones build on it.
    expect(after.intakeCommitsUnderLock - before.intakeCommitsUnderLock).toBe(1);
    expect(after.intakeCommitsOneStatement - before.intakeCommitsOneStatement).toBe(4);
  });

  it('keeps a lone instance on the one statement when batches reach PostgreSQL out of order', async () => {
    // Two group commits run at once; the second is planned on top of the first and may reach
    // PostgreSQL before it, fail, and be sent again. Here the first batch (A) is held back, so the
    // second (B) overtakes it; then B's second sending is held back, so the third (C) overtakes
    // that too. C must wait for B's outcome and retry, not give up and take the row lock.
    const draft = await createPublishedDraft(t);
    await post(draft.draftId, citizen, commentBody()).expect(201); // learns the head under the lock
    const pipeline = (t.app.get(IntakeRepository) as unknown as { pipeline: { query: (...a: unknown[]) => Promise<unknown> } }).pipeline;
    const query = pipeline.query;
    const holdBack = [300, 0, 300]; // the 1st, 2nd and 3rd one-statement commits from here on
    pipeline.query = function (this: unknown, draftId: unknown, cfg: unknown) {
      const delay = holdBack.shift() ?? 0;
      const run = () => query.call(this, draftId, cfg);
      return delay ? new Promise((r) => setTimeout(r, delay)).then(run) : run();
    };
    try {
      const overload = async () => (await t.http().get('/api/health').expect(200)).body.info.overload;
      const before = await overload();
      const send = () => post(draft.draftId, citizen, commentBody()).then((r) => r); // started now, not when awaited
      const a = send();
      await new Promise((r) => setTimeout(r, 60));
      const b = send();
      await new Promise((r) => setTimeout(r, 60));
      const c = send(); // waits in the batcher until A has landed, then overtakes B's second sending
      const answers = await Promise.all([a, b, c]);
      expect(answers.map((x) => x.status)).toEqual([201, 201, 201]);
      expect(answers.map((x) => x.body.seq)).toEqual([2, 3, 4]);
      const after = await overload();
      expect(after.intakeCommitsUnderLock - before.intakeCommitsUnderLock).toBe(0);
      expect(after.intakeCommitsOneStatement - before.intakeCommitsOneStatement).toBe(3);
      expect(holdBack).toEqual([]);
    } finally {
      pipeline.query = query;
    }
  });

  it('a batch sent while the one before it is still committing runs after it, and is sent once', async () => {
    // A's statement is held inside PostgreSQL after it moved the head (its foreign-key check waits
    // on a unit row this test locks); B, planned on A's head, is sent meanwhile. B must run after A
    // and find A's head, not read the older head, give up and be sent a second time.
    const draft = await createPublishedDraft(t);
    await post(draft.draftId, citizen, commentBody()).expect(201); // learns the head under the lock
    const overload = async () => (await t.http().get('/api/health').expect(200)).body.info.overload;
    const before = await overload();
    const locker = new Client({ connectionString: t.cfg.DATABASE_URL });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query(`SELECT 1 FROM draft_unit WHERE draft_id = $1 AND anchor = 'a7' FOR UPDATE`, [draft.draftId]);
      const a = post(draft.draftId, citizen, commentBody({ anchor: 'a7' })).then((r) => r);
      expect(await eventually(async () => (await waitingOnLocks(t)) >= 1, 5000)).toBe(true);
      const b = post(draft.draftId, neighbour, commentBody({ anchor: 'a1' })).then((r) => r);
      // B is sent behind A (sent on a pooled connection, the first one-statement commit came
      // straight back empty and was sent again).
      await new Promise((r) => setTimeout(r, 300));
      await locker.query('COMMIT');
      const answers = await Promise.all([a, b]);
      expect(answers.map((x) => [x.status, x.body.seq])).toEqual([[201, 2], [201, 3]]);
      const after = await overload();
      expect(after.intakeStatementsResent - before.intakeStatementsResent).toBe(0);
      expect(after.intakeCommitsUnderLock - before.intakeCommitsUnderLock).toBe(0);
      expect(after.intakeCommitsOneStatement - before.intakeCommitsOneStatement).toBe(2);
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
    }
  });

  it('returns to the one statement once a moved head has been learned under the lock, under a steady load', async () => {
    // Another writer moves the head (a report publication bumps its epoch): the batches in flight
    // then fall back to the row lock. The batches after them must be planned on the head the last
    // fallback leaves; planned between two fallbacks, each found the head moved again and fell back
    // too, and the fallbacks kept each other going for as long as the load lasted.
    const draft = await createPublishedDraft(t);
    const writers = await Promise.all(Array.from({ length: 12 }, (_, i) => resident(t, `居民甲${i}`)));
    await post(draft.draftId, citizen, commentBody()).expect(201); // learns the head under the lock
    const overload = async () => (await t.http().get('/api/health').expect(200)).body.info.overload;
    const before = await overload();
    await t.sql.query(`UPDATE comment_log SET epoch = epoch + 1 WHERE draft_id = $1`, [draft.draftId]);
    const statuses = await Promise.all(
      writers.map(async (w, i) => {
        const mine: number[] = [];
        for (let n = 0; n < 15; n++) mine.push((await post(draft.draftId, w, commentBody({ text: `意见${i}-${n}` }), randomUUID())).status);
        return mine;
      }),
    );
    expect(statuses.flat().filter((s) => s !== 201)).toEqual([]);
    const after = await overload();
    const underLock = after.intakeCommitsUnderLock - before.intakeCommitsUnderLock;
    // Only the batches already planned on the old head when it moved (at most MAX_IN_FLIGHT).
    expect(underLock).toBeGreaterThanOrEqual(1);
    expect(underLock).toBeLessThanOrEqual(MAX_IN_FLIGHT);
    const log = await t.http().get(`/api/drafts/${draft.draftId}/log`).expect(200);
    expect(log.body.treeSize).toBe(1 + 12 * 15);
  });

  it('keeps one gap-free log when two API instances write to the same draft', async () => {
    const draft = await createPublishedDraft(t);
    const second = await createTestApp({ DATABASE_URL: t.cfg.DATABASE_URL });
    try {
      const post2 = (body: object) => request(second.app.getHttpServer()).post(`/api/drafts/${draft.draftId}/comments`).set(neighbour.auth).send(body);
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 ? post2(commentBody()) : post(draft.draftId, citizen, commentBody()))),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(40).fill(201));
      expect(answers.map((a) => a.body.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      // Every receipt's root is the root of the log's first `seq` leaves.
      const { rows } = await t.sql.query(`SELECT seq::int, leaf_hash, root_hash FROM comment WHERE draft_id = $1 ORDER BY seq`, [draft.draftId]);
      const leaves = rows.map((r) => Buffer.from(r.leaf_hash, 'hex'));
      for (const a of answers) expect(a.body.receipt.rootHash).toBe(merkleRoot(leaves.slice(0, a.body.seq)).toString('hex'));
      const log = await t.http().get(`/api/drafts/${draft.draftId}/log`).expect(200);
      expect(log.body).toEqual({ treeSize: 40, rootHash: merkleRoot(leaves).toString('hex') });
    } finally {
      await second.close();
    }
  });

  it('refuses at the database an anchor that is not a unit of that version', async () => {
    await expect(
      t.sql.query(
        `INSERT INTO comment (id, draft_id, version, seq, anchor, stance, text, channel, received_at, author_id, author_name, author_ref, leaf_hash, root_hash)
         VALUES (gen_random_uuid(), $1, 1, 100000, 'nowhere', 'support', 'x', 'web', now(), $2, 'x', 'u:x', repeat('0', 64), repeat('0', 64))`,
        [open.draftId, citizen.id],
      ),
    ).rejects.toThrow(/comment_unit_fk/);
  });

  it.each([
    ['too short', 'abc'],
    ['upper case', 'A'.repeat(64)],
    ['not hex', 'g'.repeat(64)],
    ['too long', '0'.repeat(65)],
  ])('refuses at the database a leaf or root hash that is not 64 lower-case hex digits (%s)', async (_, bad) => {
    const insert = (leaf: string, root: string) =>
      t.sql.query(
        `INSERT INTO comment (id, draft_id, version, seq, anchor, stance, text, channel, received_at, author_id, author_name, author_ref, leaf_hash, root_hash)
         VALUES (gen_random_uuid(), $1, 1, 100001, 'a1', 'support', 'x', 'web', now(), $2, 'x', 'u:x', $3, $4)`,
        [open.draftId, citizen.id, leaf, root],
      );
    await expect(insert(bad, '0'.repeat(64))).rejects.toThrow(/comment_leaf_hash_check/);
    await expect(insert('0'.repeat(64), bad)).rejects.toThrow(/comment_root_hash_check/);
  });
});
