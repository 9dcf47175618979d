import type { INestApplicationContext } from '@nestjs/common';
import { comment } from '../factories/comments';
import { createPublishedDraft, PublishedDraft } from '../factories/drafts';
import { resident, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';

// Near-identical texts of a campaign, and two unrelated ones.
const CAMPAIGN = '坚决反对第七条道路停车泊位分时段差别化收费的规定，这会大大增加老旧小区居民的停车负担，请取消该条';
const campaignText = (i: number) => `${CAMPAIGN}！居民${i}号`;

/** The analysis cursor and log size, straight from the database. */
async function progress(t: TestApp, draftId: string): Promise<{ analysed: number; stored: number }> {
  const { rows } = await t.sql.query(
    `SELECT l.tree_size::int AS stored, coalesce(s.clustered_seq, 0)::int AS analysed
       FROM comment_log l LEFT JOIN comment_analysis_state s USING (draft_id) WHERE l.draft_id = $1`,
    [draftId],
  );
  return rows[0];
}

async function untilAnalysed(t: TestApp, draftId: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const p = await progress(t, draftId);
    if (p.analysed === p.stored) return;
    if (Date.now() > until) throw new Error(`analysis stuck at ${p.analysed} of ${p.stored}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function clusterSizes(t: TestApp, draftId: string): Promise<number[]> {
  const { rows } = await t.sql.query(`SELECT size FROM comment_cluster WHERE draft_id = $1 ORDER BY size DESC`, [draftId]);
  return rows.map((r) => r.size);
}

describe('Analysis in the worker, off the intake path (e2e)', () => {
  let t: TestApp;
  let d: PublishedDraft;
  let people: SignedIn[];
  let worker: INestApplicationContext;

  beforeAll(async () => {
    t = await createTestApp();
    d = await createPublishedDraft(t);
    people = await Promise.all(Array.from({ length: 8 }, (_, i) => resident(t, `居民${i}`)));
    worker = await t.startWorker();
  });

  afterAll(async () => {
    await t.close();
  });

  it('stores comments without analysing them; the worker clusters them with nobody reading', async () => {
    for (let i = 0; i < 5; i++) await comment(t, d.draftId, people[i], { anchor: 'a7', stance: 'oppose', text: campaignText(i) });
    await comment(t, d.draftId, people[5], { anchor: 'a1', stance: 'support', text: '支持出台停车管理办法。' });
    await untilAnalysed(t, d.draftId);
    expect(await clusterSizes(t, d.draftId)).toEqual([5]);
    const { rows: terms } = await t.sql.query(`SELECT count::int AS n FROM comment_keyword_stats WHERE draft_id = $1 AND term = '停车'`, [d.draftId]);
    expect(terms[0].n).toBe(6);
    // One signature per comment, in log order: what a restarted process rebuilds its index from.
    const { rows: sigs } = await t.sql.query(`SELECT seq::int AS seq, signature FROM comment_signature WHERE draft_id = $1 ORDER BY seq`, [d.draftId]);
    expect(sigs.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sigs.every((r) => /^mh1:[0-9a-f]{256}$/.test(r.signature))).toBe(true);
  });

  it('shows staff what was just stored, although the worker holds the pass', async () => {
    await comment(t, d.draftId, people[6], { anchor: 'a7', stance: 'oppose', text: campaignText(6) });
    const res = await t.http().get(`/api/drafts/${d.draftId}/analysis`).set(d.organizer.auth).expect(200);
    expect(res.body.analysedThrough).toBe(7);
    expect(res.body.treeSize).toBe(7);
    expect(res.body.clusters[0].size).toBe(6);
  });

  it('lets the API take over at once when the worker stops, with the same clusters rebuilt', async () => {
    await worker.close();
    await comment(t, d.draftId, people[7], { anchor: 'a7', stance: 'oppose', text: campaignText(7) });
    // The stopped worker let go of its lease: the API's own pass runs now, rather than after it expires.
    const res = await t.http().get(`/api/drafts/${d.draftId}/analysis`).set(d.organizer.auth).expect(200);
    expect(res.body.analysedThrough).toBe(8);
    expect(res.body.clusters[0].size).toBe(7);
    expect(await clusterSizes(t, d.draftId)).toEqual([7]);
  });
});
