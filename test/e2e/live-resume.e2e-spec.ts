// The classic race of a live feed with catch-up: viewers join (or come back) with `afterSeq`
// while several writers keep adding segments. Every viewer must receive exactly the segments after
// its afterSeq, in order, once each, the backlog before the ack and the live ones after it.
import type { Socket } from 'socket.io-client';
import { emitAck, joinOn, joinViewer, LiveHearing, liveHearing, liveSocket, setLiveState, until, Viewer } from '../factories/live';
import { staff } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/**
 * Asserts the no-gap, no-duplicate, backlog-then-ack-then-live property for one viewer. An
 * afterSeq beyond the last seq at the time of the join counts as that last seq (the ack says so).
 */
function expectExactly(v: Viewer, afterSeq: number, lastSeq: number, label: string) {
  const seqs = v.segments.map((s) => s.seq);
  const from = Math.min(afterSeq, v.ack.lastSeq);
  expect({ label, seqs }).toEqual({ label, seqs: range(from + 1, lastSeq) });
  const beforeAck = seqs.slice(0, v.ackedAt);
  const afterAck = seqs.slice(v.ackedAt);
  expect({ label, beforeAck: beforeAck.every((s) => s <= v.ack.lastSeq), afterAck: afterAck.every((s) => s > v.ack.lastSeq) }).toEqual({
    label,
    beforeAck: true,
    afterAck: true,
  });
}

describe('resume while the clerk writes (LiveHub)', () => {
  let t: TestApp;
  let h: LiveHearing;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    h = await liveHearing(t, { representatives: [] });
    await setLiveState(t, h, 'start');
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  it('gives viewers joining with any afterSeq every segment once, in order, while 3 writers add 270', async () => {
    const second = await staff(t, ['clerk'], { unitId: h.unitId });
    const writers = [await liveSocket(t, h.clerk.token), await liveSocket(t, second.token), await liveSocket(t, h.organizer.token)];
    sockets.push(...writers);
    let acked = 0;
    let writing = true;
    const PER_WRITER = 90;
    // Two writers wait for each ack; the third fires bursts of 5 without waiting, so commits and
    // broadcasts of different sockets interleave and arrive out of order.
    const steady = (s: Socket, name: string) => async () => {
      for (let i = 0; i < PER_WRITER; i++) {
        const r = await emitAck(s, 'segment:add', { hearingId: h.hearingId, speaker: name, text: `${name} ${i}` });
        if (typeof r.seq !== 'number') throw new Error(JSON.stringify(r));
        acked = Math.max(acked, r.seq);
      }
    };
    const bursty = (s: Socket) => async () => {
      for (let i = 0; i < PER_WRITER; i += 5) {
        const rs = await Promise.all(range(i, i + 4).map((j) => emitAck(s, 'segment:add', { hearingId: h.hearingId, speaker: '组织者', text: `burst ${j}` })));
        for (const r of rs) acked = Math.max(acked, r.seq);
      }
    };
    const writing$ = Promise.all([steady(writers[0], '记录员甲')(), steady(writers[1], '记录员乙')(), bursty(writers[2])()]).finally(() => {
      writing = false;
    });

    // Viewers join all along, with afterSeq 0, somewhere in the past, exactly the last seen, or ahead.
    const joins: Array<Promise<{ v: Viewer; afterSeq: number; label: string }>> = [];
    const resumes: Array<Promise<{ first: Viewer; second: Viewer; label: string }>> = [];
    let k = 0;
    while (writing) {
      if (joins.length >= 150) {
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      const now = acked;
      const choices = [0, Math.floor(Math.random() * (now + 1)), now, now + 3];
      const afterSeq = choices[k % choices.length];
      const label = `viewer ${k} afterSeq=${afterSeq} (acked ${now})`;
      joins.push(joinViewer(t, h.hearingId, afterSeq).then((v) => (sockets.push(v.socket), { v, afterSeq, label })));
      if (k % 3 === 0) {
        // A viewer that drops out mid-stream and comes back on a new connection with its last seq.
        resumes.push(
          (async () => {
            const first = await joinViewer(t, h.hearingId, 0);
            sockets.push(first.socket);
            await new Promise((r) => setTimeout(r, 5 + Math.random() * 40));
            first.socket.disconnect();
            const last = first.segments.at(-1)?.seq ?? 0;
            const socket = await liveSocket(t);
            sockets.push(socket);
            const second = await joinOn(socket, h.hearingId, last);
            return { first, second, label: `resumer ${k} from ${last}` };
          })(),
        );
      }
      k++;
      await new Promise((r) => setTimeout(r, 10));
    }
    await writing$;
    const lastSeq = 3 * PER_WRITER;
    expect(acked).toBe(lastSeq);
    const joined = await Promise.all(joins);
    const resumed = await Promise.all(resumes);
    expect(joined.length).toBeGreaterThan(20);

    await until(() => joined.every(({ v, afterSeq }) => v.segments.length >= lastSeq - Math.min(afterSeq, v.ack.lastSeq)), 20_000, 'every viewer to catch up');
    await until(() => resumed.every(({ first, second }) => (second.segments.at(-1)?.seq ?? first.segments.at(-1)?.seq) === lastSeq), 20_000, 'every resumer to catch up');
    await new Promise((r) => setTimeout(r, 300)); // anything late would be a duplicate

    for (const { v, afterSeq, label } of joined) expectExactly(v, afterSeq, lastSeq, label);
    for (const { first, second, label } of resumed) {
      const resumedFrom = first.segments.at(-1)?.seq ?? 0;
      expectExactly(first, 0, resumedFrom, `${label} (before)`);
      expectExactly(second, resumedFrom, lastSeq, `${label} (after)`);
    }
    // Within one writer, the segments keep the order they were sent in.
    const { rows } = await t.sql.query(`SELECT text FROM hearing_segment WHERE hearing_id = $1 AND speaker = '记录员甲' ORDER BY seq`, [h.hearingId]);
    expect(rows.map((r) => r.text)).toEqual(range(0, PER_WRITER - 1).map((i) => `记录员甲 ${i}`));
  });

  it('lets a socket join again on the same connection without duplicates', async () => {
    const v = await joinViewer(t, h.hearingId, 260);
    sockets.push(v.socket);
    expect(v.segments.map((s) => s.seq)).toEqual(range(261, 270));
    const again = await emitAck(v.socket, 'join', { hearingId: h.hearingId, afterSeq: 268 });
    expect(again).toEqual({ ok: true, lastSeq: 270, state: 'live' });
    const writer = await liveSocket(t, h.clerk.token);
    sockets.push(writer);
    await emitAck(writer, 'segment:add', { hearingId: h.hearingId, speaker: '主持人', text: '再次加入后' });
    await until(() => v.segments.at(-1)?.seq === 271, 5000, 'segment 271');
    expect(v.segments.map((s) => s.seq)).toEqual([...range(261, 270), 269, 270, 271]);
  });
});
