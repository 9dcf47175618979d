// Burst (issue 8): 50,000 comment submissions sent as fast as possible over 10,000 and over 1,000
// keep-alive connections at one open draft of the built API (default backpressure limits, rate
// limits raised as all load comes from one IP), from client processes (bench/burst-client.mjs)
// that ignore Retry-After. Beside it, in the same run, the same burst against a bare node:http
// server answering 201 (bench/burst-bare-server.mjs): the load generator's own ceiling.
// Afterwards: every 201 is a stored comment, nothing else is, the log is gap-free, no 5xx but 503,
// and the API still answers (health 200, a new comment 201). Then the largest burst once more from
// clients that honour Retry-After (wait, resend with the same Idempotency-Key): every submission
// ends stored exactly once.
//   npm run bench -- burst
// Environment: BURST_REQUESTS (50000), BURST_CONNECTIONS ("10000,1000"), BURST_RETRY_CONNECTIONS
// (the largest of BURST_CONNECTIONS; "" for none), BURST_CLIENT_PROCS (2),
// BURST_RESIDENTS (200), BURST_API_ENV (JSON of extra API settings, e.g. '{"INTAKE_MAX_WAITING":"1000000"}').
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { seedTexts } from './comments-seed.mjs';
import { auth, closeAgents, openDraft, request, residents, setUp } from './consultation.mjs';
import { figure, freshDatabase, percentile, root, startProcess } from './lib.mjs';

const REQUESTS = Number(process.env.BURST_REQUESTS ?? 50_000);
const CONNECTIONS = (process.env.BURST_CONNECTIONS ?? '10000,1000').split(',').map(Number);
const PROCS = Number(process.env.BURST_CLIENT_PROCS ?? 2);
const RESIDENTS = Number(process.env.BURST_RESIDENTS ?? 200);
const API_ENV = JSON.parse(process.env.BURST_API_ENV ?? '{}');
// Connection counts also run with clients that honour Retry-After ("" for none).
const RETRY_CONNECTIONS = (process.env.BURST_RETRY_CONNECTIONS ?? String(Math.max(...CONNECTIONS))).split(',').filter(Boolean).map(Number);
const WARMUP = { requests: 2000, connections: 100 };

const label = (n) => (n >= 1000 ? `${n / 1000}k` : String(n));

/** The load generator: PROCS child processes, kept for the whole run. */
async function startClients() {
  return Promise.all(
    Array.from({ length: PROCS }, () => {
      const child = fork(join(root, 'bench/burst-client.mjs'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      return new Promise((resolve) => child.once('message', () => resolve(child)));
    }),
  );
}

/** One burst split over the client processes; merged counts and latencies, wall time from go to last answer. */
async function burst(clients, job) {
  const t0 = performance.now();
  const parts = await Promise.all(
    clients.map(
      (c, p) =>
        new Promise((resolve) => {
          c.once('message', resolve);
          const share = (n) => Math.floor(n / clients.length) + (p < n % clients.length ? 1 : 0);
          c.send({ type: 'run', ...job, requests: share(job.requests), connections: share(job.connections), tag: `${job.tag}-${p}` });
        }),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  const merged = { statuses: {}, errors: {}, accepted: [], refused: [], ids: [], connects: [], withRetryAfter: 0, retries: 0, seconds };
  for (const r of parts) {
    for (const [k, v] of Object.entries(r.statuses)) merged.statuses[k] = (merged.statuses[k] ?? 0) + v;
    for (const [k, v] of Object.entries(r.errors)) merged.errors[k] = (merged.errors[k] ?? 0) + v;
    merged.accepted.push(...r.accepted);
    merged.refused.push(...r.refused);
    merged.ids.push(...r.ids);
    merged.connects.push(...r.connects);
    merged.withRetryAfter += r.withRetryAfter;
    merged.retries += r.retries;
  }
  merged.accepted.sort((a, b) => a - b);
  merged.refused.sort((a, b) => a - b);
  merged.connects.sort((a, b) => a - b);
  return merged;
}

function summary(r) {
  const s = r.statuses;
  const count = (pred) => Object.entries(s).filter(([k]) => pred(Number(k))).reduce((n, [, v]) => n + v, 0);
  return {
    201: s[201] ?? 0,
    429: s[429] ?? 0,
    503: s[503] ?? 0,
    other: count((k) => ![201, 429, 503].includes(k)),
    other5xx: count((k) => k >= 500 && k !== 503),
    noAnswer: Object.values(r.errors).reduce((a, b) => a + b, 0),
  };
}

async function startBare() {
  // The same accept backlog as the API (its LISTEN_BACKLOG default).
  const env = { ...process.env, LISTEN_BACKLOG: API_ENV.LISTEN_BACKLOG ?? '4096' };
  const child = fork(join(root, 'bench/burst-bare-server.mjs'), { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise((resolve) => child.once('message', (m) => resolve(m.port)));
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))) };
}

/** Peak resident memory of a process (Linux), MB. */
function peakRssMb(pid) {
  try {
    const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return null;
  }
}

/** Checks one API burst in PostgreSQL and through the API, and prints its figures beside the bare run. */
async function report(name, { api, db, tokens, draft, a, b, ctx: c }) {
  const ctx = { ...c, requests: REQUESTS, clientProcesses: PROCS, residents: RESIDENTS };
  // A 2xx means stored: every 201's id is a row, no other row exists, the log has no gap.
  const { rows } = await db.query(
    `SELECT count(*)::int AS stored, coalesce(max(seq), 0)::int AS hi, count(*) FILTER (WHERE id = ANY($2::uuid[]))::int AS found FROM comment WHERE draft_id = $1`,
    [draft.id, a.ids],
  );
  const { stored, hi, found } = rows[0];
  const health = await request(api.url, 'GET', '/api/health');
  const after = await request(api.url, 'POST', `/api/drafts/${draft.id}/comments`, { anchor: draft.anchors[0], stance: 'support', text: `突发之后的意见 ${name}` }, auth(tokens[0]));
  const alive = health.status === 200 && after.status === 201;
  const sa = summary(a);
  const sb = b ? summary(b) : null;
  const accepted = a.ids.length;
  const checks = {
    accepted,
    stored,
    storedEqualsAccepted: stored === accepted && found === accepted,
    lost: accepted - found,
    storedWithout2xx: stored - found,
    gapFree: hi === stored,
    other5xx: sa.other5xx,
    alive,
  };
  const bareRate = b ? sb[201] / b.seconds : null;
  figure(`${name}.accepted-per-second`, accepted / a.seconds, 'comments/s', bareRate, {
    ...ctx,
    baselineIs: 'the same burst against a bare node:http server answering 201 (load generator ceiling)',
    answers: sa,
    retries: a.retries,
    bareStatuses: sb,
    seconds: Math.round(a.seconds * 10) / 10,
    bareSeconds: b ? Math.round(b.seconds * 10) / 10 : null,
    errors: a.errors,
  });
  const pct = (xs, p) => (xs.length ? percentile(xs, p) : 0);
  figure(`${name}.2xx-p50`, pct(a.accepted, 50), 'ms', b ? pct(b.accepted, 50) : null, { ...ctx, of: a.accepted.length });
  figure(`${name}.2xx-p99`, pct(a.accepted, 99), 'ms', b ? pct(b.accepted, 99) : null, ctx);
  // Part of the latency of a connection's first request: its TCP connect (with its share of the load generator's own start).
  figure(`${name}.connect-p99`, pct(a.connects, 99), 'ms', b ? pct(b.connects, 99) : null, { ...ctx, p50: pct(a.connects, 50), bareP50: b ? pct(b.connects, 50) : null });
  figure(`${name}.503-p50`, pct(a.refused, 50), 'ms', null, { ...ctx, p99: pct(a.refused, 99), withRetryAfter: a.withRetryAfter, of: a.refused.length });
  figure(`${name}.lost`, checks.lost, 'comments', null, { ...ctx, ...checks, overload: health.body?.info?.overload, apiPeakRssMb: peakRssMb(api.child.pid) });
  if (!checks.storedEqualsAccepted || !checks.gapFree || checks.other5xx || !alive) process.exitCode = 1;
}

async function main() {
  const db0 = await freshDatabase();
  const db = new pg.Client({ connectionString: db0.url });
  await db.connect();
  const api = await startProcess('dist/src/main.js', {
    DATABASE_URL: db0.url,
    REDIS_PREFIX: `bench${randomUUID().slice(0, 8)}`,
    RUN_MIGRATIONS: 'false',
    SERVE_CLIENT: 'false',
    LOG_LEVEL: 'warn',
    ...API_ENV,
  });
  const clients = await startClients();
  try {
    const s = await setUp(api.url);
    const tokens = await residents(api.url, RESIDENTS, 4);
    const texts = seedTexts(2000).map((t) => t.text);
    const warmDraft = await openDraft(api.url, s);
    const common = { tokens, texts };

    const onApi = async (connections, retry, tag) => {
      await burst(clients, { ...common, ...WARMUP, target: api.url, draftId: warmDraft.id, anchors: warmDraft.anchors, tag: `warm-${tag}` });
      const draft = await openDraft(api.url, s);
      const result = await burst(clients, { ...common, requests: REQUESTS, connections, retry, target: api.url, draftId: draft.id, anchors: draft.anchors, tag });
      return { draft, result };
    };
    const bares = new Map();
    for (const connections of CONNECTIONS) {
      const bare = await startBare();
      await burst(clients, { ...common, ...WARMUP, target: bare.url, draftId: warmDraft.id, anchors: warmDraft.anchors, tag: 'warm' });
      bares.set(connections, await burst(clients, { ...common, requests: REQUESTS, connections, target: bare.url, draftId: warmDraft.id, anchors: warmDraft.anchors, tag: `bare${connections}` }));
      await bare.stop();
      const { draft, result } = await onApi(connections, false, `api${connections}`);
      await report(`burst.${label(connections)}-connections`, { api, db, tokens, draft, a: result, b: bares.get(connections), ctx: { connections, retry: false } });
    }
    // The same burst from clients that honour Retry-After and resend with the same Idempotency-Key.
    for (const connections of RETRY_CONNECTIONS) {
      const { draft, result } = await onApi(connections, true, `retry${connections}`);
      await report(`burst.${label(connections)}-connections-retrying`, { api, db, tokens, draft, a: result, b: bares.get(connections), ctx: { connections, retry: true } });
    }
  } finally {
    for (const c of clients) c.send({ type: 'exit' });
    await api.stop();
    await db.end();
    await db0.drop();
    closeAgents();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
