// Live hearing delivery latency: from the clerk's `segment:add` to each viewer's `segment`, with
// 1,000 / 5,000 / 10,000 viewers on one built API instance and across two instances, beside a
// bare socket.io server broadcasting the same payloads to the same clients in the same run.
//
// Viewers are socket.io clients (websocket only) in two child processes; every time is read from
// process.hrtime (CLOCK_MONOTONIC, one clock for all processes on the machine). Segments are sent
// one at a time, the next once every viewer has the previous one, alternating between the bare
// server and the API so that both see the same background load. Every delivery is counted.
//
// Goal (issue 7): 10,000 viewers, all delivered, p99 within 1.2x of the bare broadcast (1.5x
// across two instances). Env: LIVE_BENCH_SIZES=1000,5000,10000, LIVE_BENCH_ROUNDS=30.
import { execSync, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { io } from 'socket.io-client';
import { figure, freePort, freshDatabase, json, percentile, root, round, startProcess } from './lib.mjs';

const SIZES = (process.env.LIVE_BENCH_SIZES ?? '1000,5000,10000').split(',').map(Number);
const ROUNDS = Number(process.env.LIVE_BENCH_ROUNDS ?? 30);
const WARMUP = 3;
const CHILDREN = 2;
const SEGMENT_TIMEOUT_MS = 30_000;
const DAY = 24 * 3600 * 1000;

const now = () => {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function must(res, what) {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Unit staff, a published draft, an announced hearing moved to now, started by the clerk. */
async function prepareHearing(api, databaseUrl) {
  const login = async (email, password) => must(await json(`${api}/api/auth/login`, 'POST', { email, password }), `login ${email}`).accessToken;
  const admin = await login('admin@example.gov.cn', 'Admin#2026');
  const unitId = must(await json(`${api}/api/admin/units`, 'POST', { name: `压测单位${randomBytes(3).toString('hex')}` }, admin), 'unit').id;
  const person = async (role, name) => {
    const email = `${role}.${randomBytes(4).toString('hex')}@bench.example.gov.cn`;
    must(await json(`${api}/api/admin/users`, 'POST', { email, password: 'bench password 1', displayName: name, roles: [role], unitId }, admin), role);
    return login(email, 'bench password 1');
  };
  const organizer = await person('organizer', '组织者');
  const reviewer = await person('reviewer', '审核人');
  const clerk = await person('clerk', '记录员');
  const t = Date.now();
  const draft = must(
    await json(
      `${api}/api/drafts`,
      'POST',
      {
        title: '某市机动车停车管理办法（征求意见稿）',
        body: '某市机动车停车管理办法\n\n第一章 总则\n第一条 为了规范停车秩序，制定本办法。\n第二条 本办法自2026年7月1日起施行。',
        basis: '《中华人民共和国道路交通安全法》',
        reasons: '停车供需矛盾突出。',
        interpretation: '解决停车难。',
        contact: { person: '李明', address: '某市人民路1号', email: 'fgc@example.gov.cn' },
        commentOpensAt: new Date(t).toISOString(),
        commentClosesAt: new Date(t + 14 * DAY).toISOString(),
      },
      organizer,
    ),
    'draft',
  );
  must(await json(`${api}/api/drafts/${draft.id}/submit`, 'POST', { disclosure: 'public', confidentialChecked: true }, organizer), 'submit');
  must(await json(`${api}/api/drafts/${draft.id}/approve`, 'POST', {}, reviewer), 'approve');
  must(await json(`${api}/api/drafts/${draft.id}/publish`, 'POST', undefined, organizer), 'publish');
  const hearing = must(
    await json(
      `${api}/api/hearings`,
      'POST',
      {
        draftId: draft.id,
        title: '停车收费听证会',
        matter: { content: '停车收费', reasons: '涉及群众利益', basis: '程序规定', background: '保有量增长' },
        venue: '市政府第一会议室',
        startsAt: new Date(t + 20 * DAY).toISOString(),
        signupOpensAt: new Date(t - 60_000).toISOString(),
        signupClosesAt: new Date(t + 10 * DAY).toISOString(),
        signupMethod: '在线报名',
        selectionMethod: '随机抽签',
        quotas: { stakeholder: 3, resident: 3, deputy: 1, expert: 1, lawyer: 1, other: 1 },
      },
      organizer,
    ),
    'hearing',
  );
  must(await json(`${api}/api/hearings/${hearing.id}/announce`, 'POST', undefined, organizer), 'announce');
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  await sql.query(
    `UPDATE hearing SET signup_opens_at = now() - interval '4 seconds', signup_closes_at = now() - interval '3 seconds',
                        starts_at = now() - interval '1 second', announced_at = now() - interval '11 days' WHERE id = $1`,
    [hearing.id],
  );
  await sql.end();
  must(await json(`${api}/api/hearings/${hearing.id}/start`, 'POST', undefined, clerk), 'start');
  return { hearingId: hearing.id, clerk };
}

/** The viewer processes, driven over IPC. */
class Viewers {
  constructor() {
    this.children = [];
    this.pending = new Map();
    this.completions = new Map();
    this.nextId = 0;
  }

  async start() {
    for (let c = 0; c < CHILDREN; c++) {
      const child = fork(join(root, 'bench', 'live-viewers.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      await new Promise((r) => child.once('message', r));
      child.on('message', (m) => this.onMessage(c, m));
      this.children.push(child);
    }
  }

  onMessage(c, m) {
    if (m.type === 'complete') {
      const key = `${m.stream}/${m.i}`;
      const w = this.completions.get(key);
      if (w) {
        w.from.add(c);
        if (w.from.size === w.needed) w.resolve(true);
      }
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.type === 'failed') p.reject(new Error(m.error));
    else p.resolve(m);
  }

  request(c, msg) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.children[c].send({ ...msg, id });
    });
  }

  all(msgFor) {
    return Promise.all(this.children.map((_, c) => this.request(c, msgFor(c))));
  }

  /** `total` sockets in `group` across the children, split evenly. */
  grow(group, streamName, url, hearingId, afterSeq, total) {
    return this.all(() => ({ cmd: 'grow', group, streamName, url, hearingId, afterSeq, total: Math.ceil(total / CHILDREN) }));
  }

  shrink(group, total) {
    return this.all(() => ({ cmd: 'shrink', group, total: Math.ceil(total / CHILDREN) }));
  }

  /** Resolves true once every child has segment i of the stream on all its sockets (false on timeout). */
  complete(streamName, i) {
    const key = `${streamName}/${i}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => (this.completions.delete(key), resolve(false)), SEGMENT_TIMEOUT_MS);
      this.completions.set(key, {
        needed: CHILDREN,
        from: new Set(),
        resolve: (v) => (clearTimeout(timer), this.completions.delete(key), resolve(v)),
      });
    });
  }

  reset() {
    return this.all(() => ({ cmd: 'reset' }));
  }

  async report() {
    return (await this.all(() => ({ cmd: 'report' }))).map((r) => r.streams);
  }

  stop() {
    for (const c of this.children) c.send({ cmd: 'exit' });
  }
}

/** One writer: sends `bench <i>` and remembers when. */
class Writer {
  constructor(name, url, hearingId, token) {
    this.name = name;
    this.hearingId = hearingId;
    this.socket = io(`${url}/hearings`, { transports: ['websocket'], auth: token ? { token } : {}, forceNew: true });
    this.next = 0;
    this.sentAt = new Map();
    this.ackMs = [];
  }

  ready() {
    return new Promise((r) => (this.socket.connected ? r() : this.socket.once('connect', r)));
  }

  async send(viewers) {
    const i = this.next++;
    const done = viewers.complete(this.name, i);
    const t0 = now();
    this.sentAt.set(i, t0);
    const ack = await this.socket.timeout(SEGMENT_TIMEOUT_MS).emitWithAck('segment:add', { hearingId: this.hearingId, speaker: 'bench', text: `bench ${i}` });
    if (typeof ack?.seq !== 'number') throw new Error(`${this.name}: ${JSON.stringify(ack)}`);
    this.ackMs.push(now() - t0);
    return done;
  }
}

/** Alternates segments between the writers, `ROUNDS` measured after `WARMUP`; returns latencies. */
async function measure(viewers, writers, viewerCount) {
  const firstMeasured = new Map(writers.map((w) => [w.name, w.next + WARMUP]));
  let timeouts = 0;
  for (let r = 0; r < WARMUP + ROUNDS; r++) {
    const order = r % 2 ? [...writers].reverse() : writers;
    for (const w of order) {
      if (!(await w.send(viewers))) timeouts++;
      await sleep(30);
    }
  }
  const reports = await viewers.report();
  const out = {};
  for (const w of writers) {
    const from = firstMeasured.get(w.name);
    const lat = [];
    let duplicates = 0;
    for (const rep of reports) {
      const s = rep[w.name];
      if (!s) continue;
      duplicates += s.duplicates;
      for (let i = from; i < from + ROUNDS; i++) for (const t of s.times[i] ?? []) lat.push(t - w.sentAt.get(i));
    }
    lat.sort((a, b) => a - b);
    out[w.name] = { p50: percentile(lat, 50), p99: percentile(lat, 99), max: lat.at(-1), delivered: lat.length, expected: viewerCount * ROUNDS, duplicates };
  }
  await viewers.reset();
  return { ...out, timeouts };
}

async function main() {
  const limit = Number(execSync('ulimit -n', { shell: '/bin/bash' }).toString().trim());
  const needed = Math.max(...SIZES) + 1000;
  if (limit < needed) console.error(JSON.stringify({ name: 'live', warning: `ulimit -n is ${limit}; ${needed} descriptors per process are needed (run: ulimit -n 65536)` }));

  const db = await freshDatabase();
  const prefix = `bench${randomBytes(3).toString('hex')}`;
  const env = { DATABASE_URL: db.url, REDIS_PREFIX: prefix, RUN_MIGRATIONS: 'false', SERVE_CLIENT: 'false', DB_POOL_SIZE: '20' };
  const procs = [];
  const viewers = new Viewers();
  try {
    const a = await startProcess('dist/src/main.js', env);
    procs.push(a);
    const barePort = await freePort();
    const bare = fork(join(root, 'bench', 'live-bare-server.mjs'), [], { env: { ...process.env, PORT: String(barePort) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise((r) => bare.once('message', r));
    procs.push({ stop: () => new Promise((r) => (bare.once('exit', r), bare.kill('SIGTERM'))) });
    const bareUrl = `http://127.0.0.1:${barePort}`;

    const { hearingId, clerk } = await prepareHearing(a.url, db.url);
    await viewers.start();
    const bareWriter = new Writer('bare', bareUrl, hearingId);
    const apiWriter = new Writer('api', a.url, hearingId, clerk);
    await Promise.all([bareWriter.ready(), apiWriter.ready()]);

    const results = {};
    for (const n of SIZES) {
      await viewers.grow('bare', 'bare', bareUrl, hearingId, 0, n);
      await viewers.grow('api-a', 'api', a.url, hearingId, apiWriter.next, n);
      results[n] = await measure(viewers, [bareWriter, apiWriter], n);
      const { bare: b, api: x } = results[n];
      figure(`live: bare socket.io broadcast p50, ${n} viewers`, b.p50, 'ms', null, { delivered: b.delivered, expected: b.expected });
      figure(`live: bare socket.io broadcast p99, ${n} viewers`, b.p99, 'ms', null, { delivered: b.delivered, expected: b.expected });
      figure(`live: segment:add to viewers p50, ${n} viewers, one API instance`, x.p50, 'ms', b.p50, { delivered: x.delivered, expected: x.expected, duplicates: x.duplicates });
      figure(`live: segment:add to viewers p99, ${n} viewers, one API instance`, x.p99, 'ms', b.p99, {
        delivered: x.delivered,
        expected: x.expected,
        duplicates: x.duplicates,
        goal: n === 10000 ? 'ratio <= 1.2, all delivered' : undefined,
        clerkAckP50: round(percentile([...apiWriter.ackMs].sort((p, q) => p - q), 50)),
        timeouts: results[n].timeouts,
      });
      apiWriter.ackMs = [];
    }

    // Two instances on one database and one Redis namespace: half of the viewers on each, the
    // clerk writing through A.
    const top = Math.max(...SIZES);
    const b2 = await startProcess('dist/src/main.js', env);
    procs.push(b2);
    await viewers.shrink('api-a', top / 2);
    await viewers.grow('api-b', 'api', b2.url, hearingId, apiWriter.next, top / 2);
    const two = await measure(viewers, [bareWriter, apiWriter], top);
    figure(`live: bare socket.io broadcast p99, ${top} viewers (two-instance run)`, two.bare.p99, 'ms', null, { delivered: two.bare.delivered, expected: two.bare.expected });
    figure(`live: segment:add to viewers p50, ${top} viewers, two API instances`, two.api.p50, 'ms', two.bare.p50, { delivered: two.api.delivered, expected: two.api.expected });
    figure(`live: segment:add to viewers p99, ${top} viewers, two API instances`, two.api.p99, 'ms', two.bare.p99, {
      delivered: two.api.delivered,
      expected: two.api.expected,
      duplicates: two.api.duplicates,
      goal: 'ratio <= 1.5, all delivered',
      timeouts: two.timeouts,
    });
  } finally {
    viewers.stop();
    for (const p of procs.reverse()) await p.stop().catch(() => undefined);
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
