import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

/** The notices module's queue (its consumer lives in the worker). */
export const NOTICES_QUEUE = 'notices';

export interface FanOutJob {
  kind: 'adoption_report';
  draftId: string;
  reportVersion: number;
}

/** One job per published report version: a retried or repeated enqueue cannot notify twice. */
export const fanOutJobId = (j: FanOutJob) => `fanout-${j.kind}-${j.draftId}-${j.reportVersion}`;

/**
 * Hands a published report to the notices fan-out (R10). The report row is the outbox: it is
 * committed first, the job is queued after, and `fanout_queued_at` records it; reports whose job
 * could not be queued (Redis down at the time) are queued again at start-up.
 */
@Injectable()
export class ReportFanOut implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportFanOut.name);

  constructor(
    @InjectQueue(NOTICES_QUEUE) private readonly notices: Queue<FanOutJob>,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async queue(draftId: string, reportVersion: number): Promise<boolean> {
    const job: FanOutJob = { kind: 'adoption_report', draftId, reportVersion };
    try {
      await this.notices.add('fan-out', job, { jobId: fanOutJobId(job) });
      await this.db.query(`UPDATE adoption_report SET fanout_queued_at = now() WHERE draft_id = $1 AND report_version = $2`, [draftId, reportVersion]);
      return true;
    } catch (e) {
      this.logger.error(`could not queue the notices of report ${reportVersion} of draft ${draftId}: ${(e as Error).message}; retried at start-up`);
      return false;
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    const pending: Array<{ draft_id: string; report_version: number }> = await this.db
      .query(`SELECT draft_id, report_version FROM adoption_report WHERE fanout_queued_at IS NULL ORDER BY published_at LIMIT 1000`)
      .catch(() => []);
    for (const r of pending) await this.queue(r.draft_id, r.report_version);
  }
}
