// Comments (issue 4): sustained intake over keep-alive HTTP against the built API, beside a raw
// `pg` single-row INSERT loop at the same concurrency; then analysis read time and clustering
// throughput at 100k and 1M comments seeded with SQL.
//   npm run bench -- comments
// Environment: BENCH_CLIENTS (64), BENCH_SECONDS (15), BENCH_SIZES ("100000,1000000"; "" skips the
// analysis part), BENCH_API_NODE_OPTIONS (e.g. "--require ./profile.cjs" to profile the API),
// BENCH_WORKER_NODE_OPTIONS (the same for the worker), BENCH_NO_WORKER=1 (intake without the
// worker), BENCH_KEEP_DB=1 (keep the database for EXPLAIN afterwards).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { join } from 'node:path';
import pg from 'pg';
import { cpuPer, cpuReading, figure, freshDatabase, percentile, root, startProcess } from './lib.mjs';
import { seedComments, seedTexts } from './comments-seed.mjs';
import { auth, closeAgents, ok, openDraft, request as requestWith, residents, setUp } from './consultation.mjs';
import { LoadConnection } from './http-load.mjs';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 64);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP_SECONDS = 3;
const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').filter(Boolean).map(Number);

const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS + 8 });
const request = (base, method, path, body, headers = {}) => requestWith(base, method, path, body, headers, agent);

// The load: one keep-alive connection per client and API instance (bench/http-load.mjs).
const loadConnections = new Map();
/** POSTs a JSON body as client `c`; resolves with the status, the body is discarded. */
function post(base, c, path, body, headers) {
  const key = `${base}|${c}`;
  let connection = loadConnections.get(key);
  if (!connection) loadConnections.set(key, (connection = new LoadConnection(base)));
  return connection.post(path, JSON.stringify(body), headers);
}

// The benchmark's own processes, whose CPU each measured window reports: {api: pid, worker: pid}.
const measured = {};

/**
 * Runs `worker(clientIndex)` in CLIENTS concurrent loops; latencies counted after the warm-up. Also
 * where the machine's CPU went during the measured seconds, in ms per successful request.
 */
async function load(worker) {
  const latencies = [];
  const statuses = {};
  let errors = 0;
  const start = performance.now();
  const measureFrom = start + WARMUP_SECONDS * 1000;
  const end = measureFrom + SECONDS * 1000;
  let done = 0;
  let cpuBefore;
  const warmedUp = setTimeout(() => (cpuBefore = cpuReading(measured)), measureFrom - start);
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; performance.now() < end; i++) {
        const t0 = performance.now();
        let status;
        try {
          status = await worker(c, i);
        } catch {
          status = 'error';
        }
        const t1 = performance.now();
        if (t0 < measureFrom) continue;
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status === 'error' || status >= 300) errors++;
        else done++;
        latencies.push(t1 - t0);
      }
    }),
  );
  const cpu = cpuBefore ? cpuPer(cpuBefore, cpuReading(measured), done) : null;
  clearTimeout(warmedUp);
  latencies.sort((a, b) => a - b);
  return { perSecond: done / SECONDS, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors, statuses, done, cpu };
}

const STANCES = ['support', 'oppose', 'amend', 'question', 'other'];

/** CLIENTS loops submitting distinct comments to one open draft; client c talks to apis[c % apis.length]. */
async function intakeLoad(apis, draft, tokens, texts) {
  return load(async (c, i) => {
    return post(
      apis[c % apis.length],
      c,
      `/api/drafts/${draft.id}/comments`,
      { anchor: draft.anchors[(c + i) % draft.anchors.length], stance: STANCES[(c * 7 + i) % 5], text: `${texts[(c * 131 + i) % texts.length]}（${c}-${i}）` },
      { ...auth(tokens[c % tokens.length]), 'idempotency-key': randomUUID() },
    );
  });
}

async function benchIntake(api, db, dbUrl, s) {
  const draft = await openDraft(api, s);
  const tokens = await residents(api, Math.min(CLIENTS, 64), 1);
  const texts = seedTexts(2000).map((t) => t.text);
  const intake = await intakeLoad([api], draft, tokens, texts);

  // A 2xx means stored: every success is in the table, in a gap-free log.
  const { rows } = await db.query(`SELECT count(*)::int AS n, coalesce(max(seq), 0)::int AS hi FROM comment WHERE draft_id = $1`, [draft.id]);
  const log = await ok(request(api, 'GET', `/api/drafts/${draft.id}/log`), 'log');
  const consistent = rows[0].n === rows[0].hi && rows[0].n === log.treeSize;
  // How the API's group commits went: a lone instance's should nearly all be one statement.
  const health = await ok(request(api, 'GET', '/api/health'), 'health');
  const overload = health.info.overload;
  const commitPaths = { oneStatement: overload.intakeCommitsOneStatement, underLock: overload.intakeCommitsUnderLock, resent: overload.intakeStatementsResent };
  // The worker analyses behind the intake: how far behind it was when the load stopped.
  const analysed = async () =>
    (await db.query(`SELECT coalesce(max(clustered_seq), 0)::int AS n FROM comment_analysis_state WHERE draft_id = $1`, [draft.id])).rows[0].n;
  const lag0 = performance.now();
  const behindAtEnd = rows[0].n - (await analysed());
  while (!process.env.BENCH_NO_WORKER && (await analysed()) < rows[0].n) await new Promise((r) => setTimeout(r, 50));
  const analysisCaughtUpMs = Math.round(performance.now() - lag0);

  // Ceiling of the HTTP stack: the same route and concurrency, refused by validation (400) before
  // any comment code runs: helmet, CORS, body parsing, JWT guard, Redis rate limit, ValidationPipe.
  const stack = await load(async (c) => {
    const status = await post(api, c, `/api/drafts/${draft.id}/comments`, { anchor: draft.anchors[0], stance: 'none', text: 'x' }, auth(tokens[c % tokens.length]));
    return status === 400 ? 200 : status;
  });

  // Baseline: the same concurrency of single-row INSERTs (autocommit) into a plain table.
  await db.query(`CREATE TABLE bench_insert_baseline (id uuid PRIMARY KEY, draft_id uuid, anchor text, stance text, text text, author_id uuid, received_at timestamptz)`);
  // One connection per client, up to what max_connections leaves for the API and others.
  const pool = new pg.Pool({ connectionString: dbUrl, max: Math.min(CLIENTS, 60) });
  const raw = await load(async (c, i) => {
    await pool.query(`INSERT INTO bench_insert_baseline VALUES ($1, $2, $3, $4, $5, NULL, now())`, [randomUUID(), draft.id, 'a1', STANCES[i % 5], `${texts[(c * 131 + i) % texts.length]}（${c}-${i}）`]);
    return 201;
  });
  await pool.end();

  figure('comments.intake.throughput', intake.perSecond, 'comments/s', raw.perSecond, {
    goal: '>= 3000',
    clients: CLIENTS,
    seconds: SECONDS,
    errors: intake.errors,
    statuses: intake.statuses,
    storedAndGapFree: consistent,
    commitPaths,
    analysisBehindAtEnd: behindAtEnd,
    analysisCaughtUpMs,
    cpuMsPerComment: intake.cpu,
    baselineIs: 'raw pg single-row INSERT loop, same concurrency',
  });
  figure('comments.intake.p50', intake.p50, 'ms', raw.p50, { clients: CLIENTS });
  figure('comments.intake.p99', intake.p99, 'ms', raw.p99, { goal: '<= 50', clients: CLIENTS });
  figure('comments.intake.errors', intake.errors, 'requests', raw.errors);
  figure('comments.intake.throughput-vs-http-stack', intake.perSecond, 'comments/s', stack.perSecond, {
    baselineIs: 'same route and concurrency refused by validation (400): the HTTP stack alone (helmet, CORS, JWT, Redis rate limit, pipes)',
    stackP50: stack.p50,
    stackP99: stack.p99,
    stackCpuMsPerRequest: stack.cpu,
  });
  return { intake, tokens, texts };
}

/**
 * Cluster mode on one machine: a second API instance on the same PostgreSQL and Redis, clients
 * split between the two, one draft (both instances append to the same log). Beside the single
 * instance of the same run: on 2 cores shared with PostgreSQL and the load generator this shows the
 * coordination cost more than the gain another machine would bring.
 */
async function benchIntakeTwoInstances(api, env, db, s, single) {
  const second = await startProcess('dist/src/main.js', env);
  try {
    const draft = await openDraft(api, s);
    const two = await intakeLoad([api, second.url], draft, single.tokens, single.texts);
    const { rows } = await db.query(`SELECT count(*)::int AS n, coalesce(max(seq), 0)::int AS hi FROM comment WHERE draft_id = $1`, [draft.id]);
    figure('comments.intake.throughput.2-instances', two.perSecond, 'comments/s', single.intake.perSecond, {
      baselineIs: 'one API instance, same run',
      p50: two.p50,
      p99: two.p99,
      errors: two.errors,
      storedAndGapFree: rows[0].n === rows[0].hi && rows[0].n >= two.done,
    });
  } finally {
    await second.stop();
  }
}

/**
 * The group commit alone, in this process, without HTTP: the built CommentBatcher and
 * IntakeRepository on their own pool, CLIENTS concurrent submitters on one draft. Shows what the
 * storage path can take, apart from the web stack in front of it.
 */
async function benchPipeline(api, dbUrl, s) {
  const draft = await openDraft(api, s);
  const email = `pipe.${randomUUID().slice(0, 6)}@example.com`;
  const author = (await ok(request(api, 'POST', '/api/auth/register', { email, password: 'correct horse 1', displayName: '管道' }), 'register')).id;
  const { DataSource } = await import('typeorm');
  const { typeormOptions } = await import(join(root, 'dist/src/database/typeorm-options.js'));
  const { IntakeRepository } = await import(join(root, 'dist/src/modules/comments/intake/intake.repository.js'));
  const { CommentBatcher } = await import(join(root, 'dist/src/modules/comments/intake/comment-batcher.js'));
  const ds = new DataSource({ ...typeormOptions(dbUrl), extra: { max: 20 } });
  await ds.initialize();
  const batcher = new CommentBatcher(new IntakeRepository(ds));
  const texts = seedTexts(500).map((t) => t.text);
  const pipe = await load(async (c, i) => {
    const text = `${texts[(c * 31 + i) % texts.length]}（${c}-${i}）`;
    await batcher.submit({
      id: randomUUID(), draftId: draft.id, version: 1, anchor: draft.anchors[(c + i) % draft.anchors.length], planIndex: -1,
      quoteStart: null, quoteEnd: null, quoteText: null, stance: STANCES[i % 5], text, channel: 'web', receivedAt: new Date(),
      authorId: author, authorName: '管道', authorEmail: null, authorPhone: null, authorAddress: null, authorRef: `u:${randomUUID()}`,
      enteredBy: null, idempotencyKey: randomUUID(), requestHash: randomUUID(),
    });
    return 201;
  });
  await batcher.onApplicationShutdown();
  await ds.destroy();
  return pipe;
}

async function benchAnalysis(api, db, s, size) {
  const draft = await openDraft(api, s);
  const resident = (await db.query(`SELECT id FROM app_user WHERE roles @> '{resident}' LIMIT 1`)).rows[0]?.id
    ?? (await ok(request(api, 'POST', '/api/auth/register', { email: `seed.${randomUUID().slice(0, 6)}@example.com`, password: 'correct horse 1', displayName: '种子' }), 'register')).id;
  const seeded = await seedComments(db, { draftId: draft.id, anchors: draft.anchors, authorId: resident, size });

  // Analysis throughput through the worker's pass (read texts, keywords, signatures, cluster, store),
  // from the moment the seed wrote the log head (the worker starts on its own then).
  const t0 = seeded.headWrittenAt;
  let a;
  for (;;) {
    a = await ok(request(api, 'GET', `/api/drafts/${draft.id}/analysis`, undefined, auth(s.organizer)), 'analysis');
    if (a.analysedThrough === size) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const clusterSeconds = (performance.now() - t0) / 1000;

  // Analysis read time once caught up.
  const reads = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    a = await ok(request(api, 'GET', `/api/drafts/${draft.id}/analysis`, undefined, auth(s.organizer)), 'analysis');
    reads.push(performance.now() - t);
  }
  reads.sort((x, y) => x - y);
  if (a.total !== size) throw new Error(`analysis counted ${a.total} of ${size}`);

  // Baseline read: the per-unit counts by rescanning the comments.
  const scans = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await db.query(`SELECT anchor, stance, count(*) FROM comment WHERE draft_id = $1 GROUP BY anchor, stance`, [draft.id]);
    scans.push(performance.now() - t);
  }
  scans.sort((x, y) => x - y);

  const label = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`;
  figure(`comments.analysis.read.${label}`, percentile(reads, 50), 'ms', percentile(scans, 50), {
    goal: size >= 1_000_000 ? '<= 1000' : undefined,
    max: reads[reads.length - 1],
    clusters: a.clusters.length,
    largestCluster: a.clusters[0]?.size,
    baselineIs: 'SELECT anchor, stance, count(*) … GROUP BY over the comments',
  });
  figure(`comments.clustering.${label}`, size / clusterSeconds, 'comments/s', seeded.inMemoryPerSecond, {
    seconds: Math.round(clusterSeconds * 10) / 10,
    baselineIs: 'keywords + signature + NearDuplicateIndex.add alone, in memory, same texts',
    seedSeconds: seeded.seconds,
  });
}

async function main() {
  const db0 = await freshDatabase();
  const db = new pg.Client({ connectionString: db0.url });
  await db.connect();
  const env = {
    DATABASE_URL: db0.url,
    REDIS_PREFIX: `bench${randomUUID().slice(0, 8)}`,
    RUN_MIGRATIONS: 'false',
    SERVE_CLIENT: 'false',
    LOG_LEVEL: 'warn',
  };
  const api = await startProcess('dist/src/main.js', {
    ...env,
    ...(process.env.BENCH_API_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_API_NODE_OPTIONS } : {}),
  });
  // The worker runs the analysis behind the intake, as in production (and competes for the same cores).
  // BENCH_NO_WORKER=1 leaves it out, to see what it costs the intake (analysis then waits).
  const worker = process.env.BENCH_NO_WORKER
    ? null
    : await startProcess('dist/src/worker.js', { ...env, ...(process.env.BENCH_WORKER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS } : {}) }, { waitHealth: false });
  measured.api = api.child.pid;
  if (worker) measured.worker = worker.child.pid;
  try {
    const s = await setUp(api.url);
    const single = await benchIntake(api.url, db, db0.url, s);
    await benchIntakeTwoInstances(api.url, env, db, s, single);
    const pipe = await benchPipeline(api.url, db0.url, s);
    figure('comments.group-commit.throughput', pipe.perSecond, 'comments/s', null, {
      what: 'CommentBatcher + IntakeRepository in-process, no HTTP, same concurrency (the storage path alone)',
      p50: pipe.p50,
      p99: pipe.p99,
      errors: pipe.errors,
    });
    for (const size of SIZES) await benchAnalysis(api.url, db, s, size);
  } finally {
    await api.stop();
    await worker?.stop();
    await db.end();
    if (process.env.BENCH_KEEP_DB) console.error(`kept ${db0.url}`);
    else await db0.drop();
    agent.destroy();
    closeAgents();
    for (const connection of loadConnections.values()) connection.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

