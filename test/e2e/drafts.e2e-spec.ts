import { alternativePlans, completeDraftFields, createDraft, createPublishedDraft, DECLARATION, draftStaff, DraftStaff } from '../factories/drafts';
import { resident, SignedIn, staff } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';

describe('Drafts (e2e)', () => {
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

  describe('POST /api/drafts', () => {
    it('saves a complete draft with its parsed units (201)', async () => {
      const res = await t.http().post('/api/drafts').set(home.organizer.auth).send(completeDraftFields()).expect(201);
      expect(res.body).toMatchObject({ status: 'draft', version: 1, unitId: home.unitId, createdBy: home.organizer.id, alternatives: [] });
      const articles = res.body.units.filter((u: any) => u.kind === 'article');
      expect(articles).toHaveLength(10);
      expect(articles[4]).toMatchObject({ anchor: 'a5', label: '第五条', parentAnchor: 'ch2', depth: 1, startLine: 12, endLine: 12, continues: null });
      expect(res.body.units.filter((u: any) => u.parentAnchor === 'a6').map((u: any) => u.label)).toEqual(['（一）', '（二）', '（三）']);
      expect(res.body.review).toEqual({ levels: ['content'], approved: 0, next: null });
    });

    it('saves an incomplete draft (R1 is checked at submit, not at save)', async () => {
      const res = await t.http().post('/api/drafts').set(home.organizer.auth).send({ title: '只有标题' }).expect(201);
      expect(res.body).toMatchObject({ title: '只有标题', body: null, units: [], status: 'draft' });
    });

    it('parses each alternative plan into its own units (R3)', async () => {
      const res = await t
        .http()
        .post('/api/drafts')
        .set(home.organizer.auth)
        .send(completeDraftFields({ alternatives: alternativePlans() }))
        .expect(201);
      expect(res.body.alternatives).toHaveLength(2);
      expect(res.body.alternatives.map((a: any) => a.planIndex)).toEqual([0, 1]);
      expect(res.body.alternatives[1].title).toBe('方案二：按区域收费');
      expect(res.body.alternatives[1].units.map((u: any) => u.label)).toEqual(['第一条', '第二条']);
    });

    it('refuses a single alternative plan (R3)', async () => {
      const res = await t
        .http()
        .post('/api/drafts')
        .set(home.organizer.auth)
        .send(completeDraftFields({ alternatives: [alternativePlans()[0]] }))
        .expect(422);
      expect(res.body.message).toMatch(/^R3: /);
    });

    it('names the bad field in a 400', async () => {
      const bad = await t.http().post('/api/drafts').set(home.organizer.auth).send({ title: 'x', commentOpensAt: 'next monday' }).expect(400);
      expect(bad.body.message).toContain('commentOpensAt');
      const nested = await t.http().post('/api/drafts').set(home.organizer.auth).send({ contact: { person: '李', address: '路', email: 'no' } }).expect(400);
      expect(nested.body.message).toContain('contact.email');
      const unknown = await t.http().post('/api/drafts').set(home.organizer.auth).send({ title: 'x', status: 'open' }).expect(400);
      expect(unknown.body.message).toContain('status');
      const order = await t
        .http()
        .post('/api/drafts')
        .set(home.organizer.auth)
        .send({ commentOpensAt: '2026-03-10T00:00:00+08:00', commentClosesAt: '2026-03-01T00:00:00+08:00' })
        .expect(400);
      expect(order.body.message).toContain('commentClosesAt');
    });

    it('needs a signed-in organizer (401, 403)', async () => {
      await t.http().post('/api/drafts').send({ title: 'x' }).expect(401);
      await t.http().post('/api/drafts').set(citizen.auth).send({ title: 'x' }).expect(403);
      await t.http().post('/api/drafts').set(home.reviewer.auth).send({ title: 'x' }).expect(403);
    });
  });

  describe('PATCH /api/drafts/:id', () => {
    it('edits a draft and parses the new body again', async () => {
      const id = await createDraft(t, home.organizer, { title: '草稿' });
      const res = await t
        .http()
        .patch(`/api/drafts/${id}`)
        .set(home.organizer.auth)
        .send({ body: '第一条 目的。\n第二条 范围。', basis: '依据' })
        .expect(200);
      expect(res.body).toMatchObject({ title: '草稿', basis: '依据' });
      expect(res.body.units.map((u: any) => u.anchor)).toEqual(['a1', 'a2']);
    });

    it("refuses residents and another unit's organizer (403), unknown drafts (404) and bad ids (400)", async () => {
      const id = await createDraft(t, home.organizer, { title: '草稿' });
      await t.http().patch(`/api/drafts/${id}`).set(citizen.auth).send({ title: 'x' }).expect(403);
      await t.http().patch(`/api/drafts/${id}`).set(other.organizer.auth).send({ title: 'x' }).expect(403);
      await t.http().patch(`/api/drafts/00000000-0000-4000-8000-000000000000`).set(home.organizer.auth).send({ title: 'x' }).expect(404);
      const bad = await t.http().patch(`/api/drafts/not-a-uuid`).set(home.organizer.auth).send({ title: 'x' }).expect(400);
      expect(bad.body.message).toContain('id');
    });

    it('refuses edits once submitted (409)', async () => {
      const id = await createDraft(t, home.organizer);
      await t.http().post(`/api/drafts/${id}/submit`).set(home.organizer.auth).send(DECLARATION).expect(200);
      await t.http().patch(`/api/drafts/${id}`).set(home.organizer.auth).send({ title: 'x' }).expect(409);
    });
  });

  describe('visibility of GET /api/drafts/:id', () => {
    it('hides a draft in review from the public, residents and other units (404), shows it to its unit', async () => {
      const id = await createDraft(t, home.organizer);
      await t.http().post(`/api/drafts/${id}/submit`).set(home.organizer.auth).send(DECLARATION).expect(200);
      await t.http().get(`/api/drafts/${id}`).expect(404);
      await t.http().get(`/api/drafts/${id}`).set(citizen.auth).expect(404);
      await t.http().get(`/api/drafts/${id}`).set(other.organizer.auth).expect(404);
      await t.http().get(`/api/drafts/${id}/history`).expect(404);
      const own = await t.http().get(`/api/drafts/${id}`).set(home.reviewer.auth).expect(200);
      expect(own.body.status).toBe('in_review');
    });

    it('shows an open draft to everyone, without the staff-only fields', async () => {
      const { draftId } = await createPublishedDraft(t, home);
      const res = await t.http().get(`/api/drafts/${draftId}`).expect(200);
      expect(res.body).toMatchObject({ id: draftId, status: 'open', version: 1 });
      expect(res.body.units.length).toBeGreaterThan(10);
      expect(res.body.contact).toMatchObject({ person: '李明' });
      expect(res.body).not.toHaveProperty('disclosure');
      expect(res.body).not.toHaveProperty('createdBy');
      expect(res.body).not.toHaveProperty('review');
    });
  });

  describe('POST /api/drafts/:id/submit', () => {
    it('refuses to submit without the R1 fields, naming every missing one (R1)', async () => {
      const id = await createDraft(t, home.organizer, { title: '停车办法', body: '第一条 目的。', contact: { person: '李明', address: '', email: 'a@example.gov.cn' } });
      const res = await t.http().post(`/api/drafts/${id}/submit`).set(home.organizer.auth).send(DECLARATION).expect(422);
      expect(res.body.message).toMatch(/^R1: /);
      for (const field of ['basis', 'reasons', 'postal address', 'commentOpensAt', 'commentClosesAt']) expect(res.body.message).toContain(field);
      expect(res.body.message).not.toContain('title');
      expect(res.body.message).not.toContain('contact person');
    });

    it("refuses to submit without the drafter's declaration (R4)", async () => {
      const id = await createDraft(t, home.organizer);
      const none = await t.http().post(`/api/drafts/${id}/submit`).set(home.organizer.auth).send({}).expect(422);
      expect(none.body.message).toMatch(/^R4: .*disclosure/);
      const unchecked = await t
        .http()
        .post(`/api/drafts/${id}/submit`)
        .set(home.organizer.auth)
        .send({ disclosure: 'public', confidentialChecked: false })
        .expect(422);
      expect(unchecked.body.message).toMatch(/^R4: /);
      await t.http().post(`/api/drafts/${id}/submit`).set(home.organizer.auth).send({ disclosure: 'secret', confidentialChecked: true }).expect(400);
      const ok = await t.http().post(`/api/drafts/${id}/submit`).set(home.organizer.auth).send(DECLARATION).expect(200);
      expect(ok.body).toMatchObject({ status: 'in_review', disclosure: 'public', review: { approved: 0, next: 'content' } });
    });

    it("refuses another unit's organizer (403) and a second submission (409)", async () => {
      const id = await createDraft(t, home.organizer);
      await t.http().post(`/api/drafts/${id}/submit`).set(other.organizer.auth).send(DECLARATION).expect(403);
      await t.http().post(`/api/drafts/${id}/submit`).set(home.organizer.auth).send(DECLARATION).expect(200);
      await t.http().post(`/api/drafts/${id}/submit`).set(home.organizer.auth).send(DECLARATION).expect(409);
    });
  });
});

describe('saving incomplete drafts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('keeps a half-filled contact and lets a window time be cleared, then R1 names what is missing', async () => {
    const org = await staff(t, ['organizer']);
    const created = await t.http().post('/api/drafts').set(org.auth).send({ title: '草稿', body: '第一条　内容。', contact: { person: '李明' }, commentOpensAt: '2027-01-05T09:00:00+08:00' }).expect(201);
    const cleared = await t.http().patch(`/api/drafts/${created.body.id}`).set(org.auth).send({ commentOpensAt: null }).expect(200);
    expect(cleared.body.commentOpensAt).toBeNull();
    const res = await t.http().post(`/api/drafts/${created.body.id}/submit`).set(org.auth).send({ disclosure: 'public', confidentialChecked: true }).expect(422);
    expect(res.body.message).toMatch(/^R1: /);
    expect(res.body.message).toMatch(/postal address/);
  });
});
