// Setup shared by the comment benchmarks: a unit with its staff, an open draft and residents,
// created over HTTP as people would (bench/comments.bench.mjs, bench/burst.bench.mjs).
import { randomUUID } from 'node:crypto';
import http from 'node:http';

const DAY = 24 * 3600 * 1000;
const defaultAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One JSON request (keep-alive agent); resolves with {status, body}. */
export function request(base, method, path, body, headers = {}, agent = defaultAgent) {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: { 'content-type': 'application/json', ...(payload ? { 'content-length': payload.length } : {}), ...headers } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode, body: text && res.headers['content-type']?.includes('json') ? JSON.parse(text) : text });
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

export async function ok(res, what) {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export const auth = (token) => ({ authorization: `Bearer ${token}` });

/** Unit, organizer, reviewer and an open draft, through the API as a person would. */
export async function setUp(api) {
  const admin = (await ok(request(api, 'POST', '/api/auth/login', { email: 'admin@example.gov.cn', password: 'Admin#2026' }), 'admin login')).accessToken;
  const unit = await ok(request(api, 'POST', '/api/admin/units', { name: '基准测试单位' }, auth(admin)), 'unit');
  const people = {};
  for (const role of ['organizer', 'reviewer']) {
    const email = `${role}.${randomUUID().slice(0, 8)}@example.gov.cn`;
    await ok(request(api, 'POST', '/api/admin/users', { email, password: 'staff password 1', displayName: role, roles: [role], unitId: unit.id }, auth(admin)), role);
    people[role] = (await ok(request(api, 'POST', '/api/auth/login', { email, password: 'staff password 1' }), 'login')).accessToken;
  }
  return { admin, unitId: unit.id, ...people };
}

/** A published draft of 20 articles, open for comment now; returns its id and article anchors. */
export async function openDraft(api, s) {
  const now = Date.now();
  const body = [
    '某市机动车停车管理办法（征求意见稿）',
    ...Array.from({ length: 20 }, (_, i) => `第${'一二三四五六七八九十'[i % 10]}${i >= 10 ? '十' : ''}条 第${i + 1}条的内容，规定停车设施的建设、使用和管理。`),
  ].join('\n');
  const draft = await ok(
    request(api, 'POST', '/api/drafts', {
      title: '某市机动车停车管理办法（征求意见稿）',
      body,
      basis: '《中华人民共和国道路交通安全法》',
      reasons: '规范停车秩序。',
      contact: { person: '李明', address: '某市人民路1号', email: 'fgc@example.gov.cn' },
      commentOpensAt: new Date(now - DAY).toISOString(),
      commentClosesAt: new Date(now + 14 * DAY).toISOString(),
    }, auth(s.organizer)),
    'draft',
  );
  await ok(request(api, 'POST', `/api/drafts/${draft.id}/submit`, { disclosure: 'public', confidentialChecked: true }, auth(s.organizer)), 'submit');
  await ok(request(api, 'POST', `/api/drafts/${draft.id}/approve`, {}, auth(s.reviewer)), 'approve');
  const published = await ok(request(api, 'POST', `/api/drafts/${draft.id}/publish`, undefined, auth(s.organizer)), 'publish');
  if (published.status !== 'open') throw new Error(`draft is ${published.status}`);
  return { id: draft.id, anchors: published.units.filter((u) => u.kind === 'article').map((u) => u.anchor) };
}

/** `n` residents registered and signed in, `parallel` at a time; returns their access tokens. */
export async function residents(api, n, parallel = 4) {
  const tokens = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, n) }, async () => {
      for (let i = next++; i < n; i = next++) {
        const email = `r${i}.${randomUUID().slice(0, 6)}@example.com`;
        await ok(request(api, 'POST', '/api/auth/register', { email, password: 'correct horse 1', displayName: `居民${i}` }), 'register');
        tokens.push((await ok(request(api, 'POST', '/api/auth/login', { email, password: 'correct horse 1' }), 'login')).accessToken);
      }
    }),
  );
  return tokens;
}

export function closeAgents() {
  defaultAgent.destroy();
}
