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

/** R1's fields in the order a reader meets them: API field name, name in the English message, test. */
const R1_FIELDS: Array<[field: string, label: string, missing: (d: PublishableFields) => boolean]> = [
  ['title', 'title', (d) => blank(d.title)],
  ['body', 'body', (d) => blank(d.body)],
  ['basis', 'basis', (d) => blank(d.basis)],
  ['reasons', 'reasons', (d) => blank(d.reasons)],
  ['contact.person', 'contact person', (d) => blank(d.contact?.person)],
  ['contact.address', 'postal address', (d) => blank(d.contact?.address)],
  ['contact.email', 'email', (d) => blank(d.contact?.email)],
  ['commentOpensAt', 'commentOpensAt', (d) => !d.commentOpensAt],
  ['commentClosesAt', 'commentClosesAt', (d) => !d.commentClosesAt],
];

/** The API names of R1's fields (the `fields` an R1 refusal may name). */
export const R1_FIELD_NAMES = R1_FIELDS.map(([field]) => field);

/** Names of every R1 field still missing, in the order a reader meets them. */
export function missingR1Fields(d: PublishableFields): string[] {
  return R1_FIELDS.filter(([, , missing]) => missing(d)).map(([, label]) => label);
}

/** Throws 422 R1 naming every missing field. */
export function assertR1Complete(d: PublishableFields, step: 'submit' | 'publish'): void {
  const missing = R1_FIELDS.filter(([, , isMissing]) => isMissing(d));
  if (missing.length) {
    const fields = missing.map(([field]) => field);
    throw new RuleViolation('R1.missing_fields', `cannot ${step} a consultation without: missing ${missing.map(([, label]) => label).join(', ')}`, { fields });
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
      'R2.window_too_short',
      `the comment window must be at least 10 days counted from when it actually opens (${opens.toISOString()}); it is ${days.toFixed(1)} days`,
      { opensAt: opens, days: Number(days.toFixed(1)) },
    );
  }
}

/** R3: alternative plans come in twos or more; one "alternative" is just the draft. */
export function assertR3Alternatives(alternatives: unknown[] | undefined | null): void {
  if (alternatives && alternatives.length === 1) {
    throw new RuleViolation('R3.one_alternative', 'alternatives must list at least two plans (备选方案), or none');
  }
}
