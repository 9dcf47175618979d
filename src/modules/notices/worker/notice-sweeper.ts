import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { fanOutJobId, FanOutJob, NOTICES_QUEUE } from '../notice.types';
import { NoticesOutbox } from '../queue/notices-outbox';
import { MeetingFeedbackService } from '../meetings/meeting-feedback.service';
import { NoticeStore } from '../store/notice-store';
import { query } from '../store/sql';

/** A run not fanned out this long after its source was published is (re)started. */
const GRACE = `interval '30 seconds'`;
/** A pending notice queued this long ago has lost its job (Redis keeps nothing on disk here). */
const STALE_MS = 15 * 60_000;

export interface SweepResult {
  fanOuts: number;
  requeued: number;
  reminders: number;
  overdue: number;
}

/**
 * Reconciles the queues from PostgreSQL, the record: reports and results entries without a
 * finished notice run get their fan-out (again), pending notices whose job is gone get a new one,
 * and meeting feedback deadlines are checked (R17).
 */
@Injectable()
export class NoticeSweeper {
  private readonly log = new Logger(NoticeSweeper.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(NOTICES_QUEUE) private readonly queue: Queue<FanOutJob>,
    private readonly outbox: NoticesOutbox,
    private readonly store: NoticeStore,
    private readonly meetings: MeetingFeedbackService,
  ) {}

  async sweep(): Promise<SweepResult> {
    const fanOuts = await this.restartFanOuts();
    const requeued = (await this.requeueSingles()) + (await this.requeueRuns());
    const { reminders, overdue } = await this.meetings.check();
    const result = { fanOuts, requeued, reminders, overdue };
    if (fanOuts || requeued || reminders || overdue) this.log.log(`sweep: ${JSON.stringify(result)}`);
    return result;
  }

  private async requeueSingles(): Promise<number> {
    let requeued = 0;
    for (;;) {
      const stale = await this.store.takeStaleSingles(STALE_MS, 5000);
      if (!stale.length) return requeued;
      await this.outbox.enqueueDeliveries(stale);
      requeued += stale.length;
    }
  }

  /** Runs fanned out long ago and not settled: re-queue what is still pending, or settle them. */
  private async requeueRuns(): Promise<number> {
    const runs = await query<{ draftId: string; kind: string; sourceVersion: string }>(
      this.db.manager,
      `SELECT draft_id AS "draftId", kind, source_version AS "sourceVersion" FROM notice_run
        WHERE settled_at IS NULL AND fanned_out_at < now() - make_interval(secs => $1 / 1000.0)`,
      [STALE_MS],
    );
    let requeued = 0;
    for (const run of runs) {
      if (await this.store.settleRun(run)) continue;
      for (;;) {
        const stale = await this.store.takeStaleOfRun(run, STALE_MS, 5000);
        if (!stale.length) break;
        await this.outbox.enqueueDeliveries(stale);
        requeued += stale.length;
      }
    }
    return requeued;
  }

  private async restartFanOuts(): Promise<number> {
    const missing = await query<{ draftId: string; kind: 'adoption_report' | 'results'; version: number }>(
      this.db.manager,
      `SELECT r.draft_id AS "draftId", 'adoption_report' AS kind, r.report_version AS version
         FROM adoption_report r
        WHERE r.published_at < now() - ${GRACE}
          AND NOT EXISTS (SELECT 1 FROM notice_run n WHERE n.draft_id = r.draft_id AND n.source_version = r.report_version::text
                             AND n.kind IN ('adoption_report', 'adoption_report_correction') AND n.fanned_out_at IS NOT NULL)
       UNION ALL
       SELECT d.id, 'results', i.idx
         FROM draft d CROSS JOIN LATERAL generate_series(0, jsonb_array_length(d.results) - 1) AS i(idx)
        WHERE jsonb_typeof(d.results) = 'array'
          AND coalesce((d.results -> i.idx ->> 'at')::timestamptz, '-infinity') < now() - ${GRACE}
          AND NOT EXISTS (SELECT 1 FROM notice_run n WHERE n.draft_id = d.id AND n.kind = 'results'
                             AND n.source_version = i.idx::text AND n.fanned_out_at IS NOT NULL)`,
    );
    let started = 0;
    for (const m of missing) {
      const job: FanOutJob = m.kind === 'adoption_report' ? { kind: m.kind, draftId: m.draftId, reportVersion: Number(m.version) } : { kind: m.kind, draftId: m.draftId, resultIndex: Number(m.version) };
      const existing = await this.queue.getJob(fanOutJobId(job));
      const state = existing ? await existing.getState() : null;
      if (state === 'failed') {
        await existing!.retry();
        started++;
      } else if (!existing || state === 'completed' || state === 'unknown') {
        // A completed job without a finished run means the run was lost: run it again under a new id.
        if (existing && state === 'completed') await existing.remove();
        await this.outbox.enqueueFanOut(job);
        started++;
      }
    }
    return started;
  }
}
