// Two API instances on one PostgreSQL and one Redis, viewers spread over both, the clerk writing
// through the second: the first is killed with SIGKILL mid-hearing. Its viewers move to the
// survivor (the client is given both URLs) and join with afterSeq: every viewer ends with 1..N
// exactly once, in order.
import { clerkWriting, FailoverViewer, range, startedHearing } from './live-viewers';
import { eventually, figures, sleep, Stack, startStack } from './harness';

const VIEWERS = 40;

jest.setTimeout(180_000);

describe('fault: one of two API instances is killed during a live hearing', () => {
  let s: Stack;
  beforeAll(async () => void (s = await startStack()));
  afterAll(() => s?.destroy());

  it(`moves the dead instance's viewers to the survivor with no gap and no duplicate`, async () => {
    const [a, b] = await Promise.all([s.api(), s.api()]);
    const h = await startedHearing(s.handle(b));
    const urls = [a.url, b.url];
    // Half the viewers start on A, half on B; each knows both URLs.
    const viewers = Array.from({ length: VIEWERS }, (_, i) => new FailoverViewer(urls, h.hearingId, i));
    await eventually(async () => viewers.every((v) => v.connection === 'live'), 20_000, 'viewers joined');
    const onA = viewers.filter((v) => v.url === a.url);
    expect(onA.length).toBe(VIEWERS / 2);
    const clerk = clerkWriting(b.url, h.hearingId, h.clerkToken);
    await eventually(async () => clerk.sent >= 100, 30_000, '100 segments before the kill');

    const stored = async () => (await s.sql.query(`SELECT coalesce(max(seq), 0)::int AS n FROM hearing_segment WHERE hearing_id = $1`, [h.hearingId])).rows[0].n as number;
    await a.kill9();
    const killedAt = Date.now();
    const atKill = await stored();
    await eventually(async () => onA.every((v) => v.url === b.url && v.connection === 'live' && v.order.some((q) => q > atKill)), 60_000, 'viewers of A to resume on B');
    const resumeSeconds = (Date.now() - killedAt) / 1000;
    await sleep(2000);
    await clerk.stop();

    const n = await stored();
    await eventually(async () => viewers.every((v) => v.order.length >= n), 30_000, `every viewer to reach seq ${n}`);
    await sleep(500);
    let duplicates = 0;
    let missing = 0;
    for (const v of viewers) {
      duplicates += v.order.length - new Set(v.order).size;
      missing += n - new Set(v.order).size;
      expect(v.order).toEqual(range(1, n));
    }
    expect(onA.every((v) => v.failovers >= 1)).toBe(true);
    figures('api-instance-kill', { viewers: VIEWERS, movedViewers: onA.length, segments: n, atKill, resumeSeconds, duplicates, missing, clerkErrors: clerk.errors.length });
    for (const v of viewers) v.stop();
  });
});
