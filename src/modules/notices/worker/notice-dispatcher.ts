import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { PeriodicTask } from '../../../common/timers/periodic-task';
import { AppConfig } from '../../../config/env';
import { NOTICES_QUEUE, SWEEP_JOB } from '../notice.types';
import { NoticesOutbox } from '../queue/notices-outbox';
import { NoticeStore } from '../store/notice-store';
import { NoticeSweeper } from './notice-sweeper';

const DISPATCH_MS = 1000;
const DISPATCH_BATCH = 500;

/**
 * The worker's timers. Every second it queues notices that other transactions wrote without a
 * job (a selection decision cannot enqueue before its transaction commits, so it only writes the
 * row: a transactional outbox). And it installs the periodic sweep as a BullMQ job scheduler, so
 * that with several workers the sweep still runs once per period; it also sweeps once at start.
 */
@Injectable()
export class NoticeDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(NoticeDispatcher.name);
  private readonly dispatch: PeriodicTask<number>;
  private firstSweep: Promise<unknown> | null = null;

  constructor(
    private readonly store: NoticeStore,
    private readonly outbox: NoticesOutbox,
    private readonly sweeper: NoticeSweeper,
    private readonly cfg: AppConfig,
    @InjectQueue(NOTICES_QUEUE) private readonly queue: Queue,
  ) {
    this.dispatch = new PeriodicTask('dispatching notices', () => this.dispatchAll(), 0, this.log);
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.queue.upsertJobScheduler('notices-sweep', { every: this.cfg.NOTICE_SWEEP_MS }, { name: SWEEP_JOB });
    } catch (err) {
      this.log.warn(`could not schedule the notice sweep: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.firstSweep = this.sweeper.sweep().catch((err: unknown) => this.log.warn(`first sweep failed: ${err instanceof Error ? err.message : String(err)}`));
    this.dispatch.start(DISPATCH_MS);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.dispatch.stop(), this.firstSweep]);
  }

  /** One pass; never throws (the next pass retries). */
  dispatchOnce(): Promise<number> {
    return this.dispatch.run();
  }

  private async dispatchAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.store.claimUndispatched(DISPATCH_BATCH, (rows) => this.outbox.enqueueDeliveries(rows));
      total += n;
      if (n < DISPATCH_BATCH) return total;
    }
  }
}
