import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isStaffOfUnit, Principal } from '../../common/auth/principal';
import { CalendarService } from '../../common/calendar/calendar.service';
import { Forbidden, StateConflict } from '../../common/errors/domain-error';
import { NewSeat, SeatRow, SeatsRepository } from './seats.repository';
import { SelectionEvents } from './selection-events';
import { SelectionNotifier } from './selection-notifier';
import { SelectionOwners } from './selection-owners';
import { OwnerKind, OWNER_KINDS, SelectionOwner } from './selection.types';
import { rows } from './sql';

/** Working days a person has to confirm an offered seat before it passes to the next alternate. */
export const CONFIRM_WORKING_DAYS = 2;

const NOT_SELECTED_AT_START = '听证/会议已开始，候补名单结束 / the event has started; the list of alternates is closed';

/**
 * Seats and their replacement: an offered seat is confirmed by its holder, or declined (by the
 * holder or an organizer), or lapses when not confirmed in time; the seat then goes to the next
 * alternate of the same pool. Lapses are applied lazily on every read and write of the owner
 * and by the periodic job in the worker (SelectionProcessor).
 */
@Injectable()
export class SeatsService {
  constructor(
    private readonly owners: SelectionOwners,
    private readonly seats: SeatsRepository,
    private readonly events: SelectionEvents,
    private readonly notifier: SelectionNotifier,
    private readonly calendar: CalendarService,
  ) {}

  /** Confirmation deadline of an offer made now: 2 working days (R18 calendar), never after the start. */
  async offerDeadline(owner: SelectionOwner, now = new Date()): Promise<Date> {
    const deadline = await this.calendar.deadlineAfter(now, CONFIRM_WORKING_DAYS);
    return owner.startsAt && owner.startsAt < deadline ? owner.startsAt : deadline;
  }

  /** An applicant's seat: offered, to be confirmed by `confirmBy`. The caller tells the person. */
  async offer(m: EntityManager, owner: SelectionOwner, seat: Omit<NewSeat, 'status'>, actorId: string | null): Promise<SeatRow> {
    const row = await this.seats.insert(m, owner, { ...seat, status: 'offered' });
    await this.events.append(
      m,
      owner,
      'seat-offered',
      { category: row.category, slot: row.slot, label: row.label, source: row.source, confirmBy: row.confirmBy },
      actorId,
    );
    return row;
  }

  decline(kind: OwnerKind, id: string, seatId: string, user: Principal) {
    return this.owners.transaction(async (m) => {
      const owner = await this.owners.locked(m, kind, id, user);
      await this.reconcile(m, owner);
      const seat = await this.seats.find(m, owner, seatId);
      if (seat.userId !== user.id && !isStaffOfUnit(user, owner.unitId, 'organizer')) {
        throw new Forbidden('seat.decline_not_allowed', 'only the seat holder or an organizer of the unit may decline this seat');
      }
      if (seat.status !== 'offered' && seat.status !== 'confirmed') throw new StateConflict('seat.already_final', `this seat is already ${seat.status}`, { seatStatus: seat.status });
      return this.release(m, owner, seat, 'declined', user.id);
    });
  }

  confirm(kind: OwnerKind, id: string, seatId: string, user: Principal) {
    return this.owners.transaction(async (m) => {
      const owner = await this.owners.locked(m, kind, id, user);
      await this.reconcile(m, owner);
      const seat = await this.seats.find(m, owner, seatId);
      if (seat.userId !== user.id) throw new Forbidden('seat.not_yours', 'only the person offered this seat may confirm it');
      if (seat.status === 'confirmed') return publicSeat(seat);
      if (seat.status !== 'offered') throw new StateConflict('seat.passed_on', `this seat is ${seat.status}; it has passed to the next alternate`, { seatStatus: seat.status });
      const row = await this.seats.setStatus(m, seat.id, 'confirmed');
      await this.events.append(m, owner, 'seat-confirmed', { category: row.category, slot: row.slot, label: row.label }, user.id);
      return publicSeat(row);
    });
  }

  /** Gives up a live seat (declined or lapsed) and offers it to the pool's next alternate. */
  async release(m: EntityManager, owner: SelectionOwner, seat: SeatRow, outcome: 'declined' | 'lapsed', actorId: string | null) {
    const released = await this.seats.setStatus(m, seat.id, outcome);
    if (seat.applicationId) {
      await m.query(`UPDATE selection_application SET status = $2, decided_at = now() WHERE id = $1`, [seat.applicationId, outcome]);
    }
    if (seat.invitationId && outcome === 'declined') {
      await m.query(`UPDATE selection_invitation SET status = 'declined', responded_at = now() WHERE id = $1`, [seat.invitationId]);
    }
    await this.events.append(
      m,
      owner,
      outcome === 'declined' ? 'seat-declined' : 'seat-lapsed',
      { category: seat.category, slot: seat.slot, label: seat.label, source: seat.source },
      actorId,
    );
    if (outcome === 'lapsed' && seat.userId) {
      await this.notifier.notify(seat.userId, 'seat-lapsed', { ownerKind: owner.kind, ownerId: owner.id, title: owner.title, label: seat.label ?? undefined, category: seat.category }, m);
    }
    const replacement = await this.fillVacancy(m, owner, seat, actorId);
    return { seat: publicSeat(released), replacement: replacement ? publicSeat(replacement) : null };
  }

  /** Offers the freed slot to the next alternate of the same pool, if any and if not too late. */
  private async fillVacancy(m: EntityManager, owner: SelectionOwner, freed: SeatRow, actorId: string | null): Promise<SeatRow | null> {
    const now = new Date();
    const vacant = (why: string) =>
      this.events.append(m, owner, 'seat-vacant', { category: freed.category, slot: freed.slot, reason: why }, actorId).then(() => null);
    if (owner.startsAt && owner.startsAt <= now) return vacant('started');
    const [next] = await rows<{ id: string; label: string; userId: string; category: string }>(
      m,
      `SELECT id, label, user_id AS "userId", category FROM selection_application
        WHERE owner_kind = $1 AND owner_id = $2 AND pool = $3 AND status = 'alternate'
        ORDER BY alternate_order LIMIT 1`,
      [owner.kind, owner.id, freed.pool],
    );
    if (!next) return vacant('no alternate left');
    await m.query(`UPDATE selection_application SET status = 'selected', decided_at = now() WHERE id = $1`, [next.id]);
    const confirmBy = await this.offerDeadline(owner, now);
    const seat = await this.offer(
      m,
      owner,
      {
        pool: freed.pool, slot: freed.slot, category: next.category, source: 'replacement', confirmBy,
        applicationId: next.id, userId: next.userId, label: next.label, replacesSeatId: freed.id,
      },
      actorId,
    );
    await this.notifier.notify(next.userId, 'selected', { ownerKind: owner.kind, ownerId: owner.id, title: owner.title, label: next.label, category: next.category, confirmBy }, m);
    return seat;
  }

  /**
   * Applies what time has decided, for an owner locked by the caller: offers past their deadline
   * lapse and pass on; once the event has started, the remaining alternates are not selected.
   */
  async reconcile(m: EntityManager, owner: SelectionOwner, now = new Date()): Promise<void> {
    for (const seat of await this.seats.dueOffers(m, owner, now)) await this.release(m, owner, seat, 'lapsed', null);
    if (!owner.startsAt || owner.startsAt > now) return;
    const closed = await rows<{ userId: string; label: string; category: string }>(
      m,
      `UPDATE selection_application SET status = 'not_selected', reason = $3, decided_at = now()
        WHERE owner_kind = $1 AND owner_id = $2 AND status = 'alternate'
        RETURNING user_id AS "userId", label, category`,
      [owner.kind, owner.id, NOT_SELECTED_AT_START],
    );
    if (closed.length === 0) return;
    await this.events.append(m, owner, 'alternates-closed', { labels: closed.map((c) => c.label) }, null);
    for (const c of closed) {
      await this.notifier.notify(c.userId, 'not-selected', { ownerKind: owner.kind, ownerId: owner.id, title: owner.title, label: c.label, category: c.category, reason: NOT_SELECTED_AT_START }, m);
    }
  }

  /** The periodic sweep: every owner with an offer past its deadline or alternates past the start. */
  async reconcileDue(now = new Date()): Promise<number> {
    const due = await this.owners.transaction((m) =>
      rows<{ kind: OwnerKind; id: string }>(
        m,
        `SELECT DISTINCT owner_kind AS kind, owner_id AS id FROM selection_seat WHERE status = 'offered' AND confirm_by < $1
         UNION SELECT DISTINCT owner_kind, owner_id FROM selection_application WHERE status = 'alternate'`,
        [now],
      ),
    );
    let done = 0;
    for (const { kind, id } of due.filter((d) => OWNER_KINDS.includes(d.kind))) {
      await this.owners.transaction(async (m) => this.reconcile(m, await this.owners.lockedForSystem(m, kind, id), now));
      done++;
    }
    return done;
  }
}

/** A seat as anyone may see it: no name, no contact data. */
export function publicSeat(s: SeatRow) {
  return {
    id: s.id, category: s.category, slot: s.slot, status: s.status, source: s.source, label: s.label,
    offeredAt: s.offeredAt, confirmBy: s.status === 'offered' ? s.confirmBy : null, respondedAt: s.respondedAt,
    replacesSeatId: s.replacesSeatId,
  };
}
