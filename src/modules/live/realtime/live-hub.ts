// Fan-out of one API instance. Every committed write reaches every instance as a FeedEvent (the
// writer's own instance directly, the others through the Redis adapter's serverSideEmit); each
// instance applies the events of a hearing strictly in event order (every stored revision has an
// event number, given under the session lock with the seq) to an in-memory copy of the
// transcript, and broadcasts each one to its own sockets as it applies it.
//
// A viewer joining with `afterSeq` is served from that copy: the segments after afterSeq, the ack,
// then membership of the room, all in one tick. The copy is exactly the prefix of the event
// stream that the room has been sent, so there is no gap and no duplicate however fast the clerk
// writes, and a crowd joining at the start of a hearing costs the database one read per instance
// (the first join loads the transcript) instead of one per viewer. Broadcasts are one encoding for
// the whole room: no per-socket work on the hot path.
//
// Concurrent writers may publish event 6 before event 5, and Redis pub/sub may drop a message.
// The hub holds an event that arrives early and reads the missing ones from the database when the
// gap has not closed after `gapWaitMs`; an idle channel is also compared with the database every
// `sweepMs`, which catches a lost last message.
import { StateConflict } from '../../../common/errors/domain-error';
import type { FeedEvent, LiveSegment, LiveStateEvent } from './live-events';
import { SEGMENT_EVENT, STATE_EVENT } from './live-events';

export interface HubPosition {
  state: LiveStateEvent;
  lastEvent: number;
}

/** The whole transcript (current revisions, seq order) with the position it reflects, from one snapshot. */
export interface HubSnapshot extends HubPosition {
  segments: LiveSegment[];
}

export type SegmentFeedEvent = Extract<FeedEvent, { type: 'segment' }>;

export interface HubStore {
  load(hearingId: string): Promise<HubSnapshot>;
  /** Positions of several hearings, for the sweep; hearings without a session are left out. */
  positions(hearingIds: string[]): Promise<Map<string, HubPosition>>;
  /** Stored revisions with event numbers in [fromEvent, toEvent], in order, in their public form. */
  events(hearingId: string, fromEvent: number, toEvent: number): Promise<SegmentFeedEvent[]>;
}

export interface HubRooms {
  /** Emits to every socket of this instance in the hearing's room, encoded once. */
  broadcast(hearingId: string, event: string, payload: unknown): void;
}

/** A socket as the hub sees it. */
export interface HubMember {
  readonly id: string;
  readonly connected: boolean;
  emit(event: string, payload: unknown): void;
  joinRoom(hearingId: string): void;
  leaveRoom(hearingId: string): void;
}

export interface JoinResult {
  ok: true;
  lastSeq: number;
  state: LiveStateEvent['state'];
}

export class JoinSuperseded extends StateConflict<'live.join_superseded'> {
  constructor() {
    super('live.join_superseded', 'a later join of the same hearing replaced this one');
  }
}

class Channel {
  /** Highest event number applied (and broadcast to this instance's room). */
  delivered = 0;
  /** Current revision of every segment 1..lastSeq, as the room has been sent them. */
  readonly transcript: LiveSegment[] = [];
  initialised = false;
  ready!: Promise<void>;
  /** Events received before the snapshot was loaded. */
  early: FeedEvent[] = [];
  /** Events that arrived before their predecessors. */
  held = new Map<number, SegmentFeedEvent>();
  members = new Set<string>();
  /** Sockets waiting for the first load, each with a token that a later join or a leave replaces. */
  joining = new Map<string, object>();
  lastState!: LiveStateEvent;
  lastEventAt = Date.now();
  gapTimer: ReturnType<typeof setTimeout> | null = null;
  filling = false;

  constructor(readonly hearingId: string) {}

  get lastSeq(): number {
    return this.transcript.length;
  }
}

export interface HubOptions {
  gapWaitMs: number;
  sweepMs: number;
}

export class LiveHub {
  private readonly channels = new Map<string, Channel>();
  private readonly memberships = new Map<string, Set<string>>();
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(
    private readonly store: HubStore,
    private readonly rooms: HubRooms,
    private readonly options: HubOptions = { gapWaitMs: 150, sweepMs: 2000 },
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    this.sweeper = setInterval(() => void this.sweep().catch(this.onError), options.sweepMs);
    this.sweeper.unref?.();
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const ch of this.channels.values()) if (ch.gapTimer) clearTimeout(ch.gapTimer);
    this.channels.clear();
  }

  /** Hearings this instance currently serves (for diagnostics and tests). */
  channelCount(): number {
    return this.channels.size;
  }

  /** A committed write, from this instance or another. */
  receive(e: FeedEvent): void {
    const ch = this.channels.get(e.type === 'segment' ? e.segment.hearingId : e.state.hearingId);
    if (ch) this.accept(ch, e);
  }

  /**
   * Sends `member` every segment after `afterSeq` (current revisions, in order), calls `ack`, and
   * puts it in the room, in one tick. An afterSeq beyond the last seq sends nothing until the
   * next live segment: the client gets every segment after min(afterSeq, ack.lastSeq).
   */
  async join(member: HubMember, hearingId: string, afterSeq: number, ack: (r: JoinResult) => void): Promise<void> {
    const ch = this.channelFor(hearingId);
    this.detach(ch, member);
    this.track(member.id, hearingId);
    if (!ch.initialised) {
      const token = {};
      ch.joining.set(member.id, token);
      try {
        await ch.ready;
      } catch (err) {
        if (ch.joining.get(member.id) === token) this.leave(member, hearingId);
        throw err;
      }
      if (ch.joining.get(member.id) !== token) throw new JoinSuperseded();
      ch.joining.delete(member.id);
      if (!member.connected) return this.leave(member, hearingId);
    }
    for (let seq = afterSeq + 1; seq <= ch.lastSeq; seq++) member.emit(SEGMENT_EVENT, ch.transcript[seq - 1]);
    ack({ ok: true, lastSeq: ch.lastSeq, state: ch.lastState.state });
    member.joinRoom(hearingId);
    ch.members.add(member.id);
  }

  leave(member: HubMember, hearingId: string): void {
    const ch = this.channels.get(hearingId);
    if (ch) {
      this.detach(ch, member);
      this.dropIfEmpty(ch);
    }
    this.memberships.get(member.id)?.delete(hearingId);
  }

  /** A socket disconnected: socket.io already removed it from its rooms. */
  disconnected(memberId: string): void {
    for (const hearingId of this.memberships.get(memberId) ?? []) {
      const ch = this.channels.get(hearingId);
      if (!ch) continue;
      ch.members.delete(memberId);
      ch.joining.delete(memberId);
      this.dropIfEmpty(ch);
    }
    this.memberships.delete(memberId);
  }

  /** Compares idle channels with the database and applies what a lost message left out. */
  async sweep(): Promise<void> {
    const now = Date.now();
    const idle = [...this.channels.values()].filter((c) => c.initialised && !c.filling && c.held.size === 0 && now - c.lastEventAt >= this.options.sweepMs);
    if (!idle.length) return;
    const positions = await this.store.positions(idle.map((c) => c.hearingId));
    for (const ch of idle) {
      const pos = positions.get(ch.hearingId);
      if (!pos || this.channels.get(ch.hearingId) !== ch) continue;
      if (pos.lastEvent > ch.delivered) await this.fill(ch, pos.lastEvent);
      const was = ch.lastState;
      if (was.state !== pos.state.state || was.sealed !== pos.state.sealed) this.deliver(ch, { type: 'state', state: pos.state });
    }
  }

  private channelFor(hearingId: string): Channel {
    const existing = this.channels.get(hearingId);
    if (existing) return existing;
    const ch = new Channel(hearingId);
    this.channels.set(hearingId, ch);
    ch.ready = this.store.load(hearingId).then(
      (snap) => {
        ch.transcript.push(...snap.segments);
        ch.delivered = snap.lastEvent;
        ch.lastState = snap.state;
        ch.initialised = true;
        const early = ch.early;
        ch.early = [];
        for (const e of early) this.accept(ch, e);
      },
      (err) => {
        if (this.channels.get(hearingId) === ch) this.channels.delete(hearingId);
        throw err;
      },
    );
    ch.ready.catch(() => undefined);
    return ch;
  }

  private accept(ch: Channel, e: FeedEvent): void {
    ch.lastEventAt = Date.now();
    if (!ch.initialised) {
      ch.early.push(e);
      return;
    }
    if (e.type === 'state') return this.deliver(ch, e);
    if (e.eventNo <= ch.delivered) return; // already applied (the snapshot or a gap fill had it)
    if (e.eventNo === ch.delivered + 1) {
      this.apply(ch, e);
      this.drain(ch);
      return;
    }
    ch.held.set(e.eventNo, e);
    this.scheduleFill(ch);
  }

  private apply(ch: Channel, e: SegmentFeedEvent): void {
    ch.delivered = e.eventNo;
    const s = e.segment;
    if (s.seq <= ch.lastSeq + 1) ch.transcript[s.seq - 1] = s;
    this.deliver(ch, e);
  }

  private drain(ch: Channel): void {
    let next = ch.held.get(ch.delivered + 1);
    while (next) {
      ch.held.delete(next.eventNo);
      this.apply(ch, next);
      next = ch.held.get(ch.delivered + 1);
    }
    if (ch.held.size === 0 && ch.gapTimer) {
      clearTimeout(ch.gapTimer);
      ch.gapTimer = null;
    }
  }

  private deliver(ch: Channel, e: FeedEvent): void {
    if (e.type === 'state') {
      ch.lastState = e.state;
      this.rooms.broadcast(ch.hearingId, STATE_EVENT, e.state);
    } else {
      this.rooms.broadcast(ch.hearingId, SEGMENT_EVENT, e.segment);
    }
  }

  private scheduleFill(ch: Channel): void {
    if (ch.gapTimer) return;
    ch.gapTimer = setTimeout(() => {
      ch.gapTimer = null;
      if (ch.held.size) void this.fill(ch, Math.min(...ch.held.keys()) - 1).catch(this.onError);
    }, this.options.gapWaitMs);
  }

  /** Reads the events up to `upTo` that this channel has not applied, and applies them. */
  private async fill(ch: Channel, upTo: number): Promise<void> {
    if (ch.filling || upTo <= ch.delivered) return this.drain(ch);
    ch.filling = true;
    try {
      const missing = await this.store.events(ch.hearingId, ch.delivered + 1, upTo);
      if (this.channels.get(ch.hearingId) !== ch) return;
      for (const e of missing) if (e.eventNo === ch.delivered + 1) this.apply(ch, e);
      this.drain(ch);
    } finally {
      ch.filling = false;
    }
    if (ch.held.size) this.scheduleFill(ch);
  }

  private detach(ch: Channel, member: HubMember): void {
    ch.joining.delete(member.id);
    if (ch.members.delete(member.id)) member.leaveRoom(ch.hearingId);
  }

  private track(memberId: string, hearingId: string): void {
    let set = this.memberships.get(memberId);
    if (!set) this.memberships.set(memberId, (set = new Set()));
    set.add(hearingId);
  }

  private dropIfEmpty(ch: Channel): void {
    if (ch.members.size || ch.joining.size) return;
    if (ch.gapTimer) clearTimeout(ch.gapTimer);
    ch.gapTimer = null;
    if (this.channels.get(ch.hearingId) === ch) this.channels.delete(ch.hearingId);
  }
}
