import { RuleViolation } from '../../../common/errors/domain-error';

export interface OpinionInput {
  adopted: boolean;
  reason?: string | null;
}

/**
 * R15: the hearing report states explicit conclusions, and every representative's opinion that is
 * not adopted carries a reason. Returns the first violation, or null.
 */
export function reportViolation(conclusions: string, opinions: OpinionInput[]): RuleViolation | null {
  if (!conclusions.trim()) return new RuleViolation('R15.no_conclusions', 'the hearing report must state explicit conclusions');
  const i = opinions.findIndex((o) => !o.adopted && !o.reason?.trim());
  if (i >= 0) return new RuleViolation('R15.opinion_without_reason', `opinion ${i + 1} is not adopted and must give the reason why`, { n: i + 1 });
  return null;
}

const LABEL = /^[A-Z]{1,3}-[0-9]{4,}$/;

/**
 * How a representative named in the report appears publicly (R19): residents and stakeholders
 * masked, public capacities named; a free-text name without a seat is masked unless it is a
 * public label such as H-0003.
 */
export function isPublicLabel(s: string): boolean {
  return LABEL.test(s.trim());
}
