// The web client's live library (client/src/live/live-client.ts) against the real API: it joins,
// reconnects by itself, resumes without gaps or duplicates, and keeps unacknowledged sends visible.
import { ConnectionState, LiveClient, LiveSegment } from '../../client/src/live/live-client';
import { LiveHearing, liveHearing, setLiveState, until } from '../factories/live';
import { createTestApp, TestApp } from '../setup/test-app';

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** Cuts the network under a client (its transport closes; socket.io will reconnect). */
function dropConnection(c: LiveClient) {
  (c as unknown as { socket: { io: { engine: { close(): void } } } }).socket.io.engine.close();
}

describe(LiveClient.name, () => {
  let t: TestApp;
  let h: LiveHearing;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    h = await liveHearing(t, { representatives: [] });
    await setLiveState(t, h, 'start');
  });

  afterAll(async () => {
    for (const c of clients) c.stop();
    await t.close();
  });

  function client(token?: string, afterSeq?: number) {
    const c = new LiveClient({
      hearingId: h.hearingId,
      url: t.url,
      token,
      afterSeq,
      ackTimeoutMs: 3000,
      socketOptions: { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 200 },
    });
    clients.push(c);
    return c;
  }

  it('follows the transcript through dropped connections without gaps or duplicates', async () => {
    const viewer = client();
    const states: ConnectionState[] = [];
    const received: LiveSegment[] = [];
    viewer.on('connection', (s) => states.push(s));
    viewer.on('segment', (s) => received.push(s));
    viewer.start();
    await until(() => viewer.connection === 'live', 5000, 'viewer live');

    const clerk = client(h.clerk.token).start();
    await until(() => clerk.connection === 'live', 5000, 'clerk live');
    let sent = 0;
    const writing = (async () => {
      for (let i = 0; i < 60; i++) {
        await clerk.send({ speaker: '主持人', role: 'chair', text: `第${i + 1}段` });
        sent++;
      }
    })();
    for (let drop = 0; drop < 3; drop++) {
      await until(() => sent >= (drop + 1) * 15, 20_000, `${(drop + 1) * 15} sent`);
      dropConnection(viewer);
      await until(() => viewer.connection === 'reconnecting', 5000, 'reconnecting');
      await until(() => viewer.connection === 'live', 5000, 'live again');
    }
    await writing;
    await until(() => viewer.lastSeq === 60, 10_000, 'segment 60');
    expect(received.map((s) => s.seq)).toEqual(range(1, 60));
    expect(viewer.transcript().map((s) => s.text)).toEqual(range(1, 60).map((i) => `第${i}段`));
    expect(states).toEqual(['connecting', 'live', 'reconnecting', 'live', 'reconnecting', 'live', 'reconnecting', 'live']);
  });

  it('keeps the clerk’s unacknowledged segments visible and sends them in order after reconnecting', async () => {
    const clerk = client(h.clerk.token).start();
    await until(() => clerk.connection === 'live', 5000, 'clerk live');
    const before = clerk.lastSeq;
    dropConnection(clerk);
    await until(() => clerk.connection === 'reconnecting', 5000, 'reconnecting');
    const sends = range(1, 5).map((i) => clerk.send({ speaker: '主持人', text: `断线时输入${i}` }));
    expect(clerk.pending().map((p) => p.status)).toEqual(['queued', 'queued', 'queued', 'queued', 'queued']);
    expect(clerk.pending().map((p) => p.input.text)).toEqual(range(1, 5).map((i) => `断线时输入${i}`));
    const seqs = await Promise.all(sends);
    expect(seqs).toEqual(range(seqs[0], seqs[0] + 4));
    expect(seqs[0]).toBeGreaterThan(before);
    expect(clerk.pending()).toEqual([]);
    const { rows } = await t.sql.query(`SELECT text FROM hearing_segment WHERE hearing_id = $1 AND seq = ANY($2::int[]) ORDER BY seq`, [h.hearingId, seqs]);
    expect(rows.map((r) => r.text)).toEqual(range(1, 5).map((i) => `断线时输入${i}`));
  });

  it('marks a segment the server refuses as failed until it is fixed or discarded', async () => {
    const clerk = client(h.clerk.token).start();
    await until(() => clerk.connection === 'live', 5000, 'clerk live');
    await expect(clerk.send({ text: '没有发言人' })).rejects.toMatchObject({ statusCode: 400 });
    const [failed] = clerk.pending();
    // The refusal itself, with its code, so that the console says it in the clerk's language.
    expect(failed).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/speaker/), code: 'roster.speaker_missing', statusCode: 400 } });
    const seq = await clerk.retry(failed.key, { speaker: '主持人', text: '补上发言人' });
    expect(seq).toBeGreaterThan(0);
    expect(clerk.pending()).toEqual([]);

    const viewer = client();
    viewer.start();
    await until(() => viewer.connection === 'live', 5000, 'viewer');
    expect(viewer.transcript().at(-1)).toMatchObject({ seq, text: '补上发言人' });
    expect(await clerk.correct(seq, '补上发言人（更正）')).toBe(2);
    await until(() => viewer.transcript().at(-1)?.revision === 2, 5000, 'revision 2');
  });

  it('resumes from a stored afterSeq and goes offline when stopped or when the hearing is unknown', async () => {
    const viewer = client(undefined, 60);
    viewer.start();
    await until(() => viewer.connection === 'live', 5000, 'viewer');
    expect(viewer.transcript()[0].seq).toBe(61);
    viewer.stop();
    expect(viewer.connection).toBe('offline');

    const lost = new LiveClient({ hearingId: '00000000-0000-4000-8000-000000000000', url: t.url, socketOptions: { transports: ['websocket'] } });
    clients.push(lost);
    const errors: number[] = [];
    lost.on('error', (e) => errors.push(e.statusCode));
    lost.start();
    await until(() => lost.connection === 'offline', 5000, 'offline');
    expect(errors).toEqual([404]);
  });
});
