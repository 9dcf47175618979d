import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface ConfirmationRow {
  seatId: string;
  category: string;
  displayName: string;
  label: string | null;
  userId: string | null;
  confirmedAt: Date | null;
  pendingCorrections: number;
}

export interface CorrectionRow {
  id: string;
  hearingId: string;
  seq: number;
  baseRevision: number;
  seatId: string;
  text: string;
  status: 'pending' | 'accepted' | 'rejected';
  reason: string | null;
  decidedAt: Date | null;
  revision: number | null;
  createdAt: Date;
  requestedBy: string;
  requesterName?: string;
}

const CORRECTION_COLUMNS = `
  c.id, c.hearing_id AS "hearingId", c.seq, c.base_revision AS "baseRevision", c.seat_id AS "seatId", c.text, c.status,
  c.reason, c.decided_at AS "decidedAt", c.revision, c.created_at AS "createdAt", c.requested_by AS "requestedBy"`;

/** R14: who must confirm the transcript, their confirmations, and their correction requests. */
@Injectable()
export class ConfirmationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The representatives holding a live seat when the hearing ends are the ones who confirm. */
  async snapshotRepresentatives(m: EntityManager, hearingId: string): Promise<void> {
    await m.query(
      `INSERT INTO hearing_confirmation (hearing_id, seat_id, category)
       SELECT $1, s.id, s.category FROM selection_seat s
        WHERE s.owner_kind = 'hearing' AND s.owner_id = $1
          AND (s.status = 'confirmed' OR (s.status = 'offered' AND (s.confirm_by IS NULL OR s.confirm_by > now())))
       ON CONFLICT DO NOTHING`,
      [hearingId],
    );
  }

  async list(hearingId: string, m: EntityManager = this.db.manager): Promise<ConfirmationRow[]> {
    return m.query(
      `SELECT c.seat_id AS "seatId", c.category, coalesce(s.display_name, u.display_name, '') AS "displayName", s.label,
              s.user_id AS "userId", c.confirmed_at AS "confirmedAt",
              (SELECT count(*)::int FROM hearing_correction k WHERE k.hearing_id = c.hearing_id AND k.seat_id = c.seat_id AND k.status = 'pending') AS "pendingCorrections"
         FROM hearing_confirmation c JOIN selection_seat s ON s.id = c.seat_id LEFT JOIN app_user u ON u.id = s.user_id
        WHERE c.hearing_id = $1 ORDER BY c.seat_id`,
      [hearingId],
    );
  }

  async find(hearingId: string, seatId: string, m: EntityManager = this.db.manager): Promise<ConfirmationRow | undefined> {
    return (await this.list(hearingId, m)).find((c) => c.seatId === seatId);
  }

  async confirm(m: EntityManager, hearingId: string, seatId: string, userId: string): Promise<Date> {
    const [[row]] = await m.query(
      `UPDATE hearing_confirmation SET confirmed_at = now(), confirmed_by = $3
        WHERE hearing_id = $1 AND seat_id = $2 AND confirmed_at IS NULL RETURNING confirmed_at AS "confirmedAt"`,
      [hearingId, seatId, userId],
    );
    return row.confirmedAt;
  }

  async addCorrection(m: EntityManager, c: { hearingId: string; seq: number; baseRevision: number; seatId: string; requestedBy: string; text: string }): Promise<CorrectionRow> {
    const [row] = await m.query(
      `INSERT INTO hearing_correction AS c (hearing_id, seq, base_revision, seat_id, requested_by, text)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${CORRECTION_COLUMNS}`,
      [c.hearingId, c.seq, c.baseRevision, c.seatId, c.requestedBy, c.text],
    );
    return row;
  }

  async pendingFor(m: EntityManager, hearingId: string, seatId: string, seq: number): Promise<boolean> {
    const [row] = await m.query(
      `SELECT 1 FROM hearing_correction WHERE hearing_id = $1 AND seat_id = $2 AND seq = $3 AND status = 'pending'`,
      [hearingId, seatId, seq],
    );
    return !!row;
  }

  async correctionForUpdate(m: EntityManager, hearingId: string, id: string): Promise<CorrectionRow | undefined> {
    const [row] = await m.query(`SELECT ${CORRECTION_COLUMNS} FROM hearing_correction c WHERE c.hearing_id = $1 AND c.id = $2 FOR UPDATE`, [hearingId, id]);
    return row;
  }

  async decide(m: EntityManager, id: string, d: { status: 'accepted' | 'rejected'; by: string; reason?: string; revision?: number }): Promise<CorrectionRow> {
    const [[row]] = await m.query(
      `UPDATE hearing_correction c SET status = $2, decided_by = $3, decided_at = now(), reason = $4, revision = $5
        WHERE id = $1 RETURNING ${CORRECTION_COLUMNS}`,
      [id, d.status, d.by, d.reason ?? null, d.revision ?? null],
    );
    return row;
  }

  async countPending(m: EntityManager, hearingId: string): Promise<number> {
    const [row] = await m.query(`SELECT count(*)::int AS n FROM hearing_correction WHERE hearing_id = $1 AND status = 'pending'`, [hearingId]);
    return row.n;
  }

  async corrections(hearingId: string, f: { status?: string; seatId?: string; limit: number; offset: number }): Promise<{ rows: CorrectionRow[]; total: number }> {
    const rows: Array<CorrectionRow & { total: number }> = await this.db.query(
      `SELECT ${CORRECTION_COLUMNS}, coalesce(s.display_name, u.display_name) AS "requesterName", count(*) OVER ()::int AS total
         FROM hearing_correction c JOIN selection_seat s ON s.id = c.seat_id JOIN app_user u ON u.id = c.requested_by
        WHERE c.hearing_id = $1 AND ($2::text IS NULL OR c.status = $2) AND ($3::uuid IS NULL OR c.seat_id = $3::uuid)
        ORDER BY c.created_at, c.seq LIMIT $4 OFFSET $5`,
      [hearingId, f.status ?? null, f.seatId ?? null, f.limit, f.offset],
    );
    return { rows, total: rows[0]?.total ?? 0 };
  }
}
