// Redis is killed and started again (empty: no persistence) while the clerk keeps writing segments
// of a live hearing and viewers watch: once Redis is back, every viewer ends with seq 1..N exactly
// once, in order, N being what PostgreSQL stored.
import { clerkWriting, FailoverViewer, range, startedHearing } from './live-viewers';
import { eventually, figures, sleep, Stack, startStack } from './harness';

const VIEWERS = 20;

jest.setTimeout(180_000);

describe('fault: Redis restarts during a live hearing', () => {
  let s: Stack;
  beforeAll(async () => void (s = await startStack()));
  afterAll(() => s?.destroy());

  it(`gives ${VIEWERS} viewers every segment once, in order, across the restart`, async () => {
    const api = await s.api();
    const t = s.handle(api);
    const h = await startedHearing(t);
    const viewers = Array.from({ length: VIEWERS }, () => new FailoverViewer([api.url], h.hearingId));
    await eventually(async () => viewers.every((v) => v.connection === 'live'), 20_000, 'viewers joined');
    const clerk = clerkWriting(api.url, h.hearingId, h.clerkToken);
    await eventually(async () => clerk.sent >= 100, 30_000, '100 segments before the restart');

    const before = clerk.sent;
    const down = Date.now();
    await s.redis.restart(1000);
    const upAt = Date.now();
    // Recovery: the first segment stored after Redis is back reaches a viewer.
    const stored = async () => (await s.sql.query(`SELECT coalesce(max(seq), 0)::int AS n FROM hearing_segment WHERE hearing_id = $1`, [h.hearingId])).rows[0].n as number;
    const atUp = await stored();
    await eventually(async () => viewers.every((v) => v.order.some((q) => q > atUp)), 60_000, 'viewers to receive segments written after the restart');
    const recoverySeconds = (Date.now() - upAt) / 1000;
    await sleep(2000);
    await clerk.stop();

    const n = await stored();
    expect(n).toBeGreaterThan(before);
    await eventually(async () => viewers.every((v) => v.order.length >= n), 30_000, `every viewer to reach seq ${n}`);
    await sleep(500);
    let duplicates = 0;
    let missing = 0;
    for (const v of viewers) {
      duplicates += v.order.length - new Set(v.order).size;
      missing += n - new Set(v.order).size;
      expect(v.order).toEqual(range(1, n));
    }
    const stats = (await s.sql.query(`SELECT count(*)::int AS rows, count(DISTINCT seq)::int AS seqs FROM hearing_segment WHERE hearing_id = $1`, [h.hearingId])).rows[0];
    expect(stats).toEqual({ rows: n, seqs: n });
    figures('redis-restart', { viewers: VIEWERS, segments: n, beforeRestart: before, redisDownMs: upAt - down, recoverySeconds, duplicates, missing, clerkErrors: clerk.errors.length });
    for (const v of viewers) v.stop();
  });
});
