// Every error body carries a machine-readable `code` from the registry and, where the English
// message has variable parts, `params` — beside the unchanged `{statusCode, error, message}`.
import { randomUUID } from 'node:crypto';
import { ERROR_CODES } from '../../src/common/errors/error-codes';
import { announcedHearing } from '../factories/hearings';
import { completeDraftFields, createDraft, createPublishedDraft, draftStaff, PublishedDraft, submitAndApprove } from '../factories/drafts';
import { resident, SignedIn } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';

const DAY = 24 * 3600 * 1000;

describe('Error codes and params (e2e)', () => {
  let t: TestApp;
  let draft: PublishedDraft;
  let citizen: SignedIn;

  /** The body of a refusal: the status, the registry code and only the documented fields. */
  const refusal = (res: { status: number; body: Record<string, unknown> }, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(Object.keys(ERROR_CODES)).toContain(code);
    expect(Object.keys(res.body).sort()).toEqual(['code', 'error', 'message', 'statusCode', ...('params' in res.body ? ['params'] : [])].sort());
    return res.body as { message: string; params?: Record<string, unknown> };
  };

  beforeAll(async () => {
    t = await createTestApp();
    draft = await createPublishedDraft(t);
    citizen = await resident(t);
  });

  afterAll(async () => {
    await t.close();
  });

  it('a comment after the window closed: 409 comment.window_closed with the closing time', async () => {
    const other = await createPublishedDraft(t);
    // The window has passed but the reconciler has not closed the draft yet: the time decides.
    const closes = new Date(Date.now() - 1000);
    await t.sql.query(`UPDATE draft SET comment_opens_at = now() - interval '1 day', comment_closes_at = $2 WHERE id = $1`, [other.draftId, closes]);
    const res = await t.http().post(`/api/drafts/${other.draftId}/comments`).set(citizen.auth).send({ anchor: 'a1', stance: 'support', text: '支持。' });
    const body = refusal(res, 409, 'comment.window_closed');
    expect(body.message).toBe('the comment window is closed');
    expect(body.params).toEqual({ closesAt: closes.toISOString() });
  });

  it('a sign-up outside its window: 409 selection.signup_not_open with both edges', async () => {
    const opens = new Date(Date.now() + DAY);
    const hearing = await announcedHearing(t, draft, { signupOpensAt: opens.toISOString() });
    const res = await t.http().post(`/api/hearings/${hearing}/applications`).set(citizen.auth).send({ category: 'resident', statement: '关心' });
    const body = refusal(res, 409, 'selection.signup_not_open');
    expect(body.message).toMatch(/^sign-up is open only from /);
    expect(body.params).toEqual({ opensAt: opens.toISOString(), closesAt: expect.any(String) });
    expect(Date.parse(body.params!.closesAt as string)).toBeGreaterThan(opens.getTime());
  });

  it('a rule: 422 with the rule id leading both the code and the message (R2)', async () => {
    const staff = await draftStaff(t);
    const now = Date.now();
    const id = await createDraft(t, staff.organizer, completeDraftFields({ commentOpensAt: new Date(now).toISOString(), commentClosesAt: new Date(now + 9 * DAY).toISOString() }));
    await submitAndApprove(t, id, staff.organizer, [staff.reviewer]);
    const res = await t.http().post(`/api/drafts/${id}/publish`).set(staff.organizer.auth);
    const body = refusal(res, 422, 'R2.window_too_short');
    expect(body.message).toMatch(/^R2: the comment window must be at least 10 days/);
    expect(body.params).toEqual({ opensAt: expect.any(String), days: expect.any(Number) });
    expect(body.params!.days).toBeGreaterThan(8.9);
    expect(body.params!.days).toBeLessThan(10);
  });

  it('class-validator refusals: 400 validation naming each refused field', async () => {
    const res = await t.http().post('/api/auth/register').send({ email: 'not-an-email', password: 'secret pass 9', displayName: 'A', nickname: 'x' });
    const body = refusal(res, 400, 'validation');
    expect((body.params!.fields as string[]).sort()).toEqual(['email', 'nickname']);
    const nested = await t.http().post(`/api/drafts/${draft.draftId}/comments`).set(citizen.auth).send({ anchor: 'a1', stance: 'maybe', text: '' });
    expect(refusal(nested, 400, 'validation').params!.fields).toEqual(expect.arrayContaining(['stance', 'text']));
  });

  it('the HTTP layer: unknown thing, bad id, malformed JSON, no token, unknown route', async () => {
    refusal(await t.http().get(`/api/drafts/${randomUUID()}`), 404, 'not_found.draft');
    expect(refusal(await t.http().get('/api/drafts/not-a-uuid'), 400, 'request.bad_uuid').params).toEqual({ field: 'id' });
    refusal(await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"email":'), 400, 'request.malformed_json');
    refusal(await t.http().get('/api/me'), 401, 'auth.sign_in_required');
    refusal(await t.http().get('/api/no-such-route'), 404, 'request.not_found');
  });
});
