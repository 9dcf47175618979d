import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DraftsRepository } from './drafts.repository';

export const DRAFT_SCHEDULE_QUEUE = 'draft-schedule';

export type WindowEdge = 'open' | 'close';

export interface WindowJob {
  edge: WindowEdge;
  draftId: string;
  version: number;
}

/** The deterministic job id: publishing twice or re-enqueuing cannot schedule an edge twice. */
export function windowJobId(job: WindowJob): string {
  return `${job.edge}:${job.draftId}:${job.version}`;
}

// One statement per edge: the conditional UPDATE is the whole decision, so the queue worker, the
// start-up pass and the periodic pass of several API instances may all run it at once; whoever
// comes second finds nothing to move. SKIP LOCKED leaves a row someone is editing to the next pass.
const EDGES: Record<WindowEdge, { from: string; to: string; due: string; action: string; note: string; set: string }> = {
  open: {
    from: 'scheduled',
    to: 'open',
    due: 'comment_opens_at',
    action: 'opened',
    note: 'the comment window opened at its stated time',
    // From now on this version is what the public reads.
    set: ', public_version = d.version',
  },
  close: {
    from: 'open',
    to: 'closed',
    due: 'comment_closes_at',
    action: 'closed',
    note: 'the comment window closed at its stated time',
    set: '',
  },
};

/** Opens and closes comment windows when they are due. PostgreSQL is the truth; the queue only wakes us. */
@Injectable()
export class DraftWindowService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: DraftsRepository,
  ) {}

  /**
   * Moves every due draft (or only `draftId`) across `edge`; returns the ids moved. Rows another
   * reconciler holds are skipped (NO KEY UPDATE), but not rows merely referenced by an insert in
   * flight: every comment and analysis row takes KEY SHARE on its draft, and under steady intake
   * FOR UPDATE SKIP LOCKED would skip the draft pass after pass and keep its window open.
   */
  async runDue(edge: WindowEdge, draftId?: string): Promise<string[]> {
    const e = EDGES[edge];
    const rows: Array<{ id: string }> = await this.db.query(
      `WITH due AS (
         SELECT id FROM draft
         WHERE status = '${e.from}' AND ${e.due} <= now() AND ($1::uuid IS NULL OR id = $1::uuid)
         FOR NO KEY UPDATE SKIP LOCKED
       ), moved AS (
         UPDATE draft d SET status = '${e.to}', updated_at = now()${e.set}
         FROM due WHERE d.id = due.id
         RETURNING d.id, d.version
       ), logged AS (
         INSERT INTO draft_event (draft_id, version, actor_id, action, from_status, to_status, note)
         SELECT id, version, NULL, '${e.action}', '${e.from}', '${e.to}', '${e.note}' FROM moved
       )
       SELECT id FROM moved`,
      [draftId ?? null],
    );
    return rows.map((r) => r.id);
  }

  /** Every due opening, then every due closing (a draft whose whole window passed goes through both). */
  async reconcile(): Promise<{ opened: string[]; closed: string[] }> {
    const opened = await this.runDue('open');
    const closed = await this.runDue('close');
    return { opened, closed };
  }

  /**
   * What the queue worker does for one job. When nothing moved but the draft still waits at this
   * version, the job fired early (clocks differ by a few ms): throw, so BullMQ retries with backoff.
   */
  async runJob(job: WindowJob): Promise<'moved' | 'stale'> {
    if ((await this.runDue(job.edge, job.draftId)).length) return 'moved';
    const draft = await this.repo.findById(job.draftId);
    if (draft && draft.version === job.version && draft.status === EDGES[job.edge].from) {
      throw new Error(`draft ${job.draftId} is not yet due to ${job.edge}`);
    }
    return 'stale';
  }
}
