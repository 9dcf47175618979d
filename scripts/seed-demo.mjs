#!/usr/bin/env node
// Demo data through the public API (so every rule applies to it too). Idempotent: skips what exists.
const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const ADMIN = { email: process.env.ADMIN_EMAIL ?? 'admin@example.gov.cn', password: process.env.ADMIN_PASSWORD ?? 'Admin#2026' };
export const DEMO_PASSWORD = 'Demo#2026';
export const DEMO = {
  organizer: { email: 'organizer@demo.gov.cn', displayName: '承办人 周敏', roles: ['organizer'] },
  reviewer: { email: 'reviewer@demo.gov.cn', displayName: '审核人 李强', roles: ['reviewer'] },
  clerk: { email: 'clerk@demo.gov.cn', displayName: '记录人 陈静', roles: ['clerk'] },
  resident: { email: 'resident@demo.cn', displayName: '王小明' },
};

async function call(method, path, body, token) {
  const res = await fetch(`${base}/api${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  return { status: res.status, data };
}

async function login(email, password) {
  const r = await call('POST', '/auth/login', { email, password });
  return r.status === 200 ? r.data.accessToken : null;
}

async function ensureAccounts() {
  const admin = await login(ADMIN.email, ADMIN.password);
  if (!admin) throw new Error(`cannot sign in as the administrator ${ADMIN.email}`);
  const tokens = {};
  for (const [key, who] of Object.entries(DEMO)) {
    tokens[key] = await login(who.email, DEMO_PASSWORD);
    if (tokens[key]) continue;
    const r = who.roles
      ? await call('POST', '/admin/users', { email: who.email, password: DEMO_PASSWORD, displayName: who.displayName, roles: who.roles }, admin)
      : await call('POST', '/auth/register', { email: who.email, password: DEMO_PASSWORD, displayName: who.displayName, acceptPrivacy: true });
    if (r.status !== 201) throw new Error(`creating ${who.email}: ${r.status} ${JSON.stringify(r.data)}`);
    tokens[key] = await login(who.email, DEMO_PASSWORD);
  }
  return { admin, ...tokens };
}

const tokens = await ensureAccounts();
console.log(`demo accounts (password ${DEMO_PASSWORD}): ${Object.values(DEMO).map((d) => d.email).join(', ')}; admin ${ADMIN.email}`);
