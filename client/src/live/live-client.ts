// A framework-free client of the live hearing namespace (`/hearings`, API.md "Live hearing").
// Viewers get the transcript in seq order with no gap and no duplicate across reconnections;
// the clerk console gets a send queue whose unacknowledged items stay visible until the server
// has stored them. React pages subscribe with `on(...)`; tests drive it from Node.
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { ApiError, type ErrorParams } from '../api/api-error';
// Event shapes from the server (type-only: nothing of the server is bundled).
import type { LiveSegment as BroadcastSegment, LiveState, LiveStateEvent } from '../../../src/modules/live/realtime/live-events';

/**
 * A WebSocket from the first packet, long-polling only where WebSockets are blocked. Starting on
 * polling and upgrading leaves a window in which a dropped connection goes unnoticed until the next
 * ping (25 s), and polling needs sticky sessions behind a load balancer; a WebSocket needs neither.
 */
export const WEBSOCKET_FIRST = { transports: ['websocket', 'polling'], tryAllTransports: true } satisfies Partial<ManagerOptions & SocketOptions>;

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';
export type HearingState = LiveState;

/** One revision of one segment, as broadcast (`segment`). */
export interface LiveSegment extends BroadcastSegment {
  /** Personal data in the text was masked for the public (R19). */
  textMasked?: boolean;
}

/** `hearing:state` */
export type HearingStateEvent = LiveStateEvent;

/** What the clerk says was said: a seat from the roster, a staff member, or a named speaker. */
export interface SegmentInput {
  text: string;
  speaker?: string;
  seatId?: string;
  userId?: string;
  role?: string;
}

export interface PendingSegment {
  /** Also the `clientKey` sent to the server, which stores a resent segment only once. */
  key: string;
  input: SegmentInput;
  /** queued: waiting for the connection; sending: sent, no ack yet; failed: refused by the server. */
  status: 'queued' | 'sending' | 'failed';
  attempts: number;
  queuedAt: number;
  error?: LiveError;
}

/** A refusal over the socket, with the same code and params as over HTTP (so ErrorNote translates it). */
export class LiveError extends ApiError {
  constructor(
    message: string,
    readonly statusCode: number,
    code?: string,
    params?: ErrorParams,
  ) {
    super(statusCode, message, code, params);
  }
}

export interface LiveClientOptions {
  hearingId: string;
  /** Base URL of the API (`''` for the same origin). */
  url?: string;
  /** The access token, or a function read at every (re)connection. Only writers need one. */
  token?: string | null | (() => string | null | undefined);
  /** The last seq already held (e.g. restored from storage). */
  afterSeq?: number;
  /** How long a write waits for its ack before it is resent (the server dedupes). */
  ackTimeoutMs?: number;
  /** Extra socket.io options, e.g. `{ transports: ['websocket'] }`. */
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
}

interface ClientEvents {
  /** A new segment or a new revision of one. */
  segment: (s: LiveSegment) => void;
  connection: (state: ConnectionState) => void;
  hearing: (e: HearingStateEvent) => void;
  pending: (items: readonly PendingSegment[]) => void;
  error: (e: LiveError) => void;
}

interface QueueItem extends PendingSegment {
  resolve: (seq: number) => void;
  reject: (err: LiveError) => void;
}

type Ack = { ok?: true; lastSeq?: number; state?: HearingState; seq?: number; revision?: number; error?: string; statusCode?: number; code?: string; params?: ErrorParams };

const RETRYABLE = new Set([0, 429, 500, 503]);

function newKey(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID ? c.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export class LiveClient {
  readonly hearingId: string;
  private socket: Socket | null = null;
  private readonly segments = new Map<number, LiveSegment>();
  private last: number;
  private conn: ConnectionState = 'offline';
  private joined = false;
  private hearingState: HearingStateEvent | null = null;
  private queue: QueueItem[] = [];
  private readonly listeners: { [K in keyof ClientEvents]: Set<ClientEvents[K]> } = {
    segment: new Set(),
    connection: new Set(),
    hearing: new Set(),
    pending: new Set(),
    error: new Set(),
  };
  private readonly ackTimeoutMs: number;

  constructor(private readonly options: LiveClientOptions) {
    this.hearingId = options.hearingId;
    this.last = options.afterSeq ?? 0;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 8000;
  }

  /** Connection state: connecting (first time), live (joined), reconnecting, offline. */
  get connection(): ConnectionState {
    return this.conn;
  }

  /** The highest seq held; every segment up to it has been received. */
  get lastSeq(): number {
    return this.last;
  }

  get hearing(): HearingStateEvent | null {
    return this.hearingState;
  }

  /** The transcript as received: current revision of each segment, in seq order. */
  transcript(): LiveSegment[] {
    return [...this.segments.values()].sort((a, b) => a.seq - b.seq);
  }

  /** Segments typed but not yet stored by the server (and those it refused). */
  pending(): readonly PendingSegment[] {
    return this.queue.map(({ resolve: _r, reject: _j, ...item }) => item);
  }

  on<K extends keyof ClientEvents>(event: K, fn: ClientEvents[K]): () => void {
    this.listeners[event].add(fn);
    return () => this.listeners[event].delete(fn);
  }

  start(): this {
    if (this.socket) return this;
    const token = this.options.token;
    this.setConnection('connecting');
    const socket = io(`${this.options.url ?? ''}/hearings`, {
      ...WEBSOCKET_FIRST,
      ...this.options.socketOptions,
      forceNew: true,
      // Read at every (re)connection, so a refreshed token is used.
      auth: (cb) => cb({ token: (typeof token === 'function' ? token() : token) ?? undefined }),
    });
    this.socket = socket;
    socket.on('connect', () => this.join());
    socket.on('disconnect', (reason) => {
      this.joined = false;
      for (const item of this.queue) if (item.status === 'sending') item.status = 'queued';
      this.emitPending();
      if (reason === 'io client disconnect') return this.setConnection('offline');
      this.setConnection('reconnecting');
      // A disconnect decided by the server is not retried by socket.io itself.
      if (reason === 'io server disconnect') setTimeout(() => this.socket === socket && socket.connect(), 1000);
    });
    socket.on('connect_error', () => {
      if (this.conn !== 'connecting') this.setConnection('reconnecting');
    });
    socket.io.on('reconnect_failed', () => this.setConnection('offline'));
    socket.on('segment', (s: LiveSegment) => this.onSegment(s));
    socket.on('hearing:state', (e: HearingStateEvent) => this.onHearing(e));
    return this;
  }

  stop(): void {
    const socket = this.socket;
    this.socket = null;
    this.joined = false;
    socket?.disconnect();
    this.setConnection('offline');
  }

  /** Queues a segment; resolves with its seq once stored. Sent in order, resent after reconnecting. */
  send(input: SegmentInput): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ key: newKey(), input, status: 'queued', attempts: 0, queuedAt: Date.now(), resolve, reject });
      this.emitPending();
      this.flush();
    });
  }

  /** Sends a failed item again (after fixing what the server refused, e.g. the speaker). */
  retry(key: string, input?: SegmentInput): Promise<number> {
    const item = this.queue.find((i) => i.key === key);
    if (!item) return Promise.reject(new LiveError('no such pending segment', 404));
    return new Promise<number>((resolve, reject) => {
      Object.assign(item, { status: 'queued', error: undefined, resolve, reject, input: input ?? item.input });
      this.emitPending();
      this.flush();
    });
  }

  discard(key: string): void {
    this.queue = this.queue.filter((i) => i.key !== key);
    this.emitPending();
  }

  /** A new revision of a segment (while the hearing is live or paused); resolves with the revision. */
  async correct(seq: number, text: string): Promise<number> {
    if (!this.socket || !this.joined) throw new LiveError('not connected', 0);
    const res = (await this.socket.timeout(this.ackTimeoutMs).emitWithAck('segment:correct', { hearingId: this.hearingId, seq, text })) as Ack;
    if (res.error) throw new LiveError(res.error, res.statusCode ?? 0, res.code, res.params);
    return res.revision as number;
  }

  private join(): void {
    const socket = this.socket;
    if (!socket) return;
    socket.timeout(this.ackTimeoutMs).emit('join', { hearingId: this.hearingId, afterSeq: this.last }, (err: Error | null, ack: Ack) => {
      if (this.socket !== socket || !socket.connected) return;
      if (err || ack?.error) {
        const e = new LiveError(ack?.error ?? 'the server did not answer the join', ack?.statusCode ?? 0, ack?.code, ack?.params);
        this.emit('error', e);
        // A hearing that does not exist (or is not public) will not appear by retrying.
        if (e.statusCode === 404 || e.statusCode === 400) return this.stop();
        setTimeout(() => this.socket === socket && socket.connected && this.join(), 1000);
        return;
      }
      if ((ack.lastSeq ?? 0) < this.last) {
        // The server holds fewer segments than we do: another timeline (e.g. a restored database).
        this.segments.clear();
        this.last = 0;
        return this.join();
      }
      this.joined = true;
      this.setConnection('live');
      this.flush();
    });
  }

  private onSegment(s: LiveSegment): void {
    if (s.hearingId !== this.hearingId) return;
    const known = this.segments.get(s.seq);
    if (known && known.revision >= s.revision) return; // a duplicate
    if (!known && s.seq > this.last + 1) {
      // A gap should never happen; if it does, ask again from what we hold.
      if (this.joined) this.join();
      return;
    }
    this.segments.set(s.seq, s);
    if (s.seq > this.last) this.last = s.seq;
    this.emit('segment', s);
  }

  private onHearing(e: HearingStateEvent): void {
    if (e.hearingId !== this.hearingId) return;
    this.hearingState = e;
    this.emit('hearing', e);
  }

  private flush(): void {
    if (!this.socket || !this.joined) return;
    for (const item of this.queue) if (item.status === 'queued') this.transmit(item, this.socket);
  }

  private transmit(item: QueueItem, socket: Socket): void {
    item.status = 'sending';
    item.attempts++;
    this.emitPending();
    socket.timeout(this.ackTimeoutMs).emit('segment:add', { hearingId: this.hearingId, ...item.input, clientKey: item.key }, (err: Error | null, ack: Ack) => {
      if (!this.queue.includes(item) || item.status !== 'sending') return;
      if (err || (ack.error && RETRYABLE.has(ack.statusCode ?? 0))) {
        // No answer (or a passing failure): send again; the clientKey keeps it from being stored twice.
        item.status = 'queued';
        this.emitPending();
        setTimeout(() => this.flush(), 500);
        return;
      }
      if (ack.error) {
        item.status = 'failed';
        item.error = new LiveError(ack.error, ack.statusCode ?? 0, ack.code, ack.params);
        this.emitPending();
        item.reject(item.error);
        return;
      }
      this.queue = this.queue.filter((i) => i !== item);
      this.emitPending();
      item.resolve(ack.seq as number);
    });
  }

  private setConnection(state: ConnectionState): void {
    if (this.conn === state) return;
    this.conn = state;
    this.emit('connection', state);
  }

  private emitPending(): void {
    const items = this.pending();
    for (const fn of this.listeners.pending) fn(items);
  }

  private emit<K extends Exclude<keyof ClientEvents, 'pending'>>(event: K, arg: Parameters<ClientEvents[K]>[0]): void {
    for (const fn of this.listeners[event]) (fn as (a: typeof arg) => void)(arg);
  }
}
