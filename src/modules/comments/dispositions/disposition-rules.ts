// R6 and R8 as pure checks, shared by the routes and the report.
import { RuleViolation } from '../../../common/errors/domain-error';
import type { Basis, Outcome } from '../comment.constants';

export interface DispositionInput {
  outcome: Outcome;
  basis?: Basis | null;
  reason?: string | null;
}

const hasText = (s: string | null | undefined): boolean => !!s && s.trim().length > 0;

/** R6: a comment not adopted carries its ground (legality, reasonableness, feasibility, other) and a reason. */
export function assertR6(d: DispositionInput): void {
  if (d.outcome !== 'not_adopted') return;
  if (!d.basis) throw new RuleViolation('R6.basis_missing', 'a comment that is not adopted needs its basis (legality, reasonableness, feasibility or other)');
  if (!hasText(d.reason)) throw new RuleViolation('R6.reason_missing', 'a comment that is not adopted needs a stated reason');
}

/** R8: a concentrated opinion that is not adopted carries its reason. */
export function assertR8(d: DispositionInput, concentrated: boolean): void {
  if (concentrated && d.outcome === 'not_adopted' && !hasText(d.reason)) {
    throw new RuleViolation('R8.reason_missing', 'a concentrated opinion that is not adopted needs a stated reason, published in the adoption report');
  }
}

export interface ClusterState {
  id: string;
  size: number;
  concentrated: boolean;
  /** The cluster's own disposition, if it was given as a whole. */
  outcome: Outcome | null;
  reason: string | null;
  /** How many of its members are currently not adopted. */
  notAdopted: number;
}

/**
 * R8 at publication: a concentrated cluster counts as not adopted when it was dispositioned so as a
 * whole, or when any member is not adopted without a disposition of the cluster; either way the
 * report must carry the cluster's reason. Returns the first cluster in breach, or null.
 */
export function r8Breach(clusters: readonly ClusterState[]): ClusterState | null {
  for (const c of clusters) {
    if (!c.concentrated) continue;
    if (c.outcome === 'not_adopted' && !hasText(c.reason)) return c;
    if (c.outcome === null && c.notAdopted > 0) return c;
  }
  return null;
}
