// One load-generator process of bench/burst.bench.mjs. On {type:'run'} it opens `connections`
// keep-alive sockets to the target and sends `requests` comment submissions over them, each socket
// sending its next request as soon as the previous answer arrived (no pause, Retry-After ignored).
// Replies {type:'result'} with the status counts, latencies and the ids of the 201s.
import { randomUUID } from 'node:crypto';
import http from 'node:http';

const STANCES = ['support', 'oppose', 'amend', 'question', 'other'];
const TIMEOUT_MS = 120_000;

const now = () => Number(process.hrtime.bigint()) / 1e6;

async function run({ target, draftId, anchors, tokens, requests, connections, texts, tag }) {
  const url = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const statuses = {};
  const errors = {};
  const accepted = []; // latency of each 2xx, ms
  const refused = []; // latency of each 503, ms
  const ids = [];
  const connects = []; // time to connect, ms, of each new socket
  let withRetryAfter = 0;
  let next = 0;

  const one = (i) =>
    new Promise((resolve) => {
      const body = Buffer.from(
        JSON.stringify({ anchor: anchors[i % anchors.length], stance: STANCES[i % 5], text: `${texts[i % texts.length]}（${tag}-${i}）` }),
      );
      const t0 = now();
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: `/api/drafts/${draftId}/comments`,
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            authorization: `Bearer ${tokens[i % tokens.length]}`,
            'idempotency-key': randomUUID(),
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const ms = now() - t0;
            const s = res.statusCode;
            statuses[s] = (statuses[s] ?? 0) + 1;
            if (s >= 200 && s < 300) {
              accepted.push(ms);
              if (s === 201) ids.push(JSON.parse(Buffer.concat(chunks).toString('utf8')).id);
            } else if (s === 503) {
              refused.push(ms);
              if (res.headers['retry-after']) withRetryAfter++;
            }
            resolve();
          });
          res.on('error', (e) => fail(e));
        },
      );
      // Keyed by code and phase: refused while connecting, or after the request went out.
      const fail = (e) => {
        const key = `${e.code ?? e.message}:${req.socket?.connecting !== false ? 'connecting' : 'sent'}:${req.reusedSocket ? 'reused-socket' : 'new-socket'}`;
        errors[key] = (errors[key] ?? 0) + 1;
        resolve();
      };
      req.once('socket', (socket) => {
        if (socket.connecting) socket.once('connect', () => connects.push(now() - t0));
      });
      req.setTimeout(TIMEOUT_MS, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
      req.on('error', fail);
      req.end(body);
    });

  const started = now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let i = next++; i < requests; i = next++) await one(i);
    }),
  );
  const ms = now() - started;
  agent.destroy();
  return { statuses, errors, accepted, refused, ids, connects, withRetryAfter, ms };
}

process.on('message', async (m) => {
  if (m.type === 'run') process.send({ type: 'result', ...(await run(m)) });
  if (m.type === 'exit') process.exit(0);
});
process.send({ type: 'ready' });
