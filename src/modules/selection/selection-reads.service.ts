import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { Page, PageQuery, pageOf } from '../../common/http/pagination';
import { SEAT_COLUMNS, SeatRow } from './seats.repository';
import { publicSeat, SeatsService } from './seats.service';
import { SelectionEvents, SelectionEventView } from './selection-events';
import { SelectionOwners } from './selection-owners';
import type { OwnerKind } from './selection.types';
import { one, rows } from './sql';

export interface RepresentativeSeat {
  seatId: string;
  category: string;
  slot: number;
  displayName: string;
}

/** Who holds the seats: publicly by label, for the unit's staff by name, for the live hearing by account. */
@Injectable()
export class SelectionReads {
  constructor(
    private readonly owners: SelectionOwners,
    private readonly seats: SeatsService,
    private readonly events: SelectionEvents,
  ) {}

  /** The public log of every step, lapses applied first. */
  log(kind: OwnerKind, id: string, user: Principal | undefined, q: PageQuery): Promise<Page<SelectionEventView>> {
    return this.owners.transaction(async (m) => {
      const owner = await this.owners.locked(m, kind, id, user);
      await this.seats.reconcile(m, owner);
      return this.events.list(m, kind, id, q);
    });
  }

  /** Every seat, past and present, without personal data. */
  publicSeats(kind: OwnerKind, id: string, user: Principal | undefined, q: PageQuery): Promise<Page<ReturnType<typeof publicSeat>>> {
    return this.owners.transaction(async (m) => {
      const owner = await this.owners.locked(m, kind, id, user);
      await this.seats.reconcile(m, owner);
      const found = await rows<SeatRow & { total: number }>(
        m,
        `SELECT ${SEAT_COLUMNS}, count(*) OVER ()::int AS total FROM selection_seat s
          WHERE s.owner_kind = $1 AND s.owner_id = $2 ORDER BY s.pool, s.slot, s.offered_at LIMIT $3 OFFSET $4`,
        [kind, id, q.pageSize, q.offset],
      );
      return pageOf(found.map(publicSeat), found[0]?.total ?? 0, q);
    });
  }

  /**
   * For the unit's staff (and later the live-hearing clerk console): the live seats with names
   * and categories, and the unit's organizers and clerks.
   */
  roster(kind: OwnerKind, id: string, user: Principal) {
    return this.owners.transaction(async (m) => {
      const owner = await this.owners.locked(m, kind, id, user);
      this.owners.requireStaff(owner, user);
      await this.seats.reconcile(m, owner);
      const seats = await rows<SeatRow & { accountName: string | null; accountEmail: string | null }>(
        m,
        `SELECT ${SEAT_COLUMNS}, u.display_name AS "accountName", u.email AS "accountEmail"
           FROM selection_seat s LEFT JOIN app_user u ON u.id = s.user_id
          WHERE s.owner_kind = $1 AND s.owner_id = $2 AND s.status IN ('offered','confirmed')
          ORDER BY s.pool, s.slot`,
        [kind, id],
      );
      const staff = await rows<{ userId: string; displayName: string; roles: string[] }>(
        m,
        `SELECT id AS "userId", display_name AS "displayName", roles FROM app_user
          WHERE unit_id = $1 AND roles && ARRAY['organizer','clerk']::text[] ORDER BY display_name`,
        [owner.unitId],
      );
      return {
        representatives: seats.map((s) => ({
          ...publicSeat(s),
          userId: s.userId,
          displayName: s.displayName ?? s.accountName,
          email: s.email ?? s.accountEmail,
        })),
        staff,
      };
    });
  }

  /**
   * Whether `userId` is a representative (holds a live seat) of this hearing or meeting; the check
   * the live hearing uses. An invitee who accepted without an account is matched by a verified
   * account with the invitation's email, and the seat is then linked to that account.
   */
  async representativeSeat(kind: OwnerKind, ownerId: string, userId: string, m?: EntityManager): Promise<RepresentativeSeat | null> {
    const run = (em: EntityManager) => this.findRepresentative(em, kind, ownerId, userId);
    return m ? run(m) : this.owners.transaction(run);
  }

  private async findRepresentative(m: EntityManager, kind: OwnerKind, ownerId: string, userId: string): Promise<RepresentativeSeat | null> {
    const seat = await one<{ seatId: string; category: string; slot: number; displayName: string; linked: boolean }>(
      m,
      `SELECT s.id AS "seatId", s.category, s.slot, coalesce(s.display_name, u.display_name) AS "displayName",
              s.user_id IS NOT NULL AS linked
         FROM selection_seat s JOIN app_user u ON u.id = $3
        WHERE s.owner_kind = $1 AND s.owner_id = $2 AND s.status IN ('offered','confirmed')
          AND (s.user_id = u.id
               OR (s.user_id IS NULL AND lower(s.email) = lower(u.email) AND u.email_verified_at IS NOT NULL))
        LIMIT 1`,
      [kind, ownerId, userId],
    );
    if (!seat) return null;
    if (!seat.linked) await m.query(`UPDATE selection_seat SET user_id = $2 WHERE id = $1 AND user_id IS NULL`, [seat.seatId, userId]);
    return { seatId: seat.seatId, category: seat.category, slot: seat.slot, displayName: seat.displayName };
  }
}
