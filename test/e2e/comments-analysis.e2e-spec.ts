import { randomUUID } from 'node:crypto';
import { analysisCaughtUp, comment, StoredComment } from '../factories/comments';
import { createPublishedDraft, draftStaff, PublishedDraft } from '../factories/drafts';
import { resident, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';

// A campaign: one template sent by many people with small edits (signatures, punctuation).
const CAMPAIGN = '坚决反对第七条道路停车泊位分时段差别化收费的规定，这会大大增加老旧小区居民的停车负担，请取消该条，保留夜间免费停车政策';
const campaignText = (i: number) => (i % 2 ? `${CAMPAIGN}！！居民${i}号` : `${CAMPAIGN.replace('坚决', '')}。——业主${i}`);
const PAIR = '建议在第五条中明确新建住宅小区的停车位配建比例不低于一比一点二，并向社会公开配建标准';

describe('Analysis and dispositions (e2e)', () => {
  let t: TestApp;
  let d: PublishedDraft;
  let people: SignedIn[];
  let campaign: StoredComment[];
  let pair: StoredComment[];
  let singles: StoredComment[];

  beforeAll(async () => {
    t = await createTestApp();
    d = await createPublishedDraft(t);
    people = await Promise.all(Array.from({ length: 8 }, (_, i) => resident(t, `居民${i}`)));
    campaign = [];
    for (let i = 0; i < 6; i++) campaign.push(await comment(t, d.draftId, people[i], { anchor: 'a7', stance: 'oppose', text: campaignText(i) }));
    pair = [
      await comment(t, d.draftId, people[6], { anchor: 'a5', stance: 'amend', text: PAIR }),
      await comment(t, d.draftId, people[7], { anchor: 'a5', stance: 'amend', text: `${PAIR}。` }),
    ];
    singles = [
      await comment(t, d.draftId, people[0], { anchor: 'a1', stance: 'support', text: '支持出台停车管理办法，早该规范了。' }),
      await comment(t, d.draftId, people[1], { anchor: 'a9', stance: 'question', text: '罚款由哪个部门执行？' }),
      await comment(t, d.draftId, people[2], { anchor: 'a7', stance: 'support', text: '分时段收费有利于提高泊位周转率，支持。' }),
    ];
  });

  afterAll(async () => {
    await t.close();
  });

  const analysis = (who: SignedIn = d.organizer) => t.http().get(`/api/drafts/${d.draftId}/analysis`).set(who.auth);

  describe('GET /api/drafts/:id/analysis', () => {
    it('counts by stance and per unit, as comments arrive', async () => {
      const a = await analysisCaughtUp(t, d.draftId, d.organizer);
      expect(a.total).toBe(11);
      expect(a.byStance).toEqual({ support: 2, oppose: 6, amend: 2, question: 1, other: 0 });
      const a7 = a.units.find((u: any) => u.anchor === 'a7');
      expect(a7).toEqual({ anchor: 'a7', planIndex: null, version: 1, label: '第七条', total: 7, byStance: { support: 1, oppose: 6, amend: 0, question: 0, other: 0 } });
      // In reading order of the draft.
      expect(a.units.map((u: any) => u.anchor)).toEqual(['a1', 'a5', 'a7', 'a9']);
      expect(a.analysedThrough).toBe(11);
    });

    it('groups campaign texts and copy-paste variants into clusters; the campaign is a concentrated opinion (R8)', async () => {
      const a = await analysisCaughtUp(t, d.draftId, d.organizer);
      expect(a.concentrationThreshold).toBe(5);
      const big = a.clusters.find((k: any) => k.id === campaign[0].id);
      expect(big).toMatchObject({ size: 6, concentrated: true, sample: campaignText(0), sampleId: campaign[0].id, disposition: null });
      expect([...big.commentIds].sort()).toEqual(campaign.map((c) => c.id).sort());
      const small = a.clusters.find((k: any) => k.id === pair[0].id);
      expect(small).toMatchObject({ size: 2, concentrated: false, commentIds: pair.map((c) => c.id) });
      // Unrelated comments are in no cluster.
      const clustered = a.clusters.flatMap((k: any) => k.commentIds);
      for (const s of singles) expect(clustered).not.toContain(s.id);
      expect(a.clusters).toHaveLength(2);
    });

    it('extracts keywords with Chinese word segmentation', async () => {
      const a = await analysisCaughtUp(t, d.draftId, d.organizer);
      const terms = a.keywords.map((k: any) => k.term);
      expect(terms).toEqual(expect.arrayContaining(['停车']));
      expect(a.keywords[0].weight).toBeGreaterThanOrEqual(6);
    });

    it('is for the unit’s staff: 403 for residents and other units, 401 signed out, 404 unknown draft', async () => {
      await analysis(d.reviewer).expect(200);
      await analysis(people[0]).expect(403);
      const other = await draftStaff(t);
      await analysis(other.organizer).expect(403);
      await t.http().get(`/api/drafts/${d.draftId}/analysis`).expect(401);
      await t.http().get(`/api/drafts/${randomUUID()}/analysis`).set(d.organizer.auth).expect(404);
    });

    it('lets the organizer set the concentration threshold, and restore the default', async () => {
      const up = await t.http().put(`/api/drafts/${d.draftId}/analysis/settings`).set(d.organizer.auth).send({ concentrationThreshold: 7 }).expect(200);
      expect(up.body).toMatchObject({ concentrationThreshold: 7, thresholdSet: true });
      expect(up.body.clusters.find((k: any) => k.id === campaign[0].id).concentrated).toBe(false);
      const down = await t.http().put(`/api/drafts/${d.draftId}/analysis/settings`).set(d.organizer.auth).send({ concentrationThreshold: 2 }).expect(200);
      expect(down.body.clusters.every((k: any) => k.concentrated)).toBe(true);
      const reset = await t.http().put(`/api/drafts/${d.draftId}/analysis/settings`).set(d.organizer.auth).send({ concentrationThreshold: null }).expect(200);
      expect(reset.body).toMatchObject({ concentrationThreshold: 5, thresholdSet: false });
      const bad = await t.http().put(`/api/drafts/${d.draftId}/analysis/settings`).set(d.organizer.auth).send({ concentrationThreshold: 1 }).expect(400);
      expect(bad.body.message).toMatch(/concentrationThreshold must be at least 2/);
      await t.http().put(`/api/drafts/${d.draftId}/analysis/settings`).set(d.reviewer.auth).send({ concentrationThreshold: 3 }).expect(403);
    });
  });

  describe('PUT /api/comments/:id/disposition (R6)', () => {
    const put = (id: string, body: object, who: SignedIn = d.organizer) => t.http().put(`/api/comments/${id}/disposition`).set(who.auth).send(body);

    it('records adopted, partially adopted and out of scope without further conditions', async () => {
      const res = await put(singles[0].id, { outcome: 'adopted' }).expect(200);
      expect(res.body).toMatchObject({ commentId: singles[0].id, outcome: 'adopted', basis: null, reason: null, decidedBy: d.organizer.id });
      await put(singles[1].id, { outcome: 'out_of_scope', reason: '属于执法问题' }).expect(200);
      await put(singles[2].id, { outcome: 'partially_adopted', reason: '部分路段采纳' }).expect(200);
    });

    it('refuses "not adopted" without its basis or without a reason (422 R6)', async () => {
      const noBasis = await put(singles[2].id, { outcome: 'not_adopted', reason: '与上位法冲突' }).expect(422);
      expect(noBasis.body.message).toMatch(/^R6: .*basis/);
      const noReason = await put(singles[2].id, { outcome: 'not_adopted', basis: 'legality' }).expect(422);
      expect(noReason.body.message).toMatch(/^R6: .*reason/);
      await put(singles[2].id, { outcome: 'not_adopted', basis: 'legality', reason: '  ' }).expect(422);
      const ok = await put(singles[2].id, { outcome: 'not_adopted', basis: 'other', reason: '财政承受能力不足' }).expect(200);
      expect(ok.body).toMatchObject({ outcome: 'not_adopted', basis: 'other', reason: '财政承受能力不足' });
    });

    it('keeps every change in history, with who and when', async () => {
      const res = await t.http().get(`/api/comments/${singles[2].id}/disposition/history`).set(d.reviewer.auth).expect(200);
      expect(res.body.items.map((h: any) => h.outcome)).toEqual(['partially_adopted', 'not_adopted']);
      expect(res.body.items[1]).toMatchObject({ basis: 'other', reason: '财政承受能力不足', decidedBy: d.organizer.id, decidedByName: '起草人张', decidedAt: expect.any(String) });
      await t.http().get(`/api/comments/${singles[2].id}/disposition/history`).set(people[0].auth).expect(403);
    });

    it('is enforced by the database as well (R6) and history is append only', async () => {
      await expect(
        t.sql.query(
          `INSERT INTO comment_disposition (comment_id, draft_id, outcome, basis, decided_by, decided_at) VALUES ($1, $2, 'not_adopted', 'legality', $3, now())
           ON CONFLICT (comment_id) DO UPDATE SET outcome = excluded.outcome, reason = NULL`,
          [singles[0].id, d.draftId, d.organizer.id],
        ),
      ).rejects.toThrow(/comment_disposition_r6/);
      await expect(t.sql.query(`UPDATE comment_disposition_history SET reason = 'x' WHERE comment_id = $1`, [singles[2].id])).rejects.toThrow(/append only/);
    });

    it('is for the unit’s organizer: 403 for residents, reviewers and other units; 404 unknown; 400 bad outcome', async () => {
      await put(singles[0].id, { outcome: 'adopted' }, people[0]).expect(403);
      await put(singles[0].id, { outcome: 'adopted' }, d.reviewer).expect(403);
      const other = await draftStaff(t);
      await put(singles[0].id, { outcome: 'adopted' }, other.organizer).expect(403);
      await put(randomUUID(), { outcome: 'adopted' }).expect(404);
      const bad = await put(singles[0].id, { outcome: 'ignored' }).expect(400);
      expect(bad.body.message).toMatch(/outcome must be one of adopted, partially_adopted, not_adopted, out_of_scope/);
      const basis = await put(singles[0].id, { outcome: 'not_adopted', basis: 'mood', reason: 'x' }).expect(400);
      expect(basis.body.message).toMatch(/basis must be one of legality, reasonableness, feasibility, other/);
    });
  });

  describe('PUT /api/drafts/:id/clusters/:clusterId/disposition (R8)', () => {
    const putCluster = (id: string, body: object, who: SignedIn = d.organizer) =>
      t.http().put(`/api/drafts/${d.draftId}/clusters/${id}/disposition`).set(who.auth).send(body);

    it('refuses a concentrated opinion not adopted without a reason (422 R8)', async () => {
      await analysisCaughtUp(t, d.draftId, d.organizer);
      const res = await putCluster(campaign[0].id, { outcome: 'not_adopted', basis: 'feasibility' }).expect(422);
      expect(res.body.message).toMatch(/^R8: /);
      const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM comment_disposition WHERE cluster_id = $1`, [campaign[0].id]);
      expect(rows[0].n).toBe(0);
    });

    it('disposes every comment of the cluster at once and records the cluster’s reason', async () => {
      const reason = '分时段收费是缓解中心城区停车难的必要措施，夜间时段已另行减免。';
      const res = await putCluster(campaign[0].id, { outcome: 'not_adopted', basis: 'reasonableness', reason }).expect(200);
      expect(res.body).toMatchObject({ clusterId: campaign[0].id, size: 6, concentrated: true, outcome: 'not_adopted', applied: 6 });
      const { rows } = await t.sql.query(`SELECT comment_id, outcome, reason, cluster_id FROM comment_disposition WHERE cluster_id = $1`, [campaign[0].id]);
      expect(rows.map((r) => r.comment_id).sort()).toEqual(campaign.map((c) => c.id).sort());
      expect(rows.every((r) => r.outcome === 'not_adopted' && r.reason === reason)).toBe(true);
      const history = await t.http().get(`/api/comments/${campaign[3].id}/disposition/history`).set(d.organizer.auth).expect(200);
      expect(history.body.items).toEqual([expect.objectContaining({ outcome: 'not_adopted', clusterId: campaign[0].id, reason })]);
      const a = await analysisCaughtUp(t, d.draftId, d.organizer);
      expect(a.clusters.find((k: any) => k.id === campaign[0].id).disposition).toEqual({ outcome: 'not_adopted', basis: 'reasonableness', reason });
    });

    it('answers R6 (not R8) for a cluster below the threshold, until the organizer marks it concentrated', async () => {
      const res = await putCluster(pair[0].id, { outcome: 'not_adopted', basis: 'feasibility' }).expect(422);
      expect(res.body.message).toMatch(/^R6: /);
      const flagged = await t.http().put(`/api/drafts/${d.draftId}/clusters/${pair[0].id}/concentrated`).set(d.organizer.auth).send({ concentrated: true }).expect(200);
      expect(flagged.body).toMatchObject({ id: pair[0].id, size: 2, concentrated: true, flagged: true });
      const now = await putCluster(pair[0].id, { outcome: 'not_adopted', basis: 'feasibility' }).expect(422);
      expect(now.body.message).toMatch(/^R8: /);
      // A cluster above the threshold cannot be unmarked.
      await t.http().put(`/api/drafts/${d.draftId}/clusters/${campaign[0].id}/concentrated`).set(d.organizer.auth).send({ concentrated: false }).expect(400);
      await putCluster(pair[0].id, { outcome: 'adopted', reason: '采纳配建比例建议' }).expect(200);
    });

    it('is for the unit’s organizer; 404 for a cluster of another draft or unknown', async () => {
      await putCluster(campaign[0].id, { outcome: 'adopted' }, people[0]).expect(403);
      await putCluster(randomUUID(), { outcome: 'adopted' }).expect(404);
      await putCluster(singles[0].id, { outcome: 'adopted' }).expect(404);
      const other = await createPublishedDraft(t, { unitId: d.unitId, organizer: d.organizer, reviewer: d.reviewer });
      await t.http().put(`/api/drafts/${other.draftId}/clusters/${campaign[0].id}/disposition`).set(d.organizer.auth).send({ outcome: 'adopted' }).expect(404);
    });
  });
});
