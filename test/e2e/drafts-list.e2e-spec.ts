import { completeDraftFields, createDraft, createPublishedDraft, DECLARATION, draftStaff, DraftStaff } from '../factories/drafts';
import { adminToken, resident } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';

const titles = (res: { body: { items: Array<{ title: string }> } }) => res.body.items.map((d) => d.title);

describe('GET /api/drafts (e2e)', () => {
  let t: TestApp;
  let home: DraftStaff;
  let other: DraftStaff;
  let inReviewId: string;

  beforeAll(async () => {
    t = await createTestApp();
    home = await draftStaff(t);
    other = await draftStaff(t);
    // Published one after the other: newest first means the reverse order.
    await createPublishedDraft(t, { ...home, fields: { title: '某市机动车停车管理办法（征求意见稿）' } });
    await createPublishedDraft(t, { ...home, fields: { title: 'ETC Charging Rules for Parking Lots', body: '第一条 ETC charging applies to every lot.' } });
    await createPublishedDraft(t, { ...other, fields: { title: '某市生活垃圾分类管理条例（草案）', body: '第一条 为了推进生活垃圾分类，制定本条例。\n第二条 本条例适用于本市。' } });
    inReviewId = await createDraft(t, home.organizer, completeDraftFields({ title: '停车场收费标准（送审稿）' }));
    await t.http().post(`/api/drafts/${inReviewId}/submit`).set(home.organizer.auth).send(DECLARATION).expect(200);
  });

  afterAll(async () => {
    await t.close();
  });

  it('lists public drafts only, newest publication first, as a page', async () => {
    const res = await t.http().get('/api/drafts').expect(200);
    expect(res.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(titles(res)).toEqual(['某市生活垃圾分类管理条例（草案）', 'ETC Charging Rules for Parking Lots', '某市机动车停车管理办法（征求意见稿）']);
    expect(res.body.items[0]).toMatchObject({ status: 'open', version: 1, unitId: other.unitId, publishedAt: expect.any(String) });
    expect(res.body.items[0]).not.toHaveProperty('body');
  });

  it('searches a two-character Chinese word in the title or the text (停车)', async () => {
    const res = await t.http().get('/api/drafts').query({ q: '停车' }).expect(200);
    // The drafts in review titled 停车场… is not public; the ETC draft's title says "Parking" only in English.
    expect(titles(res)).toEqual(['某市机动车停车管理办法（征求意见稿）']);
    const inText = await t.http().get('/api/drafts').query({ q: '分类' }).expect(200);
    expect(titles(inText)).toEqual(['某市生活垃圾分类管理条例（草案）']);
    const inBodyOnly = await t.http().get('/api/drafts').query({ q: '节假日' }).expect(200);
    expect(titles(inBodyOnly)).toEqual(['某市机动车停车管理办法（征求意见稿）']);
  });

  it('searches Latin text case-insensitively and takes % and _ literally', async () => {
    expect(titles(await t.http().get('/api/drafts').query({ q: 'etc charging' }).expect(200))).toEqual(['ETC Charging Rules for Parking Lots']);
    expect(titles(await t.http().get('/api/drafts').query({ q: 'EVERY LOT' }).expect(200))).toEqual(['ETC Charging Rules for Parking Lots']);
    expect((await t.http().get('/api/drafts').query({ q: '%' }).expect(200)).body.total).toBe(0);
    expect((await t.http().get('/api/drafts').query({ q: '_' }).expect(200)).body.total).toBe(0);
  });

  it('filters by status and paginates', async () => {
    expect((await t.http().get('/api/drafts').query({ status: 'closed' }).expect(200)).body.total).toBe(0);
    expect((await t.http().get('/api/drafts').query({ status: 'open' }).expect(200)).body.total).toBe(3);
    const page2 = await t.http().get('/api/drafts').query({ page: 2, pageSize: 2 }).expect(200);
    expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(titles(page2)).toEqual(['某市机动车停车管理办法（征求意见稿）']);
    const past = await t.http().get('/api/drafts').query({ page: 9 }).expect(200);
    expect(past.body).toMatchObject({ total: 3, items: [] });
    await t.http().get('/api/drafts').query({ pageSize: 101 }).expect(400);
    const bad = await t.http().get('/api/drafts').query({ status: 'secret' }).expect(400);
    expect(bad.body.message).toContain('status');
  });

  it("lists every status of the caller's unit with ?mine=true (staff only)", async () => {
    const mine = await t.http().get('/api/drafts').query({ mine: true }).set(home.reviewer.auth).expect(200);
    expect(mine.body.total).toBe(3);
    expect(mine.body.items[0]).toMatchObject({ id: inReviewId, status: 'in_review' });
    const searched = await t.http().get('/api/drafts').query({ mine: true, q: '送审' }).set(home.organizer.auth).expect(200);
    expect(searched.body.items.map((d: { id: string }) => d.id)).toEqual([inReviewId]);
    expect((await t.http().get('/api/drafts').query({ mine: true }).set(other.organizer.auth).expect(200)).body.total).toBe(1);
    const admin = await adminToken(t);
    expect((await t.http().get('/api/drafts').query({ mine: true }).set('Authorization', `Bearer ${admin}`).expect(200)).body.total).toBe(4);
    const citizen = await resident(t);
    await t.http().get('/api/drafts').query({ mine: true }).set(citizen.auth).expect(403);
    await t.http().get('/api/drafts').query({ mine: true }).expect(403);
  });
});
