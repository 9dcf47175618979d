import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../../common/database/pg-errors';
import { withPooledClient } from '../../../common/database/pooled-client';
import type { NoticeDraft, QueuedNotice } from '../notice.types';
import { COPY_NOTICES, copyRows, NoticeRow } from './notice-copy';
import { first, query, timeOrderedUuid } from './sql';

const queuedColumns = (t = 'notice') =>
  `${t}.id, ${t}.kind, ${t}.draft_id AS "draftId", ${t}.source_version AS "sourceVersion", ${t}.recipient, ${t}.channel, ${t}.resend_round AS "resendRound"`;
const QUEUED_COLUMNS = queuedColumns();

/** Fewer rows go through the INSERT: COPY pays off in bulk (a fan-out writes 5,000 at a time). */
const COPY_MIN_ROWS = 100;

// Letters wait for the organizer; `public` rows are settled when written.
const NEEDS_JOB = `channel IN ('inbox', 'email')`;
const needsJob = (n: { channel: string }) => n.channel === 'inbox' || n.channel === 'email';

export interface EmailNotice {
  id: string;
  draftId: string;
  kind: string;
  sourceVersion: string;
  address: string;
  subject: string;
  body: string;
  messageId: string;
  status: string;
}

/**
 * Every write to the notice table. Exactly-once lives here: rows are inserted with ON CONFLICT DO
 * NOTHING on (kind, draft, source version, recipient, channel), and delivery is a conditional
 * UPDATE from `pending`, so whatever the queue repeats, a notice is delivered at most once.
 */
@Injectable()
export class NoticeStore {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  /**
   * Writes notices in one statement and returns those of them that still need a delivery job
   * (inbox and email rows still pending), whether written now or by an earlier, interrupted run.
   * `queued` says the caller enqueues the jobs itself; otherwise the dispatcher will.
   */
  async insert(notices: NoticeDraft[], opts: { queued: boolean; m?: EntityManager }): Promise<QueuedNotice[]> {
    if (!notices.length) return [];
    const rows = notices.map(toRow);
    // Outside a caller's transaction (a fan-out), new rows are streamed with COPY; a batch that
    // meets a row already written (a run resumed after a crash) is written again by the INSERT below.
    if (!opts.m && rows.length >= COPY_MIN_ROWS && (await this.copyNew(rows, opts.queued))) return rows.filter(needsJob).map(queuedOf);
    const m = opts.m ?? this.db.manager;
    // One JSON parameter (jsonb_to_recordset): a quarter faster than a dozen text arrays, whose
    // elements both sides would escape and unescape one by one.
    const inserted = await query<QueuedNotice>(
      m,
      `INSERT INTO notice (id, recipient, user_id, channel, kind, draft_id, source_version, recipient_name, address,
                           subject, body, payload, status, delivered_at, queued_at)
       SELECT r.id, r.recipient, r.user_id, r.channel, r.kind, r.draft_id, r.source_version, r.recipient_name, r.address,
              r.subject, r.body, r.payload,
              CASE WHEN r.channel = 'public' THEN 'delivered' ELSE 'pending' END,
              CASE WHEN r.channel = 'public' THEN now() END,
              CASE WHEN $2::boolean THEN now() END
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, recipient text, user_id uuid, channel text, kind text, draft_id uuid,
                                                 source_version text, recipient_name text, address text, subject text, body text, payload jsonb)
       ON CONFLICT ON CONSTRAINT notice_once DO NOTHING
       RETURNING ${QUEUED_COLUMNS}`,
      [JSON.stringify(rows), opts.queued],
    );
    if (inserted.length === notices.length) return inserted.filter(needsJob);
    return this.pendingOf(notices, m);
  }

  /**
   * COPY of rows none of which is stored yet: about a third less database time per row than the
   * INSERT, which matters at a million notices. All or nothing: false when one of them exists.
   */
  private copyNew(rows: NoticeRow[], queued: boolean): Promise<boolean> {
    return withPooledClient(this.db, (client) =>
      copyRows(client, COPY_NOTICES, rows, queued).then(
        () => true,
        (e: unknown) => {
          if (isUniqueViolation(e)) return false;
          throw e;
        },
      ),
    );
  }

  /** The still-pending inbox and email rows among `notices` (matched by their unique key). */
  private pendingOf(notices: NoticeDraft[], m: EntityManager): Promise<QueuedNotice[]> {
    return query<QueuedNotice>(
      m,
      `SELECT ${queuedColumns('n')} FROM notice n
         JOIN unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[]) AS k(kind, draft_id, source_version, recipient, channel)
           ON n.kind = k.kind AND n.draft_id = k.draft_id AND n.source_version = k.source_version
          AND n.recipient = k.recipient AND n.channel = k.channel
        WHERE n.status = 'pending' AND n.${NEEDS_JOB}`,
      [notices.map((n) => n.kind), notices.map((n) => n.draftId), notices.map((n) => n.sourceVersion), notices.map((n) => n.recipient), notices.map((n) => n.channel)],
    );
  }

  /** Inbox delivery is the row itself: marks the batch delivered; returns how many changed now. */
  async deliverInbox(ids: string[]): Promise<number> {
    const done = await query<{ id: string }>(
      this.db.manager,
      // By primary key only: with a run's young statistics the planner would otherwise combine it
      // with a partial index scanned whole, every batch.
      `UPDATE notice SET status = 'delivered', delivered_at = now(), attempts = attempts + 1
        WHERE id = ANY($1::uuid[]) AND status = 'pending'
        RETURNING id`,
      [ids],
    );
    return done.length;
  }

  findEmail(id: string): Promise<EmailNotice | undefined> {
    return first<EmailNotice>(
      this.db.manager,
      `SELECT id, draft_id AS "draftId", kind, source_version AS "sourceVersion", address, subject, body,
              message_id AS "messageId", status
         FROM notice WHERE id = $1 AND channel = 'email'`,
      [id],
    );
  }

  async markDelivered(id: string): Promise<boolean> {
    const done = await query<{ id: string }>(
      this.db.manager,
      `UPDATE notice SET status = 'delivered', delivered_at = now(), attempts = attempts + 1, last_error = NULL
        WHERE id = $1 AND status = 'pending' RETURNING id`,
      [id],
    );
    return done.length > 0;
  }

  /** Records a failed attempt; `final` when no retry follows, which makes the notice `failed`. */
  async recordFailure(id: string, error: string, final: boolean): Promise<void> {
    await this.db.query(
      `UPDATE notice SET attempts = attempts + 1, last_error = left($2, 1000),
                         status = CASE WHEN $3 THEN 'failed' ELSE status END
        WHERE id = $1 AND status = 'pending'`,
      [id, error, final],
    );
  }

  /**
   * Claims rows written by other transactions that have no job yet (a selection decision, a
   * reminder) and marks them queued; the caller enqueues them. SKIP LOCKED lets several workers
   * dispatch at once without taking the same rows.
   */
  async claimUndispatched(limit: number, enqueue: (rows: QueuedNotice[]) => Promise<void>): Promise<number> {
    return this.db.transaction(async (m) => {
      const rows = await query<QueuedNotice>(
        m,
        `UPDATE notice SET queued_at = now()
          WHERE id IN (SELECT id FROM notice WHERE status = 'pending' AND queued_at IS NULL AND ${NEEDS_JOB}
                        ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING ${QUEUED_COLUMNS}`,
        [limit],
      );
      // Enqueued inside the transaction: if Redis refuses, the rows stay unqueued for the next pass.
      if (rows.length) await enqueue(rows);
      return rows.length;
    });
  }

  /**
   * Notices outside runs (selection news, reminders) pending since long after they were queued:
   * their job may have vanished with Redis. Marked queued again; the caller re-enqueues them.
   */
  takeStaleSingles(olderThanMs: number, limit: number): Promise<QueuedNotice[]> {
    return query<QueuedNotice>(
      this.db.manager,
      `UPDATE notice SET queued_at = now()
        WHERE id IN (SELECT id FROM notice
                      WHERE kind IN ('selection','meeting_feedback','meeting_reminder','meeting_overdue')
                        AND queued_at < now() - make_interval(secs => $1 / 1000.0) AND queued_at > now() - interval '7 days'
                        AND status = 'pending' AND ${NEEDS_JOB}
                      ORDER BY queued_at LIMIT $2)
        RETURNING ${QUEUED_COLUMNS}`,
      [olderThanMs, limit],
    );
  }

  /** The same for one notice run. */
  takeStaleOfRun(run: { draftId: string; kind: string; sourceVersion: string }, olderThanMs: number, limit: number): Promise<QueuedNotice[]> {
    return query<QueuedNotice>(
      this.db.manager,
      `UPDATE notice SET queued_at = now()
        WHERE id IN (SELECT id FROM notice
                      WHERE kind = $1 AND draft_id = $2 AND source_version = $3
                        AND queued_at < now() - make_interval(secs => $4 / 1000.0) AND status = 'pending' AND ${NEEDS_JOB}
                      LIMIT $5)
        RETURNING ${QUEUED_COLUMNS}`,
      [run.kind, run.draftId, run.sourceVersion, olderThanMs, limit],
    );
  }

  /** Marks a run settled when none of its inbox or email notices is pending; true if it is. */
  async settleRun(run: { draftId: string; kind: string; sourceVersion: string }): Promise<boolean> {
    const done = await query<{ draft_id: string }>(
      this.db.manager,
      `UPDATE notice_run r SET settled_at = now()
        WHERE r.draft_id = $2 AND r.kind = $1 AND r.source_version = $3 AND r.settled_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM notice n WHERE n.kind = $1 AND n.draft_id = $2 AND n.source_version = $3
                             AND n.status = 'pending' AND n.${NEEDS_JOB})
        RETURNING r.draft_id`,
      [run.kind, run.draftId, run.sourceVersion],
    );
    return done.length > 0;
  }

  /** The organizer's retry: failed rows become pending again under a new round (a fresh job id). */
  retryFailed(draftId: string): Promise<QueuedNotice[]> {
    return query<QueuedNotice>(
      this.db.manager,
      `UPDATE notice SET status = 'pending', attempts = 0, last_error = NULL, resend_round = resend_round + 1, queued_at = now()
        WHERE draft_id = $1 AND last_error IS NOT NULL AND status = 'failed' AND ${NEEDS_JOB}
        RETURNING ${QUEUED_COLUMNS}`,
      [draftId],
    );
  }

  /** Letters the organizer has printed and posted. */
  async markLettersMailed(draftId: string, ids: string[] | null): Promise<number> {
    const done = await query<{ id: string }>(
      this.db.manager,
      `UPDATE notice SET status = 'delivered', delivered_at = now(), attempts = attempts + 1
        WHERE draft_id = $1 AND channel = 'letter' AND status = 'pending' AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
        RETURNING id`,
      [draftId, ids],
    );
    return done.length;
  }

  async markRead(id: string, userId: string): Promise<{ id: string; readAt: Date } | undefined> {
    return first(
      this.db.manager,
      `UPDATE notice SET read_at = coalesce(read_at, now())
        WHERE id = $1 AND user_id = $2 AND channel = 'inbox' AND status = 'delivered' RETURNING id, read_at AS "readAt"`,
      [id, userId],
    );
  }

  async markAllRead(userId: string): Promise<number> {
    const done = await query<{ id: string }>(
      this.db.manager,
      `UPDATE notice SET read_at = now() WHERE user_id = $1 AND channel = 'inbox' AND status = 'delivered' AND read_at IS NULL RETURNING id`,
      [userId],
    );
    return done.length;
  }
}

function toRow(n: NoticeDraft): NoticeRow {
  return {
    id: timeOrderedUuid(),
    recipient: n.recipient,
    user_id: n.userId,
    channel: n.channel,
    kind: n.kind,
    draft_id: n.draftId,
    source_version: n.sourceVersion,
    recipient_name: n.recipientName,
    address: n.address,
    subject: n.subject,
    body: n.body,
    payload: n.payload,
  };
}

function queuedOf(r: NoticeRow): QueuedNotice {
  return { id: r.id, kind: r.kind, draftId: r.draft_id, sourceVersion: r.source_version, recipient: r.recipient, channel: r.channel, resendRound: 0 };
}
