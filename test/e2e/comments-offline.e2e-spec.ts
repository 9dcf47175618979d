import { commentBody, offlineBody, offlineComment } from '../factories/comments';
import { closeDraftNow, createPublishedDraft, draftStaff, PublishedDraft } from '../factories/drafts';
import { resident, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';

const DAY = 24 * 3600 * 1000;

describe('Offline comments: POST /api/drafts/:id/comments/offline (R5)', () => {
  let t: TestApp;
  let citizen: SignedIn;
  let draft: PublishedDraft;

  const stored = async (draftId: string): Promise<number> =>
    Number((await t.sql.query(`SELECT count(*) AS n FROM comment WHERE draft_id = $1`, [draftId])).rows[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    citizen = await resident(t, '王小明');
    // Opened two days ago, so that letters received yesterday are inside the window.
    const now = Date.now();
    draft = await createPublishedDraft(t, {
      fields: { commentOpensAt: new Date(now - 2 * DAY).toISOString(), commentClosesAt: new Date(now + 14 * DAY).toISOString() },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('records a letter typed in by the organizer with its channel, received time and author (R5)', async () => {
    const receivedAt = new Date(Date.now() - 3600_000).toISOString();
    const c = await offlineComment(t, draft.draftId, draft.organizer, { channel: 'letter', receivedAt });
    expect(c.receipt.leafIndex).toBe(c.seq - 1);
    const { rows } = await t.sql.query(`SELECT * FROM comment WHERE id = $1`, [c.id]);
    expect(rows[0]).toMatchObject({
      channel: 'letter',
      entered_by: draft.organizer.id,
      author_id: null,
      author_name: '赵老师',
      author_email: 'zhao.teacher@example.com',
      author_phone: '13912345678',
    });
    expect(new Date(rows[0].received_at).toISOString()).toBe(receivedAt);
    expect(rows[0].author_ref).toMatch(/^o:/);
  });

  it('accepts every offline channel and refuses web as an offline channel', async () => {
    for (const channel of ['email', 'fax', 'symposium', 'phone']) await offlineComment(t, draft.draftId, draft.organizer, { channel });
    const res = await t.http().post(`/api/drafts/${draft.draftId}/comments/offline`).set(draft.organizer.auth).send(offlineBody({ channel: 'web' })).expect(400);
    expect(res.body.message).toMatch(/channel must be one of email, letter, fax, symposium, phone/);
  });

  it('refuses a resident (403) and another unit’s organizer (403)', async () => {
    await t.http().post(`/api/drafts/${draft.draftId}/comments/offline`).set(citizen.auth).send(offlineBody()).expect(403);
    const other = await draftStaff(t);
    await t.http().post(`/api/drafts/${draft.draftId}/comments/offline`).set(other.organizer.auth).send(offlineBody()).expect(403);
  });

  it('refuses a received time in the future (400) and a missing author (400)', async () => {
    const future = new Date(Date.now() + 3600_000).toISOString();
    const res = await t.http().post(`/api/drafts/${draft.draftId}/comments/offline`).set(draft.organizer.auth).send(offlineBody({ receivedAt: future })).expect(400);
    expect(res.body.message).toMatch(/receivedAt must not be in the future/);
    const { author: _a, ...noAuthor } = offlineBody();
    await t.http().post(`/api/drafts/${draft.draftId}/comments/offline`).set(draft.organizer.auth).send(noAuthor).expect(400);
  });

  it('after the close, accepts what was received in time and refuses what came later (R5)', async () => {
    const late = await createPublishedDraft(t);
    await closeDraftNow(t, late.draftId);
    const { rows } = await t.sql.query(`SELECT comment_closes_at FROM draft WHERE id = $1`, [late.draftId]);
    const closesAt = new Date(rows[0].comment_closes_at).getTime();
    await offlineComment(t, late.draftId, late.organizer, { receivedAt: new Date(closesAt - 500).toISOString() });
    await offlineComment(t, late.draftId, late.organizer, { receivedAt: new Date(closesAt).toISOString() });
    const res = await t
      .http()
      .post(`/api/drafts/${late.draftId}/comments/offline`)
      .set(late.organizer.auth)
      .send(offlineBody({ receivedAt: new Date(closesAt + 1).toISOString() }))
      .expect(409);
    expect(res.body.message).toMatch(/after the comment window closed/);
    // Web comments stay closed.
    await t.http().post(`/api/drafts/${late.draftId}/comments`).set(citizen.auth).send(commentBody()).expect(409);
    expect(await stored(late.draftId)).toBe(2);
  });

  it('stores a letter once when the clerk submits it twice with the same Idempotency-Key', async () => {
    const body = offlineBody({ text: '同一封来信' });
    const send = () => t.http().post(`/api/drafts/${draft.draftId}/comments/offline`).set(draft.organizer.auth).set('Idempotency-Key', 'letter-2026-0042').send(body);
    const [a, b] = await Promise.all([send(), send()]);
    expect(a.status).toBe(201);
    expect(b.body).toEqual(a.body);
    expect((await send().expect(201)).body).toEqual(a.body);
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM comment WHERE entered_by = $1 AND idempotency_key = 'letter-2026-0042'`, [draft.organizer.id]);
    expect(rows[0].n).toBe(1);
    await t.http().post(`/api/drafts/${draft.draftId}/comments/offline`).set(draft.organizer.auth).set('Idempotency-Key', 'letter-2026-0042').send({ ...body, channel: 'fax' }).expect(409);
  });
});
