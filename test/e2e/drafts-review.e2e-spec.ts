import { DraftsService } from '../../src/modules/drafts/drafts.service';
import { closeDraftNow, completeDraftFields, createDraft, createPublishedDraft, DECLARATION, draftStaff, DraftStaff, submitAndApprove } from '../factories/drafts';
import { resident, SignedIn, staff } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';

const DAY = 24 * 3600 * 1000;

describe('Drafts review, publication and decision (e2e)', () => {
  let t: TestApp;
  let home: DraftStaff;
  let other: DraftStaff;
  let citizen: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    home = await draftStaff(t);
    other = await draftStaff(t);
    citizen = await resident(t);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('review chain (R4)', () => {
    it('refuses that the drafter approves their own draft (R4)', async () => {
      const drafter = await staff(t, ['organizer', 'reviewer'], { unitId: home.unitId });
      const id = await createDraft(t, drafter);
      await t.http().post(`/api/drafts/${id}/submit`).set(drafter.auth).send(DECLARATION).expect(200);
      const res = await t.http().post(`/api/drafts/${id}/approve`).set(drafter.auth).send({}).expect(422);
      expect(res.body.message).toMatch(/^R4: nobody approves their own draft/);
      await t.http().post(`/api/drafts/${id}/approve`).set(home.reviewer.auth).send({}).expect(200);
    });

    it('needs a reviewer of the same unit (403) and a draft in review (409)', async () => {
      const id = await createDraft(t, home.organizer);
      await t.http().post(`/api/drafts/${id}/approve`).set(home.reviewer.auth).send({}).expect(409);
      await t.http().post(`/api/drafts/${id}/submit`).set(home.organizer.auth).send(DECLARATION).expect(200);
      await t.http().post(`/api/drafts/${id}/approve`).set(other.reviewer.auth).send({}).expect(403);
      await t.http().post(`/api/drafts/${id}/approve`).set(home.organizer.auth).send({}).expect(403);
      await t.http().post(`/api/drafts/${id}/approve`).set(citizen.auth).send({}).expect(403);
    });

    it('walks a two-level chain, one level per reviewer, and records every step (R4)', async () => {
      const chain = await draftStaff(t, { reviewLevels: ['confidentiality', 'head'] });
      const head = await staff(t, ['reviewer'], { unitId: chain.unitId, displayName: '负责人赵' });
      const id = await createDraft(t, chain.organizer);
      await t.http().post(`/api/drafts/${id}/submit`).set(chain.organizer.auth).send(DECLARATION).expect(200);
      const first = await t.http().post(`/api/drafts/${id}/approve`).set(chain.reviewer.auth).send({ note: '无涉密内容' }).expect(200);
      expect(first.body).toMatchObject({ status: 'in_review', review: { levels: ['confidentiality', 'head'], approved: 1, next: 'head' } });
      // Publishing before the whole chain approved is a state conflict.
      await t.http().post(`/api/drafts/${id}/publish`).set(chain.organizer.auth).expect(409);
      const again = await t.http().post(`/api/drafts/${id}/approve`).set(chain.reviewer.auth).send({}).expect(422);
      expect(again.body.message).toMatch(/^R4: /);
      const second = await t.http().post(`/api/drafts/${id}/approve`).set(head.auth).send({}).expect(200);
      expect(second.body).toMatchObject({ status: 'approved', review: { approved: 2, next: null } });

      const history = await t.http().get(`/api/drafts/${id}/history`).set(chain.organizer.auth).expect(200);
      const steps = history.body.items.map((e: any) => [e.action, e.level, e.actorName, e.toStatus]);
      expect(steps).toEqual([
        ['created', null, '起草人张', 'draft'],
        ['submitted', null, '起草人张', 'in_review'],
        ['approved', 'confidentiality', '审核人王', 'in_review'],
        ['approved', 'head', '负责人赵', 'approved'],
      ]);
      expect(history.body.items[1].note).toContain('disclosure: public');
      expect(JSON.stringify(history.body)).not.toContain('@');
    });

    it('returns a draft to the drafter with a reason, and the review starts over (R4)', async () => {
      const id = await createDraft(t, home.organizer);
      await t.http().post(`/api/drafts/${id}/submit`).set(home.organizer.auth).send(DECLARATION).expect(200);
      const noReason = await t.http().post(`/api/drafts/${id}/return`).set(home.reviewer.auth).send({}).expect(400);
      expect(noReason.body.message).toContain('reason');
      await t.http().post(`/api/drafts/${id}/return`).set(other.reviewer.auth).send({ reason: 'x' }).expect(403);
      const back = await t.http().post(`/api/drafts/${id}/return`).set(home.reviewer.auth).send({ reason: '第九条罚款幅度缺少依据' }).expect(200);
      expect(back.body).toMatchObject({ status: 'draft', review: { approved: 0 } });
      await t.http().patch(`/api/drafts/${id}`).set(home.organizer.auth).send({ reasons: '修改后的理由' }).expect(200);
      const history = await t.http().get(`/api/drafts/${id}/history`).set(home.organizer.auth).expect(200);
      expect(history.body.items.map((e: any) => e.action)).toEqual(['created', 'submitted', 'returned', 'edited']);
      expect(history.body.items[2]).toMatchObject({ note: '第九条罚款幅度缺少依据', level: 'content', actorName: '审核人王', fromStatus: 'in_review' });
    });

    it('lists drafts waiting for the reviewer in GET /api/drafts/review-queue', async () => {
      const unit = await draftStaff(t);
      const id = await createDraft(t, unit.organizer);
      await t.http().post(`/api/drafts/${id}/submit`).set(unit.organizer.auth).send(DECLARATION).expect(200);
      const queue = await t.http().get('/api/drafts/review-queue').set(unit.reviewer.auth).expect(200);
      expect(queue.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
      expect(queue.body.items[0]).toMatchObject({ id, status: 'in_review', level: 'content' });
      const elsewhere = await t.http().get('/api/drafts/review-queue').set(other.reviewer.auth).expect(200);
      expect(elsewhere.body.items.map((d: any) => d.id)).not.toContain(id);
      await t.http().get('/api/drafts/review-queue').set(citizen.auth).expect(403);
      await t.http().post(`/api/drafts/${id}/approve`).set(unit.reviewer.auth).send({}).expect(200);
      expect((await t.http().get('/api/drafts/review-queue').set(unit.reviewer.auth).expect(200)).body.total).toBe(0);
    });
  });

  describe('POST /api/drafts/:id/publish', () => {
    async function approved(fields: Record<string, unknown> = {}): Promise<string> {
      const id = await createDraft(t, home.organizer, completeDraftFields(fields));
      await submitAndApprove(t, id, home.organizer, [home.reviewer]);
      return id;
    }

    it('publishes nothing before review (R4)', async () => {
      const id = await createDraft(t, home.organizer);
      await t.http().post(`/api/drafts/${id}/publish`).set(home.organizer.auth).expect(409);
      await t.http().post(`/api/drafts/${id}/submit`).set(home.organizer.auth).send(DECLARATION).expect(200);
      await t.http().post(`/api/drafts/${id}/publish`).set(home.organizer.auth).expect(409);
      await t.http().get(`/api/drafts/${id}`).expect(404);
    });

    it('opens at once when the window has started, and writes the step', async () => {
      const id = await approved();
      await t.http().post(`/api/drafts/${id}/publish`).set(other.organizer.auth).expect(403);
      await t.http().post(`/api/drafts/${id}/publish`).set(citizen.auth).expect(403);
      const res = await t.http().post(`/api/drafts/${id}/publish`).set(home.organizer.auth).expect(200);
      expect(res.body.status).toBe('open');
      expect(Date.parse(res.body.publishedAt)).toBeGreaterThan(Date.now() - 60_000);
      await t.http().post(`/api/drafts/${id}/publish`).set(home.organizer.auth).expect(409);
      const history = await t.http().get(`/api/drafts/${id}/history`).expect(200);
      expect(history.body.items.at(-1)).toMatchObject({ action: 'published', fromStatus: 'approved', toStatus: 'open', actorName: '起草人张' });
    });

    it('is `scheduled` when the window opens later, and hidden from the public until then', async () => {
      const now = Date.now();
      const id = await approved({ commentOpensAt: new Date(now + 3 * DAY).toISOString(), commentClosesAt: new Date(now + 14 * DAY).toISOString() });
      const res = await t.http().post(`/api/drafts/${id}/publish`).set(home.organizer.auth).expect(200);
      expect(res.body.status).toBe('scheduled');
      await t.http().get(`/api/drafts/${id}`).expect(404);
    });

    it('refuses a window shorter than 10 days (R2)', async () => {
      const now = Date.now();
      const id = await approved({ commentOpensAt: new Date(now).toISOString(), commentClosesAt: new Date(now + 9 * DAY).toISOString() });
      const res = await t.http().post(`/api/drafts/${id}/publish`).set(home.organizer.auth).expect(422);
      expect(res.body.message).toMatch(/^R2: the comment window must be at least 10 days/);
    });

    it('counts the window from the publication when the stated opening has passed (R2)', async () => {
      const now = Date.now();
      // 12 days as stated, but it opened 5 days ago: only 7 days remain.
      const id = await approved({ commentOpensAt: new Date(now - 5 * DAY).toISOString(), commentClosesAt: new Date(now + 7 * DAY).toISOString() });
      const res = await t.http().post(`/api/drafts/${id}/publish`).set(home.organizer.auth).expect(422);
      expect(res.body.message).toMatch(/^R2: /);
    });

    it('checks R1 again at publication (R1)', async () => {
      const id = await approved();
      // A field lost after approval (e.g. by a data fix) must still block publication.
      await t.sql.query(`UPDATE draft SET basis = NULL, contact = contact - 'email' WHERE id = $1`, [id]);
      const res = await t.http().post(`/api/drafts/${id}/publish`).set(home.organizer.auth).expect(422);
      expect(res.body.message).toMatch(/^R1: .*missing basis, email/);
    });
  });

  describe('decision and results', () => {
    it('refuses the decision until the adoption report is published (R9), then records results (R20)', async () => {
      const { draftId, organizer } = await createPublishedDraft(t, home);
      const early = await t.http().post(`/api/drafts/${draftId}/decide`).set(organizer.auth).send({}).expect(422);
      expect(early.body.message).toMatch(/^R9: /);
      await closeDraftNow(t, draftId);
      const closed = await t.http().post(`/api/drafts/${draftId}/decide`).set(organizer.auth).send({}).expect(422);
      expect(closed.body.message).toMatch(/^R9: /);
      await t.http().post(`/api/drafts/${draftId}/results`).set(organizer.auth).send({ summary: 's', execution: 'e' }).expect(409);

      // The comments module publishes the adoption report through DraftsService.transition.
      await t.app.get(DraftsService).transition(draftId, ['closed'], 'reported', organizer.id, 'reported', 'adoption report published');
      await t.http().post(`/api/drafts/${draftId}/decide`).set(other.organizer.auth).send({}).expect(403);
      const decided = await t.http().post(`/api/drafts/${draftId}/decide`).set(organizer.auth).send({ note: '市政府常务会议审议通过' }).expect(200);
      expect(decided.body.status).toBe('decided');
      await t.http().post(`/api/drafts/${draftId}/decide`).set(organizer.auth).send({}).expect(409);

      const bad = await t.http().post(`/api/drafts/${draftId}/results`).set(organizer.auth).send({ summary: '已通过' }).expect(400);
      expect(bad.body.message).toContain('execution');
      await t.http().post(`/api/drafts/${draftId}/results`).set(citizen.auth).send({ summary: 's', execution: 'e' }).expect(403);
      const first = await t.http().post(`/api/drafts/${draftId}/results`).set(organizer.auth).send({ summary: '办法已公布', execution: '7月1日起施行' }).expect(200);
      expect(first.body.status).toBe('results_published');
      await t.http().post(`/api/drafts/${draftId}/results`).set(organizer.auth).send({ summary: '执行情况', execution: '新增泊位3000个' }).expect(200);
      const pub = await t.http().get(`/api/drafts/${draftId}`).expect(200);
      expect(pub.body.results.map((r: any) => r.execution)).toEqual(['7月1日起施行', '新增泊位3000个']);
      expect(pub.body.results[0].at).toEqual(expect.any(String));
      const history = await t.http().get(`/api/drafts/${draftId}/history`).expect(200);
      expect(history.body.items.map((e: any) => e.action)).toEqual([
        'created',
        'submitted',
        'approved',
        'published',
        'closed',
        'reported',
        'decided',
        'results_published',
        'results_updated',
      ]);
      expect(history.body.items[4]).toMatchObject({ actorId: null, actorName: null, fromStatus: 'open', toStatus: 'closed' });
    });

    it('keeps the audit trail append only in the database (R4)', async () => {
      const id = await createDraft(t, home.organizer, { title: 'x' });
      await expect(t.sql.query(`UPDATE draft_event SET note = 'rewritten' WHERE draft_id = $1`, [id])).rejects.toThrow(/append only/);
    });
  });
});
