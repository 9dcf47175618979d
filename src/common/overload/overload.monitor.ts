import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { pgPool } from '../database/pooled-client';
import { pathOf } from '../http/request-context';
import { AppConfig } from '../../config/env';
import { Overloaded } from '../errors/domain-error';
import { toErrorBody } from '../errors/error-mapping';

const RESOLUTION_MS = 10;
/**
 * The loop delay that counts is sustained: the smaller of the worst delays of the last two
 * windows. One long synchronous task (a GC, a big analysis chunk) is over by the time it is seen;
 * refusing requests after it would only turn away work the process can now do.
 */
const WINDOW_MS = 500;
/** Always answered, so operators and load balancers can see the state while requests are refused. */
const HEALTH_PATH = '/api/health';

export interface OverloadState {
  shedding: boolean;
  reason: string | null;
  inFlight: number;
  loopDelayMs: number;
  dbWaiting: number;
  /** Requests refused by this monitor since the process started. */
  shedTotal: number;
  [gauge: string]: number | boolean | string | null;
}

/**
 * Load shedding for the whole API process. Counts the requests being served and samples the
 * event-loop delay and the PostgreSQL pool's queue; when one passes its limit (AppConfig
 * OVERLOAD_*), new requests are answered 503 + Retry-After before helmet, body parsing, auth or
 * any database work, so an overload costs little and never queues without bound.
 */
@Injectable()
export class OverloadMonitor implements OnModuleDestroy {
  private readonly logger = new Logger('Overload');
  private readonly histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private readonly timer: NodeJS.Timeout;
  private readonly gauges = new Map<string, () => number>();
  private inFlight = 0;
  private loopDelayMs = 0;
  private lastWindowMaxMs = 0;
  private shedTotal = 0;
  private shedInWindow = 0;
  private lastReason: string | null = null;
  private sampledAt = performance.now();

  constructor(
    private readonly cfg: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {
    this.histogram.enable();
    this.timer = setInterval(() => this.sample(), WINDOW_MS);
    this.timer.unref();
  }

  /** Another figure shown by /api/health beside the overload state (e.g. the intake queue). */
  gauge(name: string, read: () => number): void {
    this.gauges.set(name, read);
  }

  /** Why a new request would be refused now, or null. */
  reason(): string | null {
    const c = this.cfg;
    if (this.inFlight >= c.OVERLOAD_MAX_IN_FLIGHT) return `${this.inFlight} requests in flight (limit ${c.OVERLOAD_MAX_IN_FLIGHT})`;
    if (this.loopDelayMs > c.OVERLOAD_MAX_LOOP_DELAY_MS) return `event loop delayed ${this.loopDelayMs} ms (limit ${c.OVERLOAD_MAX_LOOP_DELAY_MS})`;
    const dbWaiting = this.dbWaiting();
    if (dbWaiting > c.OVERLOAD_MAX_DB_WAITING) return `${dbWaiting} requests waiting for a database connection (limit ${c.OVERLOAD_MAX_DB_WAITING})`;
    return null;
  }

  state(): OverloadState {
    const reason = this.reason();
    const gauges = Object.fromEntries([...this.gauges].map(([name, read]) => [name, read()]));
    return { shedding: reason !== null, reason, inFlight: this.inFlight, loopDelayMs: this.loopDelayMs, dbWaiting: this.dbWaiting(), shedTotal: this.shedTotal, ...gauges };
  }

  /** Fastify onRequest hook, added before every other one. */
  onRequestHook(): (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void {
    return (req, reply, done) => {
      const reason = pathOf(req.url) === HEALTH_PATH ? null : this.reason();
      if (reason) return this.refuse(reply, reason);
      this.inFlight++;
      // 'close' fires once per response, sent or aborted.
      reply.raw.once('close', () => this.inFlight--);
      done();
    };
  }

  private refuse(reply: FastifyReply, reason: string): void {
    this.shedTotal++;
    this.shedInWindow++;
    this.lastReason = reason;
    reply
      .code(503)
      .header('Retry-After', '1')
      .header('Cache-Control', 'no-store')
      .send(toErrorBody(new Overloaded('service.overloaded', 'the server is overloaded, please retry shortly')));
  }

  private dbWaiting(): number {
    return pgPool(this.db)?.waitingCount ?? 0;
  }

  private sample(): void {
    const at = performance.now();
    const windowMax = Math.max(0, Math.round(this.histogram.max / 1e6 - RESOLUTION_MS));
    this.loopDelayMs = Math.min(windowMax, this.lastWindowMaxMs);
    this.lastWindowMaxMs = windowMax;
    this.histogram.reset();
    // One line per window at most, however many requests were refused.
    if (this.shedInWindow) this.logger.warn(`refused ${this.shedInWindow} requests in ${Math.round(at - this.sampledAt)} ms: ${this.lastReason}`);
    this.shedInWindow = 0;
    this.sampledAt = at;
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }
}
