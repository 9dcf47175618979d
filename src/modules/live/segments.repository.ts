import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** One stored revision of one segment, as the database holds it (text unmasked). */
export interface SegmentRow {
  hearingId: string;
  seq: number;
  revision: number;
  eventNo: number;
  speaker: string;
  role: string;
  speakerSeatId: string | null;
  speakerUserId: string | null;
  text: string;
  at: Date;
  writtenAt: Date;
  writtenBy: string;
  correctionId: string | null;
  prevHash: string;
  hash: string;
}

export type NewSegmentRow = Omit<SegmentRow, 'writtenAt'> & { clientKey: string | null };

const SEGMENT_COLUMNS = `
  hearing_id AS "hearingId", seq, revision, event_no AS "eventNo", speaker, role, speaker_seat_id AS "speakerSeatId",
  speaker_user_id AS "speakerUserId", text, at, written_at AS "writtenAt", written_by AS "writtenBy",
  correction_id AS "correctionId", prev_hash AS "prevHash", hash`;

export interface TranscriptFilter {
  hearingId: string;
  afterSeq?: number;
  /** Only the segments attributed to this seat (a representative's own). */
  seatId?: string;
  limit: number;
  offset: number;
}

/** `hearing_segment`: append-only; the current text of a segment is its highest revision. */
@Injectable()
export class SegmentsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(m: EntityManager, r: NewSegmentRow): Promise<void> {
    await m.query(
      `INSERT INTO hearing_segment (hearing_id, seq, revision, event_no, speaker, role, speaker_seat_id, speaker_user_id, text, at,
                                    written_by, client_key, correction_id, prev_hash, hash)
       VALUES ($1, $2, $3, $15, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [r.hearingId, r.seq, r.revision, r.speaker, r.role, r.speakerSeatId, r.speakerUserId, r.text, r.at, r.writtenBy, r.clientKey, r.correctionId, r.prevHash, r.hash, r.eventNo],
    );
  }

  /**
   * Appends a first revision in ONE statement, if the session is live and still at `expected`
   * (last seq, last event, chain head) and the client key is unused; the UPDATE takes the session
   * row's lock, so concurrent writers serialise and all but one find the head moved. Returns false
   * when nothing was stored; the caller then reads why. One round trip: the write path of a live
   * hearing is mostly waiting for the database, especially on a busy machine.
   */
  async appendFirst(r: NewSegmentRow, expected: { lastSeq: number; lastEvent: number; chainHead: string }): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `WITH head AS (
         UPDATE hearing_session SET last_seq = $2::int, chain_head = $14::text, last_event = $15::int
          WHERE hearing_id = $1 AND state = 'live' AND last_seq = $16::int AND last_event = $17::int AND chain_head = $13::text
            AND ($11::text IS NULL OR NOT EXISTS (SELECT 1 FROM hearing_segment WHERE hearing_id = $1 AND client_key = $11::text))
          RETURNING hearing_id)
       INSERT INTO hearing_segment (hearing_id, seq, revision, event_no, speaker, role, speaker_seat_id, speaker_user_id, text, at,
                                    written_by, client_key, correction_id, prev_hash, hash)
       SELECT head.hearing_id, $2::int, $3::int, $15::int, $4::text, $5::text, $6::uuid, $7::uuid, $8::text, $9::timestamptz, $10::uuid, $11::text, $12::uuid, $13::text, $14::text FROM head
       RETURNING seq`,
      [r.hearingId, r.seq, r.revision, r.speaker, r.role, r.speakerSeatId, r.speakerUserId, r.text, r.at, r.writtenBy, r.clientKey, r.correctionId, r.prevHash, r.hash, r.eventNo, expected.lastSeq, expected.lastEvent],
    );
    return rows.length === 1;
  }

  async byClientKey(hearingId: string, clientKey: string, m: EntityManager = this.db.manager): Promise<SegmentRow | undefined> {
    const [row] = await m.query(`SELECT ${SEGMENT_COLUMNS} FROM hearing_segment WHERE hearing_id = $1 AND client_key = $2`, [hearingId, clientKey]);
    return row;
  }

  /** The current (highest) revision of one segment. */
  async current(hearingId: string, seq: number, m: EntityManager = this.db.manager): Promise<SegmentRow | undefined> {
    const [row] = await m.query(
      `SELECT ${SEGMENT_COLUMNS} FROM hearing_segment WHERE hearing_id = $1 AND seq = $2 ORDER BY revision DESC LIMIT 1`,
      [hearingId, seq],
    );
    return row;
  }

  /**
   * Current revisions after `afterSeq` in seq order, with the hearing's session row, read by one
   * statement so that both come from the same snapshot (`lastSeq` is never behind the rows).
   */
  async backlog(hearingId: string, afterSeq: number): Promise<{ session: Record<string, unknown> | null; rows: SegmentRow[] }> {
    const [row] = await this.db.query(
      `SELECT (SELECT to_jsonb(s) FROM hearing_session s WHERE s.hearing_id = $1) AS session,
              (SELECT coalesce(jsonb_agg(to_jsonb(c) ORDER BY c.seq), '[]'::jsonb)
                 FROM (SELECT ${SEGMENT_COLUMNS}, extract(epoch FROM at) * 1000 AS "atMs" FROM hearing_segment_current
                        WHERE hearing_id = $1 AND seq > $2) c) AS rows`,
      [hearingId, afterSeq],
    );
    const rows = (row.rows as Array<SegmentRow & { atMs: number }>).map(({ atMs, ...r }) => ({ ...r, at: new Date(Math.round(Number(atMs))) }));
    return { session: row.session, rows };
  }

  /** Stored revisions by event number, in event order (what an instance missed of the live stream). */
  async events(hearingId: string, fromEvent: number, toEvent: number): Promise<SegmentRow[]> {
    return this.db.query(
      `SELECT ${SEGMENT_COLUMNS} FROM hearing_segment WHERE hearing_id = $1 AND event_no BETWEEN $2 AND $3 ORDER BY event_no`,
      [hearingId, fromEvent, toEvent],
    );
  }

  /** A page of current revisions (and their total), in seq order. */
  async page(f: TranscriptFilter): Promise<{ rows: SegmentRow[]; total: number }> {
    const params: unknown[] = [f.hearingId, f.afterSeq ?? 0];
    let where = `hearing_id = $1 AND seq > $2`;
    if (f.seatId) {
      params.push(f.seatId);
      where += ` AND speaker_seat_id = $${params.length}`;
    }
    params.push(f.limit, f.offset);
    const rows: Array<SegmentRow & { total: number }> = await this.db.query(
      `SELECT ${SEGMENT_COLUMNS}, count(*) OVER ()::int AS total FROM hearing_segment_current
        WHERE ${where} ORDER BY seq LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { rows, total: rows[0]?.total ?? 0 };
  }

  /** Every revision of the given segments, oldest first (the history kept by corrections). */
  async revisionsOf(hearingId: string, seqs: number[]): Promise<SegmentRow[]> {
    if (!seqs.length) return [];
    return this.db.query(
      `SELECT ${SEGMENT_COLUMNS} FROM hearing_segment WHERE hearing_id = $1 AND seq = ANY($2::int[]) ORDER BY seq, revision`,
      [hearingId, seqs],
    );
  }

  /** The whole transcript, current revisions in seq order (for the seal and the export). */
  async allCurrent(hearingId: string, m: EntityManager = this.db.manager): Promise<SegmentRow[]> {
    return m.query(`SELECT ${SEGMENT_COLUMNS} FROM hearing_segment_current WHERE hearing_id = $1 ORDER BY seq`, [hearingId]);
  }
}
