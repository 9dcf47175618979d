import { RuleViolation } from '../../common/errors/domain-error';
import type { CategoryPlan } from '../selection/selection.types';
import type { Hearing } from './hearing.entity';

/** R12's categories; the first two apply and may be drawn, the others are invited (R13). */
export const HEARING_CATEGORIES = ['stakeholder', 'resident', 'deputy', 'expert', 'lawyer', 'other'] as const;
export type HearingCategory = (typeof HEARING_CATEGORIES)[number];
export const APPLYING_CATEGORIES: readonly string[] = ['stakeholder', 'resident'];
export const INVITED_CATEGORIES: readonly string[] = ['deputy', 'expert', 'lawyer', 'other'];

export const MIN_NOTICE_DAYS = 10; // R11
export const MIN_REPRESENTATIVES = 10; // R12
const DAY_MS = 24 * 3600 * 1000;

export type Quotas = Record<HearingCategory, number>;

const QUOTA_COLUMN = {
  stakeholder: 'quotaStakeholder',
  resident: 'quotaResident',
  deputy: 'quotaDeputy',
  expert: 'quotaExpert',
  lawyer: 'quotaLawyer',
  other: 'quotaOther',
} as const satisfies Record<HearingCategory, keyof Hearing>;

export function quotasOf(h: Hearing): Quotas | null {
  if (h.quotaStakeholder === null) return null;
  return Object.fromEntries(HEARING_CATEGORIES.map((c) => [c, h[QUOTA_COLUMN[c]] ?? 0])) as Quotas;
}

export function setQuotas(h: Hearing, quotas: Quotas | null): void {
  for (const c of HEARING_CATEGORIES) h[QUOTA_COLUMN[c]] = quotas ? quotas[c] : null;
}

// What R11 requires the announcement to state, by the name the API uses.
const R11_FIELDS: Array<[string, (h: Hearing) => unknown]> = [
  ['startsAt', (h) => h.startsAt],
  ['venue', (h) => h.venue],
  ['matter.content', (h) => h.matterContent],
  ['matter.reasons', (h) => h.matterReasons],
  ['matter.basis', (h) => h.matterBasis],
  ['matter.background', (h) => h.matterBackground],
  ['signupOpensAt', (h) => h.signupOpensAt],
  ['signupClosesAt', (h) => h.signupClosesAt],
  ['signupMethod', (h) => h.signupMethod],
  ['selectionMethod', (h) => h.selectionMethod],
  ['quotas', (h) => h.quotaStakeholder],
];

/** The API names of R11's fields (the `fields` an R11 refusal may name). */
export const R11_FIELD_NAMES = R11_FIELDS.map(([name]) => name);

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** Why announcing this hearing at `now` is refused (R11, R12), or null when it may be announced. */
export function announcementViolation(h: Hearing, now: Date): RuleViolation | null {
  const missing = R11_FIELDS.filter(([, get]) => blank(get(h))).map(([name]) => name);
  if (missing.length) return new RuleViolation('R11.announcement_incomplete', `the announcement must state ${missing.join(', ')}`, { fields: missing });
  const startsAt = h.startsAt as Date;
  if (startsAt.getTime() < now.getTime() + MIN_NOTICE_DAYS * DAY_MS) {
    const days = Math.floor((startsAt.getTime() - now.getTime()) / DAY_MS);
    return new RuleViolation('R11.notice_too_short', `a hearing must be announced at least ${MIN_NOTICE_DAYS} days ahead; startsAt is only ${Math.max(0, days)} day(s) away`, {
      minDays: MIN_NOTICE_DAYS,
      days: Math.max(0, days),
    });
  }
  if ((h.signupClosesAt as Date) <= now) return new RuleViolation('R11.signup_ended', 'the sign-up period must end after the announcement');
  const quotas = quotasOf(h) as Quotas;
  const total = HEARING_CATEGORIES.reduce((sum, c) => sum + quotas[c], 0);
  if (total < MIN_REPRESENTATIVES) {
    return new RuleViolation('R12.too_few_representatives', `a hearing needs at least ${MIN_REPRESENTATIVES} representatives; the quotas add up to ${total}`, {
      min: MIN_REPRESENTATIVES,
      total,
    });
  }
  // Residents can only take part by applying, so the applied-for categories need seats.
  const closed = APPLYING_CATEGORIES.filter((c) => quotas[c as HearingCategory] < 1);
  if (closed.length) return new RuleViolation('R12.category_without_seat', `stakeholders and ordinary residents must each have at least one seat (${closed.join(', ')} has none)`, {
      categories: closed,
    });
  return null;
}

/** The hearing's categories for the selection machinery: each category is its own pool. */
export function hearingPlans(h: Hearing): CategoryPlan[] {
  const quotas = quotasOf(h);
  return HEARING_CATEGORIES.map((category) => ({
    category,
    admission: APPLYING_CATEGORIES.includes(category) ? 'apply' : 'invite',
    pool: category,
    tier: 1,
    quota: quotas?.[category] ?? 0,
  }));
}
