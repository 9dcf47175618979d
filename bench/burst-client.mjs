// One load-generator process of bench/burst.bench.mjs. On {type:'run'} it opens `connections`
// keep-alive sockets to the target and sends `requests` comment submissions over them, each socket
// sending its next request as soon as the previous answer arrived. With `retry` false, Retry-After
// is ignored (every answer is final); with `retry` true, a 429/503 or a lost connection is sent
// again after Retry-After (± jitter) with the same Idempotency-Key and body, as a polite client
// would, until it is accepted. Replies {type:'result'} with counts, latencies and the 201 ids.
import { randomUUID } from 'node:crypto';
import http from 'node:http';

const STANCES = ['support', 'oppose', 'amend', 'question', 'other'];
const TIMEOUT_MS = 120_000;
const MAX_ATTEMPTS = 100;

const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function run({ target, draftId, anchors, tokens, requests, connections, texts, tag, retry = false }) {
  const url = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const statuses = {}; // every answer, retried ones included
  const errors = {};
  const accepted = []; // per submission: first send to its 2xx, ms
  const refused = []; // latency of each 503 answer, ms
  const ids = [];
  const connects = []; // time to connect, ms, of each new socket
  let withRetryAfter = 0;
  let retries = 0;
  let next = 0;

  /** One HTTP attempt: {status, retryAfter, id} or {error}. */
  const attempt = (body, key, token) =>
    new Promise((resolve) => {
      const t0 = now();
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: `/api/drafts/${draftId}/comments`,
          headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${token}`, 'idempotency-key': key },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const s = res.statusCode;
            statuses[s] = (statuses[s] ?? 0) + 1;
            const retryAfter = res.headers['retry-after'];
            if (s === 503) {
              refused.push(now() - t0);
              if (retryAfter) withRetryAfter++;
            }
            resolve({ status: s, retryAfter: Number(retryAfter ?? 1), id: s === 201 ? JSON.parse(Buffer.concat(chunks).toString('utf8')).id : undefined });
          });
          res.on('error', fail);
        },
      );
      // Keyed by code and phase: refused while connecting, or after the request went out.
      function fail(e) {
        const k = `${e.code ?? e.message}:${req.socket?.connecting !== false ? 'connecting' : 'sent'}:${req.reusedSocket ? 'reused-socket' : 'new-socket'}`;
        errors[k] = (errors[k] ?? 0) + 1;
        resolve({ error: k });
      }
      req.once('socket', (socket) => {
        if (socket.connecting) socket.once('connect', () => connects.push(now() - t0));
      });
      req.setTimeout(TIMEOUT_MS, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
      req.on('error', fail);
      req.end(body);
    });

  async function submit(i) {
    const body = Buffer.from(JSON.stringify({ anchor: anchors[i % anchors.length], stance: STANCES[i % 5], text: `${texts[i % texts.length]}（${tag}-${i}）` }));
    const key = randomUUID();
    const t0 = now();
    for (let n = 1; ; n++) {
      const r = await attempt(body, key, tokens[i % tokens.length]);
      if (r.status >= 200 && r.status < 300) {
        accepted.push(now() - t0);
        if (r.id) ids.push(r.id);
        return;
      }
      const again = retry && n < MAX_ATTEMPTS && (r.error || r.status === 429 || r.status === 503);
      if (!again) return;
      retries++;
      await sleep((r.retryAfter || 1) * 1000 * (0.5 + Math.random()));
    }
  }

  const started = now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let i = next++; i < requests; i = next++) await submit(i);
    }),
  );
  const ms = now() - started;
  agent.destroy();
  return { statuses, errors, accepted, refused, ids, connects, withRetryAfter, retries, ms };
}

process.on('message', async (m) => {
  if (m.type === 'run') process.send({ type: 'result', ...(await run(m)) });
  if (m.type === 'exit') process.exit(0);
});
process.send({ type: 'ready' });
