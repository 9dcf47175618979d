import { DraftsService } from '../../src/modules/drafts/drafts.service';
import { alternativePlans, closeDraftNow, completeDraftBody, createPublishedDraft, DECLARATION, draftStaff, DraftStaff, PublishedDraft } from '../factories/drafts';
import { resident } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';

const DAY = 24 * 3600 * 1000;

/** The sample body revised after consultation: article 7 reworded, article 8 dropped, a new article 10 inserted. */
function revisedBody(): string {
  return completeDraftBody()
    .replace('第七条 道路停车泊位实行分时段差别化收费，具体标准由价格主管部门另行制定。', '第七条 道路停车泊位实行分时段差别化收费，夜间收费标准应当低于白天，具体标准由价格主管部门另行制定。')
    .replace('第八条 鼓励机关、企事业单位在夜间和节假日向社会开放内部停车场。\n', '')
    .replace('第九条 违反', '第八条 违反')
    .replace('第十条 本办法自2026年7月1日起施行。', '第九条 新能源汽车停放的，可以减免停车费。\n第十条 本办法自2026年7月1日起施行。');
}

const byAnchor = (units: Array<{ anchor: string }>) => new Map(units.map((u) => [u.anchor, u]));

describe('draft versions (e2e)', () => {
  let t: TestApp;
  let home: DraftStaff;
  let published: PublishedDraft;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp();
    home = await draftStaff(t);
    published = await createPublishedDraft(t, { ...home, fields: { alternatives: alternativePlans() } });
    id = published.draftId;
  });

  afterAll(async () => {
    await t.close();
  });

  it('refuses a revised version while the window is open (409), and from residents or another unit (403)', async () => {
    await t.http().post(`/api/drafts/${id}/versions`).set(home.organizer.auth).send({ body: revisedBody() }).expect(409);
    const citizen = await resident(t);
    await t.http().post(`/api/drafts/${id}/versions`).set(citizen.auth).send({ body: revisedBody() }).expect(403);
    const other = await draftStaff(t);
    await closeDraftNow(t, id);
    await t.http().post(`/api/drafts/${id}/versions`).set(other.organizer.auth).send({ body: revisedBody() }).expect(403);
    const empty = await t.http().post(`/api/drafts/${id}/versions`).set(home.organizer.auth).send({}).expect(400);
    expect(empty.body.message).toContain('body');
  });

  it('starts version 2 in draft status, each unit saying which unit of version 1 it continues', async () => {
    const res = await t.http().post(`/api/drafts/${id}/versions`).set(home.organizer.auth).send({ body: revisedBody(), reasons: '根据公众意见修改' }).expect(201);
    expect(res.body).toMatchObject({ status: 'draft', version: 2, latestVersion: 2, reasons: '根据公众意见修改', commentOpensAt: null, commentClosesAt: null });
    // Carried over unless given.
    expect(res.body.basis).toBe(published.draft.basis);
    expect(res.body.alternatives.map((a: { title: string }) => a.title)).toEqual(alternativePlans().map((a) => a.title));
    const units = byAnchor(res.body.units);
    expect(units.get('a1')).toMatchObject({ continues: 'a1' });
    expect(units.get('a7')).toMatchObject({ continues: 'a7' }); // reworded, same label
    expect(units.get('a8')).toMatchObject({ label: '第八条', continues: 'a9' }); // renumbered penalty article
    expect(units.get('a9')).toMatchObject({ continues: null }); // new article
    expect(res.body.alternatives[0].units[0]).toMatchObject({ anchor: 'a1', continues: 'a1' });
    const history = await t.http().get(`/api/drafts/${id}/history`).set(home.organizer.auth).expect(200);
    expect(history.body.items.at(-1)).toMatchObject({ action: 'version_started', fromStatus: 'closed', toStatus: 'draft', version: 2 });
  });

  it('keeps showing the public version 1 while version 2 is prepared', async () => {
    const pub = await t.http().get(`/api/drafts/${id}`).expect(200);
    expect(pub.body).toMatchObject({ version: 1, latestVersion: 2, status: 'draft', title: published.draft.title, reasons: published.draft.reasons });
    expect(pub.body.units.find((u: { anchor: string }) => u.anchor === 'a10').text).toContain('施行');
    expect(pub.body.commentClosesAt).not.toBeNull();
    await t.http().get(`/api/drafts/${id}`).query({ version: 2 }).expect(404);
    await t.http().get(`/api/drafts/${id}/diff`).query({ from: 1, to: 2 }).expect(404);
    const versions = await t.http().get(`/api/drafts/${id}/versions`).expect(200);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1]);
    const history = await t.http().get(`/api/drafts/${id}/history`).expect(200);
    expect(history.body.items.map((e: { action: string }) => e.action)).not.toContain('version_started');
    const listed = await t.http().get('/api/drafts').expect(200);
    expect(listed.body.items.find((d: { id: string }) => d.id === id)).toMatchObject({ version: 1, title: published.draft.title });
  });

  it('shows an older version on request (GET ?version=)', async () => {
    const v1 = await t.http().get(`/api/drafts/${id}`).query({ version: 1 }).set(home.organizer.auth).expect(200);
    expect(v1.body).toMatchObject({ version: 1, latestVersion: 2 });
    expect(v1.body.units.find((u: { anchor: string }) => u.anchor === 'a8').text).toContain('节假日');
    const v2 = await t.http().get(`/api/drafts/${id}`).set(home.organizer.auth).expect(200);
    expect(v2.body.version).toBe(2);
    await t.http().get(`/api/drafts/${id}`).query({ version: 3 }).set(home.organizer.auth).expect(404);
    await t.http().get(`/api/drafts/${id}`).query({ version: 'x' }).expect(400);
  });

  it('lists the changes unit by unit (GET /:id/diff)', async () => {
    const res = await t.http().get(`/api/drafts/${id}/diff`).query({ from: 1, to: 2 }).set(home.organizer.auth).expect(200);
    expect(res.body).toMatchObject({ from: 1, to: 2 });
    const changes: Array<{ change: string; from: { label: string } | null; to: { label: string } | null }> = res.body.changes;
    const find = (kind: string, label: string) => changes.find((c) => c.change === kind && (c.to ?? c.from)!.label === label);
    expect(find('modified', '第七条')).toBeDefined();
    expect(find('added', '第九条')).toBeDefined();
    expect(changes.find((c) => c.change === 'removed' && c.from!.label === '第八条')).toBeDefined();
    expect(changes.filter((c) => c.change === 'unchanged').length).toBeGreaterThan(10);
    expect(res.body.plans).toEqual([{ planIndex: 0, changes: expect.any(Array) }, { planIndex: 1, changes: expect.any(Array) }]);
    const missing = await t.http().get(`/api/drafts/${id}/diff`).query({ from: 1 }).set(home.organizer.auth).expect(400);
    expect(missing.body.message).toContain('to');
  });

  it('reviews and publishes version 2, which then becomes the public version', async () => {
    const now = Date.now();
    await t
      .http()
      .patch(`/api/drafts/${id}`)
      .set(home.organizer.auth)
      .send({ commentOpensAt: new Date(now).toISOString(), commentClosesAt: new Date(now + 15 * DAY).toISOString() })
      .expect(200);
    await t.http().post(`/api/drafts/${id}/submit`).set(home.organizer.auth).send(DECLARATION).expect(200);
    await t.http().post(`/api/drafts/${id}/approve`).set(home.reviewer.auth).send({}).expect(200);
    await t.http().post(`/api/drafts/${id}/publish`).set(home.organizer.auth).expect(200);
    const pub = await t.http().get(`/api/drafts/${id}`).expect(200);
    expect(pub.body).toMatchObject({ version: 2, status: 'open' });
    const versions = await t.http().get(`/api/drafts/${id}/versions`).expect(200);
    expect(versions.body.items.map((v: { version: number; publishedAt: string }) => [v.version, !!v.publishedAt])).toEqual([
      [1, true],
      [2, true],
    ]);
    const diff = await t.http().get(`/api/drafts/${id}/diff`).query({ from: 1, to: 2 }).expect(200);
    expect(diff.body.changes.length).toBeGreaterThan(0);
    // Comments on version 1 anchor to its units, which stay stored.
    expect(await t.app.get(DraftsService).getUnit(id, 1, -1, 'a8')).toMatchObject({ label: '第八条' });
    expect(await t.app.get(DraftsService).getUnit(id, 1, 0, 'a2')).toMatchObject({ label: '第二条' });
  });
});
