import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { RunKind } from '../notice.types';
import { first, query } from './sql';

export interface RunKey {
  draftId: string;
  kind: RunKind;
  sourceVersion: string;
}

export interface RunRow extends RunKey {
  startedAt: Date;
  fannedOutAt: Date | null;
}

/** Participants of a run by state: `total = delivered + failed + pending`; `unreachable` apart (R10). */
export interface Progress {
  total: number;
  delivered: number;
  failed: number;
  pending: number;
  unreachable: number;
}

export interface InboxItem {
  id: string;
  kind: string;
  draftId: string;
  subject: string;
  body: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  deliveredAt: Date | null;
  readAt: Date | null;
}

export interface StaffNoticeRow {
  id: string;
  kind: string;
  sourceVersion: string;
  channel: string;
  status: string;
  recipientName: string | null;
  address: string | null;
  subject: string;
  body: string;
  payload: Record<string, unknown>;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

const RUN_COLUMNS = `draft_id AS "draftId", kind, source_version AS "sourceVersion", started_at AS "startedAt", fanned_out_at AS "fannedOutAt"`;
const STAFF_COLUMNS = `id, kind, source_version AS "sourceVersion", channel, status, recipient_name AS "recipientName", address,
  subject, body, payload, attempts, last_error AS "lastError", created_at AS "createdAt", delivered_at AS "deliveredAt"`;

/** Reads of the notice tables for the routes, the gateway and the progress publisher. */
@Injectable()
export class NoticeQueries {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  latestRun(draftId: string, kind?: RunKind): Promise<RunRow | undefined> {
    return first<RunRow>(
      this.db.manager,
      `SELECT ${RUN_COLUMNS} FROM notice_run WHERE draft_id = $1 AND ($2::text IS NULL OR kind = $2)
        ORDER BY started_at DESC, source_version DESC LIMIT 1`,
      [draftId, kind ?? null],
    );
  }

  runs(draftId: string): Promise<RunRow[]> {
    return query<RunRow>(this.db.manager, `SELECT ${RUN_COLUMNS} FROM notice_run WHERE draft_id = $1 ORDER BY started_at DESC`, [draftId]);
  }

  /**
   * A participant counts as delivered when every notice to them arrived, failed when one of them
   * failed (the organizer can retry), pending otherwise; letters are pending until posted.
   */
  async progress(run: RunKey): Promise<Progress> {
    const row = await first<Progress>(
      this.db.manager,
      `SELECT count(*) FILTER (WHERE s <> 'unreachable')::int AS total,
              count(*) FILTER (WHERE s = 'delivered')::int AS delivered,
              count(*) FILTER (WHERE s = 'failed')::int AS failed,
              count(*) FILTER (WHERE s = 'pending')::int AS pending,
              count(*) FILTER (WHERE s = 'unreachable')::int AS unreachable
         FROM (SELECT CASE WHEN bool_and(channel = 'public') THEN 'unreachable'
                           WHEN bool_or(status = 'failed') THEN 'failed'
                           WHEN bool_or(status = 'pending') THEN 'pending'
                           ELSE 'delivered' END AS s
                 FROM notice WHERE kind = $1 AND draft_id = $2 AND source_version = $3
                GROUP BY recipient) p`,
      [run.kind, run.draftId, run.sourceVersion],
    );
    return row ?? { total: 0, delivered: 0, failed: 0, pending: 0, unreachable: 0 };
  }

  /**
   * The inbox shows a notice once it is delivered: the delivery job is what puts it there, once.
   * The page and its counts come from one statement, so from one snapshot: read by two queries at
   * once, a notice delivered between them was counted (total 1) but missing from the page.
   */
  async inbox(userId: string, opts: { unreadOnly: boolean; limit: number; offset: number }): Promise<{ items: InboxItem[]; total: number; unread: number }> {
    const rows = await query<InboxItem & { total: number; unread: number }>(
      this.db.manager,
      `WITH mine AS (
         SELECT * FROM notice WHERE user_id = $1 AND channel = 'inbox' AND status = 'delivered'
       ), counts AS (
         SELECT count(*) FILTER (WHERE $2::boolean IS FALSE OR read_at IS NULL)::int AS total,
                count(*) FILTER (WHERE read_at IS NULL)::int AS unread
           FROM mine
       )
       SELECT c.total, c.unread, p.* FROM counts c LEFT JOIN LATERAL (
         SELECT id, kind, draft_id AS "draftId", subject, body, payload, created_at AS "createdAt",
                delivered_at AS "deliveredAt", read_at AS "readAt"
           FROM mine WHERE $2::boolean IS FALSE OR read_at IS NULL
          ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4
       ) p ON true`,
      [userId, opts.unreadOnly, opts.limit, opts.offset],
    );
    const items = rows.filter((r) => r.id !== null).map(({ total: _t, unread: _u, ...item }) => item as InboxItem);
    return { items, total: rows[0]?.total ?? 0, unread: rows[0]?.unread ?? 0 };
  }

  failures(draftId: string, limit: number, offset: number): Promise<Array<StaffNoticeRow & { total: number }>> {
    return query(
      this.db.manager,
      `SELECT ${STAFF_COLUMNS}, count(*) OVER ()::int AS total FROM notice
        WHERE draft_id = $1 AND last_error IS NOT NULL AND status = 'failed' ORDER BY created_at, id LIMIT $2 OFFSET $3`,
      [draftId, limit, offset],
    );
  }

  /** Notices of one channel of a run (letters, or `public` for the unreachable), by name. */
  byChannel(run: RunKey, channel: 'letter' | 'public', limit: number, offset: number): Promise<Array<StaffNoticeRow & { total: number }>> {
    return query(
      this.db.manager,
      `SELECT ${STAFF_COLUMNS}, count(*) OVER ()::int AS total FROM notice
        WHERE draft_id = $1 AND kind = $2 AND source_version = $3 AND channel = $4
        ORDER BY recipient_name NULLS LAST, id LIMIT $5 OFFSET $6`,
      [run.draftId, run.kind, run.sourceVersion, channel, limit, offset],
    );
  }
}
