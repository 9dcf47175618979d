import type { Role } from '../../src/common/auth/principal';
import type { TestApp } from '../setup/test-app';

let counter = 0;

export interface SignedIn {
  id: string;
  email: string;
  password: string;
  token: string;
  auth: { Authorization: string };
}

export async function adminToken(t: TestApp): Promise<string> {
  const res = await t.http().post('/api/auth/login').send({ email: t.cfg.ADMIN_EMAIL, password: t.cfg.ADMIN_PASSWORD }).expect(200);
  return res.body.accessToken;
}

export async function login(t: TestApp, email: string, password: string): Promise<string> {
  const res = await t.http().post('/api/auth/login').send({ email, password }).expect(200);
  return res.body.accessToken;
}

/** A resident registered through the public route. */
export async function resident(t: TestApp, displayName = '王小明'): Promise<SignedIn> {
  const email = `resident${++counter}.${Date.now()}@example.com`;
  const password = 'correct horse 1';
  const res = await t.http().post('/api/auth/register').send({ email, password, displayName, acceptPrivacy: true }).expect(201);
  const token = await login(t, email, password);
  return { id: res.body.id, email, password, token, auth: { Authorization: `Bearer ${token}` } };
}

/** A staff member created by the administrator. */
export async function staff(t: TestApp, roles: Role[], opts: { unitId?: string; displayName?: string } = {}): Promise<SignedIn> {
  const admin = await adminToken(t);
  const email = `${roles.join('-')}${++counter}.${Date.now()}@example.gov.cn`;
  const password = 'staff password 1';
  const res = await t
    .http()
    .post('/api/admin/users')
    .set('Authorization', `Bearer ${admin}`)
    .send({ email, password, displayName: opts.displayName ?? `${roles[0]}${counter}`, roles, unitId: opts.unitId })
    .expect(201);
  const token = await login(t, email, password);
  return { id: res.body.id, email, password, token, auth: { Authorization: `Bearer ${token}` } };
}

export async function unit(t: TestApp, name = `单位${++counter}`, reviewLevels?: string[]): Promise<string> {
  const admin = await adminToken(t);
  const res = await t.http().post('/api/admin/units').set('Authorization', `Bearer ${admin}`).send({ name, reviewLevels }).expect(201);
  return res.body.id;
}
