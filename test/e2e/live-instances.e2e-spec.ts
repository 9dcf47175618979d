// Two API instances on one database and one Redis namespace: a viewer on either receives what is
// written through the other (socket.io Redis adapter), in order, without gaps or duplicates.
import type { Socket } from 'socket.io-client';
import { emitAck, joinViewer, LiveHearing, liveHearing, liveSocket, until, Viewer } from '../factories/live';
import { staff } from '../factories/users';
import { createTestApp, TestApp } from '../setup/test-app';

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

describe('live hearing across two API instances', () => {
  let a: TestApp;
  let b: TestApp;
  let h: LiveHearing;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    a = await createTestApp();
    b = await createTestApp({ DATABASE_URL: a.cfg.DATABASE_URL, REDIS_PREFIX: a.cfg.REDIS_PREFIX });
    h = await liveHearing(a, { representatives: [] });
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await b.close();
    await a.close();
  });

  const keep = (v: Viewer) => (sockets.push(v.socket), v);

  it('shows a viewer on B the state changes and segments written through A', async () => {
    const onB = keep(await joinViewer(b, h.hearingId));
    const onA = keep(await joinViewer(a, h.hearingId));
    // Started over HTTP on B, written through a socket on A.
    await b.http().post(`/api/hearings/${h.hearingId}/start`).set(h.clerk.auth).expect(200);
    await until(() => onA.states.some((s) => s.state === 'live') && onB.states.some((s) => s.state === 'live'), 5000, 'live on both');
    const clerk = await liveSocket(a, h.clerk.token);
    sockets.push(clerk);
    for (let i = 1; i <= 50; i++) expect(await emitAck(clerk, 'segment:add', { hearingId: h.hearingId, speaker: '主持人', text: `第${i}段` })).toEqual({ seq: i });
    await until(() => onB.segments.length === 50, 10_000, '50 segments on B');
    expect(onB.segments.map((s) => s.seq)).toEqual(range(1, 50));
    expect(onB.segments[49]).toMatchObject({ hearingId: h.hearingId, text: '第50段', revision: 1, speaker: '主持人' });
    expect(onA.segments.map((s) => s.seq)).toEqual(range(1, 50));
  });

  it('merges writers on both instances into one gap-free order for viewers on both, and resumes across instances', async () => {
    const second = await staff(a, ['clerk'], { unitId: h.unitId });
    const writerA = await liveSocket(a, h.clerk.token);
    const writerB = await liveSocket(b, second.token);
    sockets.push(writerA, writerB);
    const viewers = [keep(await joinViewer(a, h.hearingId, 50)), keep(await joinViewer(b, h.hearingId, 50))];
    const leaving = keep(await joinViewer(a, h.hearingId, 50));
    const write = (s: Socket, name: string) => async () => {
      for (let i = 0; i < 40; i++) await emitAck(s, 'segment:add', { hearingId: h.hearingId, speaker: name, text: `${name}${i}` });
    };
    const writing = Promise.all([write(writerA, '甲')(), write(writerB, '乙')()]);
    await until(() => leaving.segments.length >= 10, 10_000, 'some segments before leaving');
    leaving.socket.disconnect();
    const resumedFrom = leaving.segments.at(-1)!.seq;
    const resumed = keep(await joinViewer(b, h.hearingId, resumedFrom));
    await writing;
    for (const v of [...viewers, resumed]) await until(() => v.segments.at(-1)?.seq === 130, 10_000, 'segment 130');
    await new Promise((r) => setTimeout(r, 200));
    for (const v of viewers) expect(v.segments.map((s) => s.seq)).toEqual(range(51, 130));
    expect(leaving.segments.map((s) => s.seq)).toEqual(range(51, resumedFrom));
    expect(resumed.segments.map((s) => s.seq)).toEqual(range(resumedFrom + 1, 130));
  });

});
