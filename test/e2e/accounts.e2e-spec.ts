import { adminToken, login, resident, staff, unit } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';

describe('accounts and units', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('registers a resident who can sign in and read /api/me, with no password in any response', async () => {
    const reg = await t.http().post('/api/auth/register').send({ email: 'Li.Lei@example.com', password: 'secret pass 9', displayName: '李雷', acceptPrivacy: true }).expect(201);
    expect(reg.body).toEqual({ id: expect.any(String) });
    const token = await login(t, 'li.lei@example.com', 'secret pass 9'); // email is case-insensitive
    const me = await t.http().get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body).toMatchObject({ id: reg.body.id, displayName: '李雷', roles: ['resident'], emailVerified: false });
    expect(JSON.stringify(me.body)).not.toMatch(/password|argon2/i);
    const row = await t.sql.query('SELECT password_hash, privacy_accepted_at FROM app_user WHERE id = $1', [reg.body.id]);
    expect(row.rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(row.rows[0].privacy_accepted_at).not.toBeNull();
  });

  it('refuses a second account with the same email in another case (409)', async () => {
    await t.http().post('/api/auth/register').send({ email: 'dup@example.com', password: 'secret pass 9', displayName: 'A' }).expect(201);
    const res = await t.http().post('/api/auth/register').send({ email: 'DUP@example.com', password: 'secret pass 9', displayName: 'B' }).expect(409);
    expect(res.body).toEqual({ statusCode: 409, error: 'Conflict', message: 'an account with this email already exists', code: 'account.email_taken' });
  });

  it('answers a wrong password and an unknown email the same way (401)', async () => {
    const a = await t.http().post('/api/auth/login').send({ email: 'dup@example.com', password: 'wrong password' }).expect(401);
    const b = await t.http().post('/api/auth/login').send({ email: 'nobody@example.com', password: 'wrong password' }).expect(401);
    expect(a.body).toEqual(b.body);
  });

  it('lets the administrator create units and staff; staff belong to the default unit unless told', async () => {
    const unitId = await unit(t, '市交通运输局', ['confidentiality', 'head']);
    const org = await staff(t, ['organizer'], { unitId });
    const me = await t.http().get('/api/me').set(org.auth).expect(200);
    expect(me.body).toMatchObject({ roles: ['organizer'], unitId, unit: { name: '市交通运输局' }, emailVerified: true });
    const clerk = await staff(t, ['clerk']);
    const meClerk = await t.http().get('/api/me').set(clerk.auth).expect(200);
    expect(meClerk.body.unit.name).toBe(t.cfg.DEFAULT_UNIT_NAME);
  });

  it('keeps residents and staff out of admin routes (403) and anonymous callers out of private ones (401)', async () => {
    const r = await resident(t);
    const org = await staff(t, ['organizer']);
    const body = { email: 'x@example.gov.cn', password: 'whatever 123', displayName: 'X', roles: ['admin'] };
    expect((await t.http().post('/api/admin/users').set(r.auth).send(body).expect(403)).body.message).toMatch(/admin/);
    await t.http().post('/api/admin/users').set(org.auth).send(body).expect(403);
    await t.http().post('/api/admin/units').set(r.auth).send({ name: '假单位' }).expect(403);
    await t.http().post('/api/admin/users').send(body).expect(401);
    await t.http().get('/api/me').expect(401);
    await t.http().get('/api/me').set('Authorization', 'Bearer not-a-token').expect(401);
  });

  it('refuses an unknown role or unit with 400 naming the field', async () => {
    const admin = await adminToken(t);
    const res = await t.http().post('/api/admin/users').set('Authorization', `Bearer ${admin}`).send({ email: 'y@example.gov.cn', password: 'whatever 123', displayName: 'Y', roles: ['mayor'] }).expect(400);
    expect(res.body.message).toMatch(/roles/);
    const res2 = await t.http().post('/api/admin/users').set('Authorization', `Bearer ${admin}`).send({ email: 'y@example.gov.cn', password: 'whatever 123', displayName: 'Y', roles: ['clerk'], unitId: '00000000-0000-4000-8000-000000000000' }).expect(400);
    expect(res2.body.message).toMatch(/unitId/);
  });

  it('publishes the privacy notice shown at registration', async () => {
    const res = await t.http().get('/api/privacy').expect(200);
    expect(res.body.zh.join('')).toMatch(/保存期限/);
    expect(res.body.version).toBeTruthy();
  });

  it('reports PostgreSQL and Redis in /api/health', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body.info).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });
});
