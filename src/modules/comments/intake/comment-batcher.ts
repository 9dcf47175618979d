import { Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { Overloaded } from '../../../common/errors/domain-error';
import { OverloadMonitor } from '../../../common/overload/overload.monitor';
import { AppConfig } from '../../../config/env';
import { keyOf } from './batch-plan';
import { keyReused } from './intake-rules';
import { IntakeRepository } from './intake.repository';
import type { CommentReceipt, Submission } from './submission';

/** Largest group commit; more waiting submissions go in the next one. */
export const MAX_BATCH = 400;
/**
 * Group commits of one draft under way at once: the next batches are planned on top of the running
 * one and sent behind it on the draft's pipelined connection, so PostgreSQL starts each as soon as
 * the one before it has committed, without waiting for this process to read that answer first.
 */
export const MAX_IN_FLIGHT = 3;

interface Waiting {
  sub: Submission;
  resolve: (r: CommentReceipt) => void;
  reject: (e: unknown) => void;
}

interface DraftLane {
  waiting: Waiting[];
  running: number;
}

/**
 * Group commit per draft. The draft's seq and Merkle append are one serialisation point, so
 * instead of one transaction per request, submissions that arrive while commits are running wait
 * for the next one, which stores them all at once (one statement, one multi-row INSERT, one fsync).
 * With no load a submission is committed on the next tick; under load batches grow by themselves
 * to what arrived during the previous commit. A promise resolves only after COMMIT: 201 = stored.
 */
@Injectable()
export class CommentBatcher implements OnApplicationShutdown {
  private readonly logger = new Logger(CommentBatcher.name);
  private readonly lanes = new Map<string, DraftLane>();
  // Idempotency keys being committed in this process: a concurrent retry joins the first attempt.
  private readonly inFlight = new Map<string, { requestHash: string; result: Promise<CommentReceipt> }>();
  private readonly flushes = new Set<Promise<void>>();
  // Backpressure: submissions taken and not yet answered (queued or in a running commit), all drafts.
  private pending = 0;
  private refused = 0;
  private readonly maxPending: number;

  constructor(
    private readonly repo: IntakeRepository,
    @Optional() cfg?: AppConfig,
    @Optional() monitor?: OverloadMonitor,
  ) {
    this.maxPending = cfg?.INTAKE_MAX_WAITING ?? new AppConfig().INTAKE_MAX_WAITING;
    monitor?.gauge('intakeWaiting', () => this.pending);
    monitor?.gauge('intakeRefused', () => this.refused);
  }

  submit(sub: Submission): Promise<CommentReceipt> {
    if (!sub.idempotencyKey) return this.enqueue(sub);
    const key = keyOf(sub, sub.idempotencyKey);
    const running = this.inFlight.get(key);
    if (running) {
      if (running.requestHash !== sub.requestHash) {
        return Promise.reject(keyReused());
      }
      return running.result;
    }
    const result = this.enqueue(sub);
    this.inFlight.set(key, { requestHash: sub.requestHash!, result });
    const forget = () => void this.inFlight.delete(key);
    result.then(forget, forget);
    return result;
  }

  private enqueue(sub: Submission): Promise<CommentReceipt> {
    // Refused before it is queued, so a 503 is never stored; the queue (and memory) stays bounded.
    if (this.pending >= this.maxPending) {
      this.refused++;
      return Promise.reject(new Overloaded('comment.intake_busy', 'comment intake is busy (too many comments waiting to be stored), please retry shortly'));
    }
    this.pending++;
    let lane = this.lanes.get(sub.draftId);
    if (!lane) {
      lane = { waiting: [], running: 0 };
      this.lanes.set(sub.draftId, lane);
    }
    const l = lane;
    return new Promise<CommentReceipt>((resolve, reject) => {
      l.waiting.push({ sub, resolve, reject });
      // Everything submitted during this tick joins the same commit.
      if (l.running < MAX_IN_FLIGHT && l.waiting.length === 1) setImmediate(() => this.flush(sub.draftId, l));
    });
  }

  private flush(draftId: string, lane: DraftLane): void {
    if (lane.running >= MAX_IN_FLIGHT || lane.waiting.length === 0) return;
    lane.running++;
    const batch = lane.waiting.splice(0, MAX_BATCH);
    const done = this.commit(draftId, batch).finally(() => {
      this.flushes.delete(done);
      lane.running--;
      if (lane.waiting.length) this.flush(draftId, lane);
      else if (lane.running === 0 && this.lanes.get(draftId) === lane) this.lanes.delete(draftId);
    });
    this.flushes.add(done);
  }

  private async commit(draftId: string, batch: Waiting[]): Promise<void> {
    try {
      const plan = await this.repo.commitBatch(
        draftId,
        batch.map((w) => w.sub),
      );
      // Analysis (keywords, near-duplicates) is the worker's, off this path: see AnalysisScheduler.
      plan.outcomes.forEach((o, i) => (o.ok ? batch[i].resolve(o.receipt) : batch[i].reject(o.error)));
    } catch (e) {
      // Nothing of this batch was stored (the transaction rolled back): every request gets the error.
      this.logger.error(`group commit of ${batch.length} comments on draft ${draftId} failed: ${(e as Error).message}`);
      for (const w of batch) w.reject(e);
    } finally {
      this.pending -= batch.length;
    }
  }

  /** Lets running commits finish before the pool closes, so no accepted request loses its answer. */
  async onApplicationShutdown(): Promise<void> {
    while (this.flushes.size) await Promise.allSettled([...this.flushes]);
    await this.repo.close();
  }
}
