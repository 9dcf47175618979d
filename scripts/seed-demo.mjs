#!/usr/bin/env node
// Demo data through the public API (so every rule applies to it too). Idempotent: skips what exists.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  for (;;) {
    const r = await once(method, path, body, token);
    if (r.status !== 429) return r;
    // The seed is a client like any other: it honours the rate limit instead of bypassing it.
    const wait = Number(r.retryAfter ?? 5);
    console.log(`rate limited on ${path}; waiting ${wait}s`);
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
  }
}

async function once(method, path, body, token) {
  const res = await fetch(`${base}/api${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  return { status: res.status, data, retryAfter: res.headers.get('retry-after') };
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

async function ensureOpenDraft(tokens) {
  const title = '某市机动车停车管理办法（征求意见稿）';
  const mine = await call('GET', `/drafts?mine=true&q=${encodeURIComponent('停车管理办法')}`, undefined, tokens.organizer);
  const existing = mine.data?.items?.find((d) => d.title === title);
  if (existing) return existing.id;
  const day = 24 * 3600 * 1000;
  const body = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'demo', 'parking-draft.txt'), 'utf8');
  const created = await call('POST', '/drafts', {
    title,
    body,
    basis: '《中华人民共和国道路交通安全法》《某省道路交通安全条例》',
    reasons: '本市机动车保有量快速增长，停车供需矛盾突出，停车收费不规范，需要制定统一的停车管理规定。',
    interpretation: '本办法重点解决三个问题：停车设施不足、道路停车收费不规范、内部停车场开放不够。第十条、第十二条和第十四条是本次征求意见的重点。',
    contact: { person: '李明', address: '某市人民路1号市交通运输局政策法规处（邮编100000）', email: 'fgc@example.gov.cn', fax: '010-12345679' },
    commentOpensAt: new Date().toISOString(),
    commentClosesAt: new Date(Date.now() + 30 * day).toISOString(),
    alternatives: [
      { title: '方案一：分时段收费', body: '第一条　道路停车泊位白天按小时收费。\n第二条　夜间二十时至次日八时免费。' },
      { title: '方案二：按区域收费', body: '第一条　道路停车泊位按中心城区和其他区域分别定价。\n第二条　居住区周边泊位实行包月收费。' },
    ],
  }, tokens.organizer);
  if (created.status !== 201) throw new Error(`creating the demo draft: ${created.status} ${JSON.stringify(created.data)}`);
  const id = created.data.id;
  await must(call('POST', `/drafts/${id}/submit`, { disclosure: 'public', confidentialChecked: true }, tokens.organizer));
  await must(call('POST', `/drafts/${id}/approve`, {}, tokens.reviewer));
  await must(call('POST', `/drafts/${id}/publish`, {}, tokens.organizer));
  // A second draft waiting in the review queue.
  const second = await call('POST', '/drafts', { title: '某市生活垃圾分类管理规定（征求意见稿）', body: '第一条　为了推进生活垃圾分类，制定本规定。\n第二条　本市实行生活垃圾分类投放、分类收集、分类运输和分类处理。' }, tokens.organizer);
  if (second.status === 201) await call('POST', `/drafts/${second.data.id}/submit`, { disclosure: 'public', confidentialChecked: true }, tokens.organizer);
  return id;
}

async function must(promise) {
  const r = await promise;
  if (r.status >= 300) throw new Error(`demo seed step failed: ${r.status} ${JSON.stringify(r.data)}`);
  return r;
}

const tokens = await ensureAccounts();
const draftId = await ensureOpenDraft(tokens);
console.log(`demo draft open for comment: ${base.replace('127.0.0.1', 'localhost')}/#/drafts/${draftId}`);
console.log(`demo accounts (password ${DEMO_PASSWORD}): ${Object.values(DEMO).map((d) => d.email).join(', ')}; admin ${ADMIN.email}`);
