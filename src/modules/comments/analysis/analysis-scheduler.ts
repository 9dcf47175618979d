import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PeriodicTask } from '../../../common/timers/periodic-task';
import { AnalysisPass } from './analysis-pass.service';

/** How often the worker looks for comments not yet analysed. */
export const ANALYSIS_POLL_MS = 500;

/**
 * The worker's side of the analysis: keeps every draft's clusters and keyword counts just behind
 * its log, so the API's intake only stores and answers. PostgreSQL is the only signal (log size
 * against the analysis cursor): nothing to lose when a process restarts, and with several workers
 * the pass's lease keeps one of them per draft.
 */
@Injectable()
export class AnalysisScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task: PeriodicTask<void>;

  constructor(private readonly pass: AnalysisPass) {
    this.task = new PeriodicTask('analysis pass', () => this.catchUpAll(), undefined, new Logger(AnalysisScheduler.name));
  }

  onApplicationBootstrap(): void {
    this.task.start(ANALYSIS_POLL_MS);
  }

  async onModuleDestroy(): Promise<void> {
    await this.task.stop();
    await this.pass.releaseLeases().catch(() => undefined);
  }

  private async catchUpAll(): Promise<void> {
    for (const draftId of await this.pass.draftsBehind()) await this.pass.catchUp(draftId, { hold: true });
  }
}
