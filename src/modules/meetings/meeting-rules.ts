import { RuleViolation } from '../../common/errors/domain-error';
import type { CategoryPlan } from '../selection/selection.types';

export const MIN_SEATS = 3; // R16: usually 3-5 public attendees
export const MAX_SEATS = 5;
export const DEFAULT_SEATS = 3;
export const FEEDBACK_WORKING_DAYS = 3; // R17

/** Tier 1: people who took part earlier in the decision; tier 2 only fills what they leave (R16). */
export const PARTICIPANT = 'participant';
export const OTHER_STAKEHOLDER = 'other-stakeholder';
export const ATTENDEE_POOL = 'attendee';

export function seatsViolation(seats: number): RuleViolation | null {
  if (seats >= MIN_SEATS && seats <= MAX_SEATS) return null;
  return new RuleViolation('R16.seats_out_of_range', `a meeting admits ${MIN_SEATS} to ${MAX_SEATS} public attendees, not ${seats}`, { min: MIN_SEATS, max: MAX_SEATS, seats });
}

export function meetingPlans(seats: number): CategoryPlan[] {
  return [
    { category: PARTICIPANT, admission: 'apply', pool: ATTENDEE_POOL, tier: 1, quota: seats },
    { category: OTHER_STAKEHOLDER, admission: 'apply', pool: ATTENDEE_POOL, tier: 2, quota: seats },
  ];
}
