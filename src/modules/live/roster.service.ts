import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InvalidInput } from '../../common/errors/domain-error';
import { maskName } from '../../common/privacy/mask';
import type { HearingFacts } from './hearing-facts';

/** Roles a speaker may have: the R12 categories of representatives, and the organizer's side. */
export const SPEAKER_ROLES = ['chair', 'organizer', 'clerk', 'stakeholder', 'resident', 'deputy', 'expert', 'lawyer', 'other'] as const;
export type SpeakerRole = (typeof SPEAKER_ROLES)[number];

// R19: residents and stakeholders are private people; deputies, experts and lawyers speak in a
// public capacity and are named.
const MASKED_ROLES = new Set(['stakeholder', 'resident']);

/** A seat's category may carry a quota unit (`resident:东城区`); the role is the category itself. */
export function roleOfCategory(category: string): string {
  const base = category.split(':')[0];
  return /^[a-z][a-z-]{0,31}$/.test(base) ? base : 'other';
}

/** The name shown publicly (and hashed into the transcript) for a speaker of this role. */
export function publicSpeakerName(name: string, role: string): string {
  return MASKED_ROLES.has(role) ? maskName(name) : name.trim();
}

export interface RosterSeat {
  seatId: string;
  userId: string | null;
  displayName: string;
  category: string;
  label: string | null;
  status: string;
}

export interface ResolvedSpeaker {
  speaker: string;
  role: string;
  speakerSeatId: string | null;
  speakerUserId: string | null;
}

export interface SpeakerInput {
  speaker?: string;
  seatId?: string;
  userId?: string;
  role?: string;
}

/** Who may speak at a hearing: its representatives (seats, read-only) and its unit's staff. */
@Injectable()
export class RosterService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Live seats (offered and not lapsed, or confirmed) of the hearing, with names. */
  seats(hearingId: string, seatId?: string): Promise<RosterSeat[]> {
    return this.db.query(
      `SELECT s.id AS "seatId", s.user_id AS "userId", coalesce(s.display_name, u.display_name, '') AS "displayName",
              s.category, s.label, s.status
         FROM selection_seat s LEFT JOIN app_user u ON u.id = s.user_id
        WHERE s.owner_kind = 'hearing' AND s.owner_id = $1
          AND (s.status = 'confirmed' OR (s.status = 'offered' AND (s.confirm_by IS NULL OR s.confirm_by > now())))
          AND ($2::uuid IS NULL OR s.id = $2::uuid)
        ORDER BY s.pool, s.slot`,
      [hearingId, seatId ?? null],
    );
  }

  staff(unitId: string, userId?: string): Promise<Array<{ userId: string; displayName: string; roles: string[] }>> {
    return this.db.query(
      `SELECT id AS "userId", display_name AS "displayName", roles FROM app_user
        WHERE unit_id = $1 AND roles && ARRAY['organizer','clerk']::text[] AND ($2::uuid IS NULL OR id = $2::uuid)
        ORDER BY display_name`,
      [unitId, userId ?? null],
    );
  }

  /** The clerk console's speaker picker: every representative and the unit's organizers and clerks. */
  async liveRoster(facts: HearingFacts) {
    const [seats, staff] = await Promise.all([this.seats(facts.id), this.staff(facts.unitId)]);
    return {
      representatives: seats.map((s) => {
        const role = roleOfCategory(s.category);
        return { seatId: s.seatId, displayName: s.displayName, category: s.category, role, label: s.label, status: s.status, speaker: publicSpeakerName(s.displayName, role) };
      }),
      staff: staff.map((p) => {
        const role = p.roles.includes('organizer') ? 'organizer' : 'clerk';
        return { userId: p.userId, displayName: p.displayName, role, speaker: p.displayName };
      }),
    };
  }

  /** Turns the clerk's choice into the stored speaker: a seat, a staff member, or a named person. */
  async resolve(facts: HearingFacts, input: SpeakerInput): Promise<ResolvedSpeaker> {
    if (input.seatId) {
      const [seat] = await this.seats(facts.id, input.seatId);
      if (!seat) throw new InvalidInput('roster.seat_not_representative', 'seatId is not a representative of this hearing');
      const role = roleOfCategory(seat.category);
      return { speaker: publicSpeakerName(input.speaker?.trim() || seat.displayName, role), role, speakerSeatId: seat.seatId, speakerUserId: seat.userId };
    }
    if (input.userId) {
      const [person] = await this.staff(facts.unitId, input.userId);
      if (!person) throw new InvalidInput('roster.user_not_staff', 'userId is not an organizer or clerk of the hearing’s unit');
      const role = input.role ?? (person.roles.includes('organizer') ? 'organizer' : 'clerk');
      return { speaker: publicSpeakerName(input.speaker?.trim() || person.displayName, role), role, speakerSeatId: null, speakerUserId: person.userId };
    }
    const name = input.speaker?.trim();
    if (!name) throw new InvalidInput('roster.speaker_missing', 'speaker must name who spoke (or give seatId or userId)');
    const role = input.role ?? 'other';
    return { speaker: publicSpeakerName(name, role), role, speakerSeatId: null, speakerUserId: null };
  }
}
