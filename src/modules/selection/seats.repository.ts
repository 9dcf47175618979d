import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotFound } from '../../common/errors/domain-error';
import type { SelectionOwner } from './selection.types';
import { one, rows } from './sql';

export type SeatStatus = 'offered' | 'confirmed' | 'declined' | 'lapsed';
export type SeatSource = 'draw' | 'self-recommended' | 'invitation' | 'replacement';

export interface SeatRow {
  id: string;
  pool: string;
  slot: number;
  category: string;
  source: SeatSource;
  applicationId: string | null;
  invitationId: string | null;
  userId: string | null;
  displayName: string | null;
  email: string | null;
  label: string | null;
  status: SeatStatus;
  offeredAt: Date;
  confirmBy: Date | null;
  respondedAt: Date | null;
  replacesSeatId: string | null;
}

export interface NewSeat {
  pool: string;
  slot: number;
  category: string;
  source: SeatSource;
  status: 'offered' | 'confirmed';
  confirmBy: Date | null;
  applicationId?: string | null;
  invitationId?: string | null;
  userId: string | null;
  displayName?: string | null;
  email?: string | null;
  label?: string | null;
  replacesSeatId?: string | null;
}

export const SEAT_COLUMNS = `s.id, s.pool, s.slot, s.category, s.source, s.application_id AS "applicationId",
  s.invitation_id AS "invitationId", s.user_id AS "userId", s.display_name AS "displayName", s.email, s.label,
  s.status, s.offered_at AS "offeredAt", s.confirm_by AS "confirmBy", s.responded_at AS "respondedAt",
  s.replaces_seat_id AS "replacesSeatId"`;

/** SQL of the seat table; the rules about seats live in SeatsService. */
@Injectable()
export class SeatsRepository {
  async find(m: EntityManager, owner: SelectionOwner, seatId: string): Promise<SeatRow> {
    const seat = await one<SeatRow>(
      m,
      `SELECT ${SEAT_COLUMNS} FROM selection_seat s WHERE s.id = $1 AND s.owner_kind = $2 AND s.owner_id = $3`,
      [seatId, owner.kind, owner.id],
    );
    if (!seat) throw new NotFound('seat');
    return seat;
  }

  /** The lowest slot of the pool no live seat holds, within the pool's number of seats. */
  async freeSlot(m: EntityManager, owner: SelectionOwner, pool: string): Promise<number | null> {
    const capacity = owner.pools[pool] ?? 0;
    const taken = await rows<{ slot: number }>(
      m,
      `SELECT slot FROM selection_seat WHERE owner_kind = $1 AND owner_id = $2 AND pool = $3 AND status IN ('offered','confirmed')`,
      [owner.kind, owner.id, pool],
    );
    const used = new Set(taken.map((t) => t.slot));
    for (let slot = 1; slot <= capacity; slot++) if (!used.has(slot)) return slot;
    return null;
  }

  async insert(m: EntityManager, owner: SelectionOwner, s: NewSeat): Promise<SeatRow> {
    const [seat] = await rows<SeatRow>(
      m,
      `INSERT INTO selection_seat AS s (owner_kind, owner_id, pool, slot, category, source, status, confirm_by,
         application_id, invitation_id, user_id, display_name, email, label, replaces_seat_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING ${SEAT_COLUMNS}`,
      [
        owner.kind, owner.id, s.pool, s.slot, s.category, s.source, s.status, s.confirmBy,
        s.applicationId ?? null, s.invitationId ?? null, s.userId, s.displayName ?? null, s.email ?? null,
        s.label ?? null, s.replacesSeatId ?? null,
      ],
    );
    return seat;
  }

  async setStatus(m: EntityManager, seatId: string, status: SeatStatus): Promise<SeatRow> {
    const [seat] = await rows<SeatRow>(
      m,
      `UPDATE selection_seat s SET status = $2, responded_at = now() WHERE s.id = $1 RETURNING ${SEAT_COLUMNS}`,
      [seatId, status],
    );
    return seat;
  }

  dueOffers(m: EntityManager, owner: SelectionOwner, now: Date): Promise<SeatRow[]> {
    return rows<SeatRow>(
      m,
      `SELECT ${SEAT_COLUMNS} FROM selection_seat s
        WHERE s.owner_kind = $1 AND s.owner_id = $2 AND s.status = 'offered' AND s.confirm_by < $3
        ORDER BY s.confirm_by, s.pool, s.slot`,
      [owner.kind, owner.id, now],
    );
  }

  /** The most recent seat an application led to (an alternate may be offered one later). */
  async latestOfApplication(m: EntityManager, applicationId: string) {
    const seat = await one<SeatRow>(
      m,
      `SELECT ${SEAT_COLUMNS} FROM selection_seat s WHERE s.application_id = $1 ORDER BY s.offered_at DESC LIMIT 1`,
      [applicationId],
    );
    return seat ? { id: seat.id, category: seat.category, slot: seat.slot, status: seat.status, confirmBy: seat.confirmBy } : null;
  }
}
