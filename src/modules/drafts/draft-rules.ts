// The publication rules of DOMAIN.md as pure functions, so they read the same in the service,
// the tests and any later check (a migration, a report).
import { RuleViolation } from '../../common/errors/domain-error';
import type { DraftContact } from './draft.entity';

/** R2: at least 10 calendar days, counted in hours (10 × 24 h), not in dates. */
export const MIN_WINDOW_MS = 10 * 24 * 3600 * 1000;

export interface PublishableFields {
  title: string | null;
  body: string | null;
  basis: string | null;
  reasons: string | null;
  contact: Partial<DraftContact> | null;
  commentOpensAt: Date | null;
  commentClosesAt: Date | null;
}

const blank = (s: string | null | undefined) => !s || s.trim().length === 0;

/** Names of every R1 field still missing, in the order a reader meets them. */
export function missingR1Fields(d: PublishableFields): string[] {
  const missing: string[] = [];
  if (blank(d.title)) missing.push('title');
  if (blank(d.body)) missing.push('body');
  if (blank(d.basis)) missing.push('basis');
  if (blank(d.reasons)) missing.push('reasons');
  if (blank(d.contact?.person)) missing.push('contact person');
  if (blank(d.contact?.address)) missing.push('postal address');
  if (blank(d.contact?.email)) missing.push('email');
  if (!d.commentOpensAt) missing.push('commentOpensAt');
  if (!d.commentClosesAt) missing.push('commentClosesAt');
  return missing;
}

/** Throws 422 R1 naming every missing field. */
export function assertR1Complete(d: PublishableFields, step: 'submit' | 'publish'): void {
  const missing = missingR1Fields(d);
  if (missing.length) {
    throw new RuleViolation('R1', `cannot ${step} a consultation without: missing ${missing.join(', ')}`);
  }
}

/** When the window actually opens if the draft is published at `publishedAt` (R2). */
export function effectiveOpening(commentOpensAt: Date, publishedAt: Date): Date {
  return commentOpensAt.getTime() > publishedAt.getTime() ? commentOpensAt : publishedAt;
}

/** Throws 422 R2 when the window, counted from when it actually opens, is shorter than 10 days. */
export function assertR2Window(commentOpensAt: Date, commentClosesAt: Date, publishedAt: Date): void {
  const opens = effectiveOpening(commentOpensAt, publishedAt);
  const length = commentClosesAt.getTime() - opens.getTime();
  if (length < MIN_WINDOW_MS) {
    const days = Math.max(0, length) / (24 * 3600 * 1000);
    throw new RuleViolation(
      'R2',
      `the comment window must be at least 10 days counted from when it actually opens (${opens.toISOString()}); it is ${days.toFixed(1)} days`,
    );
  }
}

/** R3: alternative plans come in twos or more; one "alternative" is just the draft. */
export function assertR3Alternatives(alternatives: unknown[] | undefined | null): void {
  if (alternatives && alternatives.length === 1) {
    throw new RuleViolation('R3', 'alternatives must list at least two plans (备选方案), or none');
  }
}
