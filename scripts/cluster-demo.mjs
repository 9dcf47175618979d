#!/usr/bin/env node
// Cluster mode on one machine: N built API instances (default 2) and M workers (default 1) against
// one PostgreSQL database and one Redis prefix, then a full consultation driven through the API
// instances in turn — a write on one instance, the next step on another — so that nothing may rely
// on process memory. Prints one JSON line per step; exits 1 on the first failure.
//
//   npm run build:server && node scripts/cluster-demo.mjs
//
// Environment: CLUSTER_DATABASE_URL (default: a new, empty database that every API instance
// migrates at the same time — the migration advisory lock serialises them — dropped at the end),
// REDIS_URL, CLUSTER_REDIS_PREFIX, CLUSTER_APIS, CLUSTER_WORKERS, KEEP_RUNNING=1 to leave the
// processes up (Ctrl-C stops them).
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PG_URL = process.env.CLUSTER_ADMIN_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = process.env.CLUSTER_REDIS_PREFIX ?? `cluster${randomBytes(3).toString('hex')}`;
const APIS = Number(process.env.CLUSTER_APIS ?? 2);
const WORKERS = Number(process.env.CLUSTER_WORKERS ?? 1);
const ADMIN = { email: 'admin@cluster.example.gov.cn', password: 'Cluster#Admin2026' };
const DAY = 86_400_000;

const children = [];
const started = Date.now();

function report(step, fields = {}) {
  console.log(JSON.stringify({ step, ms: Date.now() - started, ...fields }));
}

async function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** A built process of this repository with the cluster's shared settings. */
function startProcess(name, script, env) {
  const child = spawn(process.execPath, [join(root, script)], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: 'cluster-demo-secret-shared-by-every-instance',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      REDIS_URL,
      REDIS_PREFIX: PREFIX,
      LOG_LEVEL: 'warn',
      SERVE_CLIENT: 'false',
      THROTTLE_LIMIT: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (line) => (line.trim() ? `[${name}] ${line}` : '');
  child.stdout.on('data', (b) => process.stderr.write(String(b).split('\n').map(prefix).filter(Boolean).join('\n') + '\n'));
  child.stderr.on('data', (b) => process.stderr.write(String(b).split('\n').map(prefix).filter(Boolean).join('\n') + '\n'));
  children.push({ name, child });
  return child;
}

async function waitHealthy(url, child, ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become healthy within ${ms} ms`);
}

async function stopAll() {
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => (clearTimeout(kill), resolve()));
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** One JSON call; throws unless the status is one of `expect`. */
async function call(api, method, path, { token, body, expect = [200, 201], headers = {} } = {}) {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!expect.includes(res.status)) throw new Error(`${method} ${path} on ${api.name}: ${res.status} ${text.slice(0, 300)}`);
  return json;
}

async function eventually(what, check, ms = 30_000) {
  const until = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main() {
  if (!existsSync(join(root, 'dist/src/main.js')) || !existsSync(join(root, 'dist/src/worker.js'))) {
    throw new Error('dist/ is missing: run npm run build:server first');
  }
  let databaseUrl = process.env.CLUSTER_DATABASE_URL;
  let dropDatabase = null;
  if (!databaseUrl) {
    const u = new URL(PG_URL);
    const name = `consult_cluster_${randomBytes(4).toString('hex')}`;
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
      await c.end();
    };
  }
  const db = new pg.Client({ connectionString: databaseUrl });

  // Outgoing mail goes to a throwaway SMTP server so that email notices are really sent.
  const mails = [];
  const smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false, onData(stream, session, done) {
    stream.on('data', () => undefined);
    stream.on('end', () => (mails.push(session.envelope.rcptTo.map((r) => r.address)), done()));
  } });
  const smtpPort = await freePort();
  await new Promise((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
  const shared = { DATABASE_URL: databaseUrl, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, DRAFT_RECONCILE_MS: '3600000' };

  try {
    // Every API instance starts at once with RUN_MIGRATIONS=true: the advisory lock lets one migrate
    // while the others wait, then find nothing left to do.
    const apis = [];
    for (let i = 0; i < APIS; i++) {
      const port = await freePort();
      const name = String.fromCharCode(65 + i);
      const child = startProcess(`api ${name}`, 'dist/src/main.js', { ...shared, PORT: String(port), RUN_MIGRATIONS: 'true' });
      apis.push({ name, url: `http://127.0.0.1:${port}`, child });
    }
    await Promise.all(apis.map((a) => waitHealthy(a.url, a.child)));
    for (let i = 0; i < WORKERS; i++) startProcess(`worker ${i + 1}`, 'dist/src/worker.js', { ...shared, RUN_MIGRATIONS: 'false' });
    report('started', { apis: apis.map((a) => `${a.name} ${a.url}`), workers: WORKERS, redisPrefix: PREFIX });
    await db.connect();

    let turn = 0;
    const next = () => apis[turn++ % apis.length];
    const doc = await call(apis[0], 'GET', '/api/docs-json');
    const has = (method, path) => !!doc.paths?.[path]?.[method];
    // A step runs on the next instance in turn (or the one given) and reports only id and status.
    const step = async (name, fn, api = next()) => {
      const out = await fn(api);
      report(name, { instance: api.name, ...(out?.id ? { id: out.id } : {}), ...(out?.status ? { status: out.status } : {}) });
      return out;
    };

    // ---- people ----
    const admin = (await call(next(), 'POST', '/api/auth/login', { body: ADMIN })).accessToken;
    const unitId = (await step('unit created', (api) => call(api, 'POST', '/api/admin/units', { token: admin, body: { name: `集群演示局${randomBytes(2).toString('hex')}` } }))).id;
    const person = async (roles, displayName) => {
      const email = `${roles.join('-')}.${randomBytes(3).toString('hex')}@cluster.example.gov.cn`;
      const password = 'Cluster#2026pass';
      if (roles.includes('resident')) await call(next(), 'POST', '/api/auth/register', { body: { email, password, displayName, acceptPrivacy: true } });
      else await call(next(), 'POST', '/api/admin/users', { token: admin, body: { email, password, displayName, roles, unitId } });
      await db.query(`UPDATE app_user SET email_verified_at = now() WHERE email = $1`, [email]).catch(() => undefined);
      return { email, token: (await call(next(), 'POST', '/api/auth/login', { body: { email, password } })).accessToken };
    };
    const organizer = await person(['organizer'], '承办人');
    const reviewer = await person(['reviewer'], '审核人');
    const residents = [await person(['resident'], '王小明'), await person(['resident'], '李红'), await person(['resident'], '张伟')];
    report('people signed in', { staff: 2, residents: residents.length });

    // ---- draft: organizer on one instance, reviewer on the next ----
    const now = Date.now();
    const draft = await step('draft created', (api) =>
      call(api, 'POST', '/api/drafts', {
        token: organizer.token,
        body: {
          title: '某市公共自行车管理办法（征求意见稿）',
          body: '第一章 总则\n第一条 为了规范公共自行车管理，制定本办法。\n第二条 本市行政区域内公共自行车的设置和使用，适用本办法。\n第三条 公共自行车实行首小时免费。',
          basis: '《某市城市交通管理条例》',
          reasons: '公共自行车投放增加，需要统一管理。',
          contact: { person: '赵敏', address: '某市人民路1号市交通运输局（邮编100000）', email: 'bike@example.gov.cn' },
          commentOpensAt: new Date(now).toISOString(),
          commentClosesAt: new Date(now + 14 * DAY).toISOString(),
        },
      }),
    );
    const draftId = draft.id;
    await step('draft submitted', (api) => call(api, 'POST', `/api/drafts/${draftId}/submit`, { token: organizer.token, body: { disclosure: 'public', confidentialChecked: true } }));
    await step('draft approved', (api) => call(api, 'POST', `/api/drafts/${draftId}/approve`, { token: reviewer.token, body: {} }));
    const published = await step('draft published', async (api) => ({ status: (await call(api, 'POST', `/api/drafts/${draftId}/publish`, { token: organizer.token })).status }));
    if (published.status !== 'open') await eventually('the window to open', async () => (await call(next(), 'GET', `/api/drafts/${draftId}`)).status === 'open');

    // ---- comments on every instance; the log head is the same seen from each ----
    const commentIds = [];
    if (has('post', '/api/drafts/{id}/comments')) {
      const anchor = (await call(next(), 'GET', `/api/drafts/${draftId}`)).units.find((u) => u.kind === 'article')?.anchor;
      for (const [i, r] of [...residents, residents[0]].entries()) {
        const body = { anchor, stance: i % 2 ? 'oppose' : 'amend', text: `第${i + 1}条意见：建议延长免费时间。` };
        const key = randomUUID();
        const here = apis[i % apis.length];
        const there = apis[(i + 1) % apis.length];
        const receipt = await step(`comment ${i + 1}`, (api) => call(api, 'POST', `/api/drafts/${draftId}/comments`, { token: r.token, body, headers: { 'Idempotency-Key': key } }), here);
        // The same key and body again, on another instance: the stored answer, nothing new.
        const replay = await call(there, 'POST', `/api/drafts/${draftId}/comments`, { token: r.token, body, headers: { 'Idempotency-Key': key } });
        if (replay.id !== receipt.id) throw new Error(`idempotent replay on another instance stored a second comment (${replay.id} ≠ ${receipt.id})`);
        commentIds.push(receipt.id);
      }
      const heads = await Promise.all(apis.map((a) => call(a, 'GET', `/api/drafts/${draftId}/log`)));
      if (new Set(heads.map((h) => `${h.treeSize}:${h.rootHash}`)).size !== 1 || heads[0].treeSize !== commentIds.length) {
        throw new Error(`log heads differ between instances: ${JSON.stringify(heads)}`);
      }
      report('log head agrees on every instance', { treeSize: heads[0].treeSize });
    } else report('comments', { skipped: 'no POST /api/drafts/{id}/comments route' });

    // ---- close: the window moved into the past, then the admin reconcile route ----
    await db.query(`UPDATE draft SET comment_opens_at = least(comment_opens_at, now() - interval '2 seconds'), comment_closes_at = now() - interval '1 second' WHERE id = $1`, [draftId]);
    await db.query(
      `UPDATE draft_version v SET comment_opens_at = d.comment_opens_at, comment_closes_at = d.comment_closes_at
         FROM draft d WHERE d.id = $1 AND v.draft_id = d.id AND v.version = d.version AND v.published_at IS NOT NULL`,
      [draftId],
    );
    await eventually('the draft to close', async () => {
      await call(next(), 'POST', '/api/drafts/reconcile', { token: admin });
      return (await call(next(), 'GET', `/api/drafts/${draftId}`)).status === 'closed';
    });
    report('window closed', { via: 'POST /api/drafts/reconcile' });

    // ---- dispositions, adoption report, notices by the worker ----
    if (commentIds.length && has('put', '/api/comments/{id}/disposition')) {
      for (const [i, id] of commentIds.entries()) {
        const body = i % 2 ? { outcome: 'not_adopted', basis: 'feasibility', reason: '财政资金有限' } : { outcome: 'adopted', reason: '已采纳' };
        await step(`disposition ${i + 1}`, (api) => call(api, 'PUT', `/api/comments/${id}/disposition`, { token: organizer.token, body }));
      }
    }
    if (has('post', '/api/drafts/{id}/adoption-report')) {
      await step('adoption report published', (api) => call(api, 'POST', `/api/drafts/${draftId}/adoption-report`, { token: organizer.token }));
      if (has('get', '/api/me/notices')) {
        for (const [i, r] of residents.entries()) {
          await eventually(`the notice of resident ${i + 1}`, async () => {
            const api = next();
            const box = await call(api, 'GET', '/api/me/notices?pageSize=100', { token: r.token });
            return box.items.some((n) => n.draftId === draftId && n.deliveredAt) ? (report(`in-site notice delivered to resident ${i + 1}`, { instance: api.name }), true) : false;
          });
        }
        await eventually('the notice emails', async () => residents.every((r) => mails.some((to) => to.includes(r.email))));
        report('notice emails sent by the worker', { emails: mails.length });
      } else report('notices', { skipped: 'no GET /api/me/notices route' });
    } else report('adoption report', { skipped: 'no POST /api/drafts/{id}/adoption-report route' });

    // ---- decision and results ----
    await step('decided', (api) => call(api, 'POST', `/api/drafts/${draftId}/decide`, { token: organizer.token, body: { note: '市政府常务会议审议通过' } }));
    await step('results published', (api) =>
      call(api, 'POST', `/api/drafts/${draftId}/results`, { token: organizer.token, body: { summary: '办法已公布施行', execution: '首小时免费自次月起执行' } }),
    );
    const seen = await Promise.all(apis.map((a) => call(a, 'GET', `/api/drafts/${draftId}`)));
    if (!seen.every((d) => d.status === 'results_published')) throw new Error(`instances disagree on the status: ${seen.map((d) => d.status).join(', ')}`);
    report('done', { draftId, status: seen[0].status, instances: apis.length, workers: WORKERS });

    if (process.env.KEEP_RUNNING === '1') {
      report('running', { apis: apis.map((a) => a.url), hint: 'Ctrl-C stops every process' });
      await new Promise((resolve) => process.once('SIGINT', resolve));
    }
  } finally {
    await db.end().catch(() => undefined);
    await stopAll();
    await new Promise((resolve) => smtp.close(resolve));
    if (dropDatabase) await dropDatabase();
  }
}

main().then(
  () => process.exit(0),
  async (err) => {
    report('failed', { error: err?.message ?? String(err) });
    await stopAll().catch(() => undefined);
    process.exit(1);
  },
);
