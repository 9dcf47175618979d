// Notices (R10): enqueue rate and end-to-end delivery rate of a notice run through the product's
// real path — the built worker process consumes the fan-out job the comments module queues,
// streams the participants from PostgreSQL, writes the notices and queues their deliveries;
// inbox deliveries are batched UPDATEs, emails go one job each through SMTP to a local sink in
// this process. Beside them, bare BullMQ add/process of the same number of jobs in the same run.
//
//   npm run bench -- notices
//   BENCH_NOTICES_SIZES=100000 BENCH_NOTICES_SMTP_SIZES=10000 npm run bench -- notices
import { Queue, Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { figure, freshDatabase, REDIS_URL, startProcess } from './lib.mjs';

const sizes = (name, dflt) => (process.env[name] ?? dflt).split(',').filter(Boolean).map(Number);
const INBOX_SIZES = sizes('BENCH_NOTICES_SIZES', '100000,1000000');
const SMTP_SIZES = sizes('BENCH_NOTICES_SMTP_SIZES', '100000');
const WORKERS = Number(process.env.BENCH_NOTICES_WORKERS ?? 1);
const CONCURRENCY = process.env.BENCH_NOTICES_CONCURRENCY ?? '20';
const redisUrl = new URL(REDIS_URL);
const connection = { host: redisUrl.hostname, port: Number(redisUrl.port || 6379), maxRetriesPerRequest: null };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Bare BullMQ: addBulk of n small jobs, then a no-op worker (concurrency 50) drains them. */
async function bareBullmq(n) {
  const prefix = `bench-bare-${randomBytes(3).toString('hex')}`;
  const queue = new Queue('bare', { connection, prefix, defaultJobOptions: { removeOnComplete: { count: 10000 } } });
  const t0 = performance.now();
  for (let i = 0; i < n; i += 1000) {
    await queue.addBulk(Array.from({ length: Math.min(1000, n - i) }, (_, k) => ({ name: 'x', data: { i: i + k }, opts: { jobId: `bare-${i + k}` } })));
  }
  const addSeconds = (performance.now() - t0) / 1000;
  let done = 0;
  const t1 = performance.now();
  const finished = new Promise((resolve) => {
    const worker = new Worker('bare', async () => undefined, { connection, prefix, concurrency: 50 });
    worker.on('completed', () => {
      if (++done === n) resolve(worker);
    });
  });
  const worker = await finished;
  const processSeconds = (performance.now() - t1) / 1000;
  await worker.close();
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  return { addRate: n / addSeconds, processRate: n / processSeconds };
}

/** Bare SMTP: nodemailer with the same pool as the product's MailTransport, straight to the sink, 20 at a time. */
async function bareSmtp(url, n) {
  const transport = nodemailer.createTransport({ url, pool: true, maxConnections: 5 });
  const body = '您好：\n\n感谢您参与《某市机动车停车管理办法（征求意见稿）》的公众参与。'.repeat(8);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 20 }, async () => {
    while (next < n) {
      const i = next++;
      await transport.sendMail({ from: 'noreply@bench.gov.cn', to: `bare${i}@bench.example`, subject: '【意见采纳情况】基准', text: body, messageId: `<bare-${i}@bench>` });
    }
  }));
  transport.close();
  return n / ((performance.now() - t0) / 1000);
}

/** The SMTP sink: counts messages and their Message-IDs (to find lost and duplicate ones). */
async function smtpSink() {
  const ids = new Map();
  let messages = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      let head = '';
      stream.on('data', (c) => {
        if (head.length < 4096) head += c.toString('utf8');
      });
      stream.on('end', () => {
        const id = /^Message-ID: (.*)$/im.exec(head)?.[1]?.trim() ?? '';
        ids.set(id, (ids.get(id) ?? 0) + 1);
        messages++;
        done();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `smtp://127.0.0.1:${server.server.address().port}`, ids, count: () => messages, close: () => new Promise((r) => server.close(r)) };
}

/** A reported draft with `n` commenters (accounts: inbox; or offline authors with an email: email only). */
async function seedDraft(db, n, { offline }) {
  const tag = randomBytes(3).toString('hex');
  const { rows: [unit] } = await db.query(`INSERT INTO unit (name) VALUES ($1) RETURNING id`, [`基准单位${tag}`]);
  const { rows: [org] } = await db.query(
    `INSERT INTO app_user (email, password_hash, display_name, roles, unit_id) VALUES ($1, 'x', '组织者', '{organizer}', $2) RETURNING id`,
    [`org.${tag}@bench.gov.cn`, unit.id],
  );
  const { rows: [draft] } = await db.query(
    `INSERT INTO draft (unit_id, created_by, title, body, status, disclosure, published_at, public_version)
     VALUES ($1, $2, '某市机动车停车管理办法（征求意见稿）', '第七条 道路停车泊位实行分时段差别化收费。', 'reported', 'public', now(), 1) RETURNING id`,
    [unit.id, org.id],
  );
  await db.query(`INSERT INTO draft_version (draft_id, version, title, body, published_at) SELECT id, 1, title, body, now() FROM draft WHERE id = $1`, [draft.id]);
  await db.query(
    `INSERT INTO draft_unit (draft_id, version, plan_index, ord, anchor, depth, label, kind, text, start_line, end_line)
     VALUES ($1, 1, -1, 0, 'a7', 0, '第七条', 'article', '道路停车泊位实行分时段差别化收费。', 1, 1)`,
    [draft.id],
  );
  if (!offline) {
    await db.query(
      `INSERT INTO app_user (email, password_hash, display_name, roles)
       SELECT 'r' || g || '.' || $2 || '@bench.example', 'x', '居民' || g, '{resident}' FROM generate_series(1, $1::int) g`,
      [n, tag],
    );
  }
  // Offline authors are written as staff type them in: a name and an email, no account.
  if (offline) {
    await db.query(
      `INSERT INTO comment (id, draft_id, version, seq, anchor, stance, text, channel, received_at, author_name, author_email, entered_by, author_ref, leaf_hash, root_hash)
       SELECT gen_random_uuid(), $1, 1, g, 'a7', 'amend', '建议夜间停车免费，第' || g || '条意见。', 'email', now(), '居民' || g,
              'r' || g || '.' || $3 || '@bench.example', $2, 'ref' || g, repeat('0', 64), repeat('0', 64)
         FROM generate_series(1, $4::int) g`,
      [draft.id, org.id, tag, n],
    );
  } else {
    await db.query(
      `INSERT INTO comment (id, draft_id, version, seq, anchor, stance, text, channel, received_at, author_id, author_name, author_ref, leaf_hash, root_hash)
       SELECT gen_random_uuid(), $1, 1, row_number() OVER (), 'a7', 'amend', '建议夜间停车免费，' || u.display_name || '的意见。', 'web', now(),
              u.id, u.display_name, 'ref' || u.id, repeat('0', 64), repeat('0', 64)
         FROM app_user u WHERE u.email LIKE '%.' || $2 || '@bench.example'`,
      [draft.id, tag],
    );
  }
  await db.query(
    `INSERT INTO comment_disposition (comment_id, draft_id, outcome, basis, reason, decided_by, decided_at)
     SELECT id, draft_id, CASE WHEN seq % 3 = 0 THEN 'not_adopted' ELSE 'adopted' END, CASE WHEN seq % 3 = 0 THEN 'feasibility' END,
            CASE WHEN seq % 3 = 0 THEN '现有财力无法支持' ELSE '已在第七条中体现' END, $2, now() - interval '1 minute'
       FROM comment WHERE draft_id = $1`,
    [draft.id, org.id],
  );
  const clusters = [{ id: draft.id, size: 120, concentrated: true, outcome: 'not_adopted', basis: 'reasonableness', reason: '夜间收费用于调节停车需求', sample: { id: draft.id, text: '建议取消夜间停车收费', hidden: false } }];
  await db.query(
    `INSERT INTO adoption_report (draft_id, report_version, published_at, published_by, tree_size, root_hash, snapshot)
     VALUES ($1, 1, now(), $2, $3, repeat('0', 64), $4)`,
    [draft.id, org.id, n, JSON.stringify({ format: 'adoption-report/1', clusters })],
  );
  await db.query('ANALYZE');
  return draft.id;
}

/** Queues the fan-out as the comments module does; times the enqueue (fan-out done) and the last delivery. */
async function runNotices(db, prefix, draftId, expected, sink) {
  const queue = new Queue('notices', { connection, prefix: `${prefix}:bull` });
  const delivery = new Queue('notice-delivery', { connection, prefix: `${prefix}:bull` });
  const t0 = performance.now();
  await queue.add('fan-out', { kind: 'adoption_report', draftId, reportVersion: 1 }, { jobId: `fanout-adoption_report-${draftId}-1` });
  let enqueueSeconds = null;
  for (;;) {
    await sleep(enqueueSeconds === null ? 100 : 250);
    if (enqueueSeconds === null) {
      const { rows } = await db.query(`SELECT fanned_out_at FROM notice_run WHERE draft_id = $1`, [draftId]);
      if (rows[0]?.fanned_out_at) enqueueSeconds = (performance.now() - t0) / 1000;
      const job = await queue.getJob(`fanout-adoption_report-${draftId}-1`);
      if ((await job?.getState()) === 'failed') throw new Error(`fan-out failed: ${job.failedReason}`);
      continue;
    }
    const counts = await delivery.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (Object.values(counts).some((c) => c > 0)) continue;
    if (sink && sink.count() < expected) continue;
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM notice WHERE draft_id = $1 AND status = 'pending'`, [draftId]);
    if (rows[0].n === 0) break;
  }
  const totalSeconds = (performance.now() - t0) / 1000;
  const fanOut = (await queue.getJob(`fanout-adoption_report-${draftId}-1`))?.returnvalue;
  const { rows: [check] } = await db.query(
    `SELECT count(*)::int AS rows, count(*) FILTER (WHERE status = 'delivered')::int AS delivered,
            count(*) FILTER (WHERE attempts > 1)::int AS repeated, count(DISTINCT (recipient, channel))::int AS distinct_keys
       FROM notice WHERE draft_id = $1`,
    [draftId],
  );
  await queue.close();
  await delivery.close();
  const duplicates = check.rows - check.distinct_keys + check.repeated + (sink ? [...sink.ids.values()].filter((c) => c > 1).length : 0);
  return { enqueueSeconds, totalSeconds, lost: expected - check.delivered, duplicates, rows: check.rows, fanOutMs: fanOut?.timings ?? null };
}

async function main() {
  const db = await freshDatabase();
  const sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  const sink = await smtpSink();
  const prefix = `bench-notices-${randomBytes(3).toString('hex')}`;
  const env = { DATABASE_URL: db.url, REDIS_PREFIX: prefix, SMTP_URL: sink.url, WORKER_CONCURRENCY: CONCURRENCY, NOTICE_SWEEP_MS: '3600000', RUN_MIGRATIONS: 'false' };
  const workers = [];
  for (let i = 0; i < WORKERS; i++) workers.push(await startProcess('dist/src/worker.js', env, { waitHealth: false }));
  try {
    await sleep(3000); // the workers connect
    const runs = [...INBOX_SIZES.map((n) => ({ n, channel: 'inbox' })), ...SMTP_SIZES.map((n) => ({ n, channel: 'email' }))];
    for (const { n, channel } of runs) {
      const bare = await bareBullmq(n);
      const bareMail = channel === 'email' ? await bareSmtp(sink.url, Math.min(n, 20000)) : null;
      const draftId = await seedDraft(sql, n, { offline: channel === 'email' });
      const before = sink.count();
      const r = await runNotices(sql, prefix, draftId, n, channel === 'email' ? { ...sink, count: () => sink.count() - before } : null);
      const extra = { n, channel, workers: WORKERS, concurrency: Number(CONCURRENCY), lost: r.lost, duplicates: r.duplicates, seconds: Math.round(r.totalSeconds * 10) / 10, loadAverage: Math.round(os.loadavg()[0] * 10) / 10 };
      figure(`notices ${channel} ${n}: enqueued per second (fan-out: participants → rows → jobs)`, n / r.enqueueSeconds, 'notices/s', bare.addRate, { ...extra, enqueueSeconds: Math.round(r.enqueueSeconds * 10) / 10, fanOutMs: r.fanOutMs, baselineName: 'bare BullMQ addBulk jobs/s' });
      figure(`notices ${channel} ${n}: delivered end to end per second`, n / r.totalSeconds, 'notices/s', bare.processRate, { ...extra, baselineName: 'bare BullMQ no-op jobs processed/s' });
      if (bareMail) figure(`notices ${channel} ${n}: delivered end to end per second, beside bare SMTP`, n / r.totalSeconds, 'notices/s', bareMail, { ...extra, baselineName: 'bare nodemailer pool (5 connections) to the same sink, messages/s' });
      await sql.query(`DELETE FROM notice WHERE draft_id = $1`, [draftId]); // keep the table small for the next run
      await sql.query('VACUUM notice');
    }
  } finally {
    for (const w of workers) await w.stop();
    await sql.end();
    await sink.close();
    await db.drop();
    const { default: Redis } = await import('ioredis');
    const redis = new Redis(REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    redis.disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
