import type { LiveSegment, LiveStateEvent } from './live-events';
import { HubMember, HubPosition, HubSnapshot, LiveHub, SegmentFeedEvent } from './live-hub';

const H = 'h1';
const state = (lastSeq: number, s: LiveStateEvent['state'] = 'live'): LiveStateEvent => ({ hearingId: H, state: s, lastSeq, at: '', confirmationDeadline: null, sealed: false });
const seg = (seq: number, revision = 1): LiveSegment => ({ hearingId: H, seq, revision, speaker: 's', role: 'other', text: `t${seq}.${revision}`, at: '' });
const ev = (eventNo: number, seq: number, revision = 1): SegmentFeedEvent => ({ type: 'segment', eventNo, segment: seg(seq, revision) });

/** An in-memory "database" of committed events and a room that records what it was sent. */
function setup(committed: SegmentFeedEvent[] = []) {
  const db = [...committed];
  const room: Array<[string, any]> = [];
  let loads = 0;
  const snapshot = (): HubSnapshot => {
    const current: LiveSegment[] = [];
    for (const e of db) current[e.segment.seq - 1] = e.segment;
    return { segments: current, state: state(current.length), lastEvent: db.length };
  };
  let release: (() => void) | null = null;
  const hub = new LiveHub(
    {
      load: async () => {
        loads++;
        const snap = snapshot();
        if (gate) await new Promise<void>((r) => (release = r));
        return snap;
      },
      positions: async () => new Map<string, HubPosition>([[H, snapshot()]]),
      events: async (_h, from, to) => db.filter((e) => e.eventNo >= from && e.eventNo <= to),
    },
    { broadcast: (_h, event, payload) => room.push([event, payload]) },
    { gapWaitMs: 20, sweepMs: 60_000 },
  );
  let gate = false;
  return {
    hub,
    room,
    commit: (e: SegmentFeedEvent) => db.push(e),
    roomSegments: () => room.filter(([e]) => e === 'segment').map(([, p]) => `${p.seq}.${p.revision}`),
    loads: () => loads,
    holdLoad: () => (gate = true),
    releaseLoad: () => release?.(),
  };
}

function member(id: string) {
  const m = {
    id,
    connected: true,
    got: [] as string[],
    inRoom: false,
    emit: (_event: string, p: any) => m.got.push(`${p.seq}.${p.revision}`),
    joinRoom: () => void (m.inRoom = true),
    leaveRoom: () => void (m.inRoom = false),
  };
  return m satisfies HubMember;
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe(LiveHub.name, () => {
  let ctx: ReturnType<typeof setup>;
  afterEach(() => ctx?.hub.close());

  async function join(m: ReturnType<typeof member>, afterSeq: number) {
    let ack: any;
    await ctx.hub.join(m, H, afterSeq, (r) => {
      ack = r;
      m.got.push('ack');
    });
    return ack;
  }

  it('applies events arriving out of order in event order', async () => {
    ctx = setup();
    await join(member('v'), 0);
    for (const e of [ev(1, 1), ev(2, 2), ev(3, 3)]) ctx.commit(e);
    ctx.hub.receive(ev(2, 2));
    ctx.hub.receive(ev(3, 3));
    expect(ctx.roomSegments()).toEqual([]);
    ctx.hub.receive(ev(1, 1));
    expect(ctx.roomSegments()).toEqual(['1.1', '2.1', '3.1']);
    ctx.hub.receive(ev(2, 2));
    expect(ctx.roomSegments()).toEqual(['1.1', '2.1', '3.1']);
  });

  it('reads a lost event from the store when the gap does not close', async () => {
    ctx = setup();
    await join(member('v'), 0);
    for (const e of [ev(1, 1), ev(2, 2), ev(3, 2, 2)]) ctx.commit(e);
    ctx.hub.receive(ev(1, 1));
    ctx.hub.receive(ev(3, 2, 2)); // event 2 was lost
    await tick(60);
    expect(ctx.roomSegments()).toEqual(['1.1', '2.1', '2.2']);
  });

  it('serves a joiner from memory: current revisions after afterSeq, then the ack, then the room', async () => {
    ctx = setup([ev(1, 1), ev(2, 2), ev(3, 1, 2)]);
    const first = member('a');
    expect(await join(first, 0)).toEqual({ ok: true, lastSeq: 2, state: 'live' });
    expect(first.got).toEqual(['1.2', '2.1', 'ack']);
    ctx.commit(ev(4, 3));
    ctx.hub.receive(ev(4, 3));
    const late = member('b');
    await join(late, 1);
    expect(late.got).toEqual(['2.1', '3.1', 'ack']);
    expect(late.inRoom).toBe(true);
    expect(ctx.loads()).toBe(1);
  });

  it('applies events that arrive while the first load is in flight, without gaps or duplicates', async () => {
    ctx = setup([ev(1, 1)]);
    ctx.holdLoad();
    const v = member('v');
    const joined = join(v, 0);
    await tick(1);
    // Event 2 is committed after the snapshot and arrives before the load returns; event 1 arrives again.
    ctx.commit(ev(2, 2));
    ctx.hub.receive(ev(1, 1));
    ctx.hub.receive(ev(2, 2));
    ctx.releaseLoad();
    await joined;
    expect(v.got).toEqual(['1.1', '2.1', 'ack']);
    expect(ctx.roomSegments()).toEqual(['2.1']); // sent to the room before v joined it
  });

  it('forgets a hearing when its last socket leaves', async () => {
    ctx = setup();
    await join(member('v'), 0);
    expect(ctx.hub.channelCount()).toBe(1);
    ctx.hub.disconnected('v');
    expect(ctx.hub.channelCount()).toBe(0);
    ctx.hub.receive(ev(1, 1));
    expect(ctx.room).toEqual([]);
  });
});
