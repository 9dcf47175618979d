import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/env';
import { composeResultsNotice } from '../compose/other-notices';
import { composeCorrectionNotice, composeReportNotice, Composed, ConcentratedReason } from '../compose/report-notice';
import { draftLink } from '../compose/wording';
import type { FanOutJob, NoticeDraft, RunKind } from '../notice.types';
import { ProgressPublisher } from '../progress/progress.publisher';
import { NoticesOutbox } from '../queue/notices-outbox';
import { NoticeStore } from '../store/notice-store';
import { first, query } from '../store/sql';
import { CORRECTION_PARTICIPANTS, REPORT_PARTICIPANTS, RESULTS_FOLLOWERS } from './participant-sql';
import { channelsFor, concentratedNotAdopted, Participant, ParticipantGrouper, ParticipantRow } from './participants';

/** Rows fetched from the participant cursor at a time. */
const FETCH = 5000;
/** Batches being written at once (two database connections). */
const WRITES_IN_FLIGHT = 2;

interface RunPlan {
  kind: RunKind;
  draftId: string;
  sourceVersion: string;
  sql: string;
  params: unknown[];
  compose: (p: Participant) => Composed | null;
}

export interface FanOutResult {
  participants: number;
  unreachable: number;
  queued: number;
  /** Where the time went, in ms (kept with the completed job; the benchmark reports it). */
  timings: { read: number; compose: number; insert: number; enqueue: number; total: number };
}

/**
 * One notice per participant of a report version or a results entry. Safe to run again at any
 * point: rows are written with ON CONFLICT DO NOTHING and only still-pending ones are queued, with
 * deterministic job ids; so a repeated publish or a fan-out retried after a crash tells nobody twice.
 */
@Injectable()
export class FanOutService {
  private readonly log = new Logger(FanOutService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: NoticeStore,
    private readonly outbox: NoticesOutbox,
    private readonly progress: ProgressPublisher,
    private readonly cfg: AppConfig,
  ) {}

  async run(job: FanOutJob): Promise<FanOutResult> {
    const plan = job.kind === 'adoption_report' ? await this.reportPlan(job.draftId, job.reportVersion) : await this.resultsPlan(job.draftId, job.resultIndex);
    const run = { draftId: plan.draftId, kind: plan.kind, sourceVersion: plan.sourceVersion };
    await this.db.query(
      `INSERT INTO notice_run (draft_id, kind, source_version) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [run.draftId, run.kind, run.sourceVersion],
    );
    const result = await this.stream(plan);
    await this.db.query(
      `UPDATE notice_run SET total = $4, unreachable = $5, fanned_out_at = coalesce(fanned_out_at, now())
        WHERE draft_id = $1 AND kind = $2 AND source_version = $3`,
      [run.draftId, run.kind, run.sourceVersion, result.participants - result.unreachable, result.unreachable],
    );
    this.progress.touch(run, true);
    this.log.log(`${run.kind} ${run.sourceVersion} of draft ${run.draftId}: ${result.participants} participants, ${result.queued} deliveries queued`);
    return result;
  }

  /** Reads participants through a cursor and writes their notices batch by batch. */
  private async stream(plan: RunPlan): Promise<FanOutResult> {
    const result: FanOutResult = { participants: 0, unreachable: 0, queued: 0, timings: { read: 0, compose: 0, insert: 0, enqueue: 0, total: 0 } };
    const started = performance.now();
    const timed = <T>(key: keyof FanOutResult['timings'], p: Promise<T>): Promise<T> => {
      const t0 = performance.now();
      return p.finally(() => (result.timings[key] += performance.now() - t0));
    };
    const grouper = new ParticipantGrouper();
    const qr = this.db.createQueryRunner();
    await qr.connect();
    try {
      // WITH HOLD: the commit materializes the result (the sort needs all of it anyway) and ends
      // the transaction, so no snapshot stays open during a long run to keep dead row versions
      // alive — delivery updates can then be pruned in place (HOT) while the run goes on.
      await qr.startTransaction();
      await qr.query(`SET LOCAL work_mem = '64MB'`);
      await qr.query(`DECLARE notice_participants NO SCROLL CURSOR WITH HOLD FOR ${plan.sql}`, plan.params);
      await timed('read', qr.commitTransaction());
      let next: Promise<ParticipantRow[]> = qr.query(`FETCH ${FETCH} FROM notice_participants`);
      const writing: Array<Promise<void>> = [];
      for (;;) {
        const rows = await timed('read', next);
        const done = rows.length < FETCH;
        // Read the next batch and write earlier ones while composing: the database and this
        // process work at the same time; a bounded number of writes in flight bounds memory.
        if (!done) {
          next = qr.query(`FETCH ${FETCH} FROM notice_participants`);
          next.catch(() => undefined); // awaited on the next turn
        }
        const people = grouper.push(rows);
        if (done) people.push(...grouper.flush());
        const composing = performance.now();
        const notices = this.compose(plan, people, result);
        result.timings.compose += performance.now() - composing;
        if (writing.length >= WRITES_IN_FLIGHT) await writing.shift();
        const write = this.write(plan, notices, result);
        write.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
        writing.push(write);
        if (done) break;
      }
      for (const write of writing) await write;
      result.timings.total = performance.now() - started;
      for (const k of Object.keys(result.timings) as Array<keyof FanOutResult['timings']>) result.timings[k] = Math.round(result.timings[k]);
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await qr.query('CLOSE notice_participants').catch(() => undefined);
      await qr.release();
    }
    return result;
  }

  private compose(plan: RunPlan, people: Participant[], result: FanOutResult): NoticeDraft[] {
    const notices: NoticeDraft[] = [];
    for (const p of people) {
      const composed = plan.compose(p);
      if (!composed) continue;
      result.participants++;
      for (const { channel, address } of channelsFor(p)) {
        if (channel === 'public') result.unreachable++;
        notices.push({
          recipient: p.recipient,
          userId: p.userId,
          channel,
          kind: plan.kind,
          draftId: plan.draftId,
          sourceVersion: plan.sourceVersion,
          recipientName: p.name,
          address,
          subject: composed.subject,
          body: composed.body,
          payload: channel === 'public' && p.phone ? { ...composed.payload, phone: p.phone } : composed.payload,
        });
      }
    }
    return notices;
  }

  private async write(plan: RunPlan, notices: NoticeDraft[], result: FanOutResult): Promise<void> {
    const t0 = performance.now();
    const pending = await this.store.insert(notices, { queued: true });
    const t1 = performance.now();
    await this.outbox.enqueueDeliveries(pending);
    result.timings.insert += t1 - t0;
    result.timings.enqueue += performance.now() - t1;
    result.queued += pending.length;
    if (pending.length) this.progress.touch({ draftId: plan.draftId, kind: plan.kind, sourceVersion: plan.sourceVersion });
  }

  private async draftTitle(draftId: string): Promise<string> {
    const row = await first<{ title: string | null }>(this.db.manager, `SELECT title FROM draft WHERE id = $1`, [draftId]);
    if (!row) throw new Error(`draft ${draftId} not found`);
    return row.title ?? '';
  }

  private async reportPlan(draftId: string, reportVersion: number): Promise<RunPlan> {
    const reports = await query<{ reportVersion: number; publishedAt: Date }>(
      this.db.manager,
      `SELECT report_version AS "reportVersion", published_at AS "publishedAt" FROM adoption_report
        WHERE draft_id = $1 AND report_version IN ($2, $2 - 1) ORDER BY report_version DESC`,
      [draftId, reportVersion],
    );
    const report = reports.find((r) => r.reportVersion === reportVersion);
    // Not visible yet (the publishing transaction may still be committing): the job is retried.
    if (!report) throw new Error(`adoption report ${reportVersion} of draft ${draftId} not found`);
    const previous = reports.find((r) => r.reportVersion === reportVersion - 1);
    const title = await this.draftTitle(draftId);
    const link = draftLink(this.cfg.PUBLIC_URL, draftId, 'report');
    const sourceVersion = String(reportVersion);
    if (previous) {
      return {
        kind: 'adoption_report_correction',
        draftId,
        sourceVersion,
        sql: CORRECTION_PARTICIPANTS,
        params: [draftId, report.publishedAt, previous.publishedAt],
        compose: (p) =>
          p.comments.length
            ? composeCorrectionNotice({
                draftTitle: title,
                recipientName: p.name,
                reportVersion,
                link,
                changes: p.comments.map((comment) => ({ comment, before: p.previous.get(comment.commentId)! })),
              })
            : null,
      };
    }
    const concentrated = await this.concentrated(draftId, reportVersion);
    return {
      kind: 'adoption_report',
      draftId,
      sourceVersion,
      sql: REPORT_PARTICIPANTS,
      params: [draftId, report.publishedAt],
      compose: (p) => composeReportNotice({ draftTitle: title, recipientName: p.name, reportVersion, comments: p.comments, concentrated, seats: p.seats, link }),
    };
  }

  private async resultsPlan(draftId: string, resultIndex: number): Promise<RunPlan> {
    const row = await first<{ title: string | null; entry: { summary: string; execution: string; at: string } | null }>(
      this.db.manager,
      `SELECT title, results -> $2::int AS entry FROM draft WHERE id = $1`,
      [draftId, resultIndex],
    );
    if (!row?.entry) throw new Error(`results entry ${resultIndex} of draft ${draftId} not found`);
    const entry = row.entry;
    const link = draftLink(this.cfg.PUBLIC_URL, draftId);
    return {
      kind: 'results',
      draftId,
      sourceVersion: String(resultIndex),
      sql: RESULTS_FOLLOWERS,
      params: [draftId],
      compose: (p) => composeResultsNotice({ draftTitle: row.title ?? '', recipientName: p.name, resultIndex, link, ...entry }),
    };
  }

  /**
   * Why concentrated opinions were not adopted, told to everyone (R10): the clusters exactly as the
   * published report states them; samples are someone else's words, so masked (R19).
   */
  private async concentrated(draftId: string, reportVersion: number): Promise<ConcentratedReason[]> {
    const row = await first<{ clusters: unknown }>(
      this.db.manager,
      `SELECT snapshot -> 'clusters' AS clusters FROM adoption_report WHERE draft_id = $1 AND report_version = $2`,
      [draftId, reportVersion],
    );
    return concentratedNotAdopted(row?.clusters);
  }
}
