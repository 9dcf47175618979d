import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { PeriodicTask } from '../../common/timers/periodic-task';
import { AppConfig } from '../../config/env';
import type { Draft } from './draft.entity';
import { DRAFT_SCHEDULE_QUEUE, DraftWindowService, WindowJob, windowJobId } from './draft-window.service';

/**
 * API side of the automatic opening and closing: a delayed job per edge when a draft is
 * published, plus a reconciler at start-up and every DRAFT_RECONCILE_MS, because Redis keeps
 * nothing on disk here and delayed jobs can vanish with it.
 */
@Injectable()
export class DraftWindowScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(DraftWindowScheduler.name);
  private readonly task: PeriodicTask<{ opened: string[]; closed: string[] }>;

  constructor(
    @InjectQueue(DRAFT_SCHEDULE_QUEUE) private readonly queue: Queue<WindowJob>,
    private readonly windows: DraftWindowService,
    private readonly cfg: AppConfig,
  ) {
    this.task = new PeriodicTask('reconciling comment windows', () => this.reconcile(), { opened: [], closed: [] }, this.log);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.reconcileNow();
    this.task.start(this.cfg.DRAFT_RECONCILE_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop(); // let a pass in flight finish before the pool closes
  }

  /** One reconciliation pass; never throws (the next pass retries). Passes of one process never overlap. */
  reconcileNow(): Promise<{ opened: string[]; closed: string[] }> {
    return this.task.run();
  }

  private async reconcile(): Promise<{ opened: string[]; closed: string[] }> {
    const result = await this.windows.reconcile();
    if (result.opened.length || result.closed.length) {
      this.log.log(`comment windows: opened ${result.opened.length}, closed ${result.closed.length}`);
    }
    return result;
  }

  /** Delayed jobs for the edges still ahead of a just-published draft. Best effort: the reconciler is the backstop. */
  async schedule(draft: Pick<Draft, 'id' | 'version' | 'status' | 'commentOpensAt' | 'commentClosesAt'>): Promise<void> {
    const now = Date.now();
    const jobs: Array<{ job: WindowJob; at: Date }> = [];
    if (draft.status === 'scheduled' && draft.commentOpensAt) jobs.push({ job: { edge: 'open', draftId: draft.id, version: draft.version }, at: draft.commentOpensAt });
    if (draft.commentClosesAt) jobs.push({ job: { edge: 'close', draftId: draft.id, version: draft.version }, at: draft.commentClosesAt });
    try {
      for (const { job, at } of jobs) {
        await this.queue.add(job.edge, job, { jobId: windowJobId(job), delay: Math.max(0, at.getTime() - now) });
      }
    } catch (err) {
      this.log.warn(`could not queue window jobs for draft ${draft.id}; the reconciler will act: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
