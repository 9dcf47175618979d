import type { EntityManager } from 'typeorm';

/** What a selection belongs to: a hearing (R11-R13) or a government meeting (R16). */
export const OWNER_KINDS = ['hearing', 'meeting'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

/** How a category is filled: people apply (and may be drawn) or the organizer invites them (R13). */
export type Admission = 'apply' | 'invite';

/** One category of representatives of an owner. */
export interface CategoryPlan {
  category: string;
  admission: Admission;
  /**
   * Seats of one pool replace each other: a declined seat goes to the pool's next alternate.
   * Categories of a pool are ranked by tier (1 first); a later tier only gets seats the earlier
   * tiers leave empty (R16: other stakeholders only when too few participants qualify).
   */
  pool: string;
  tier: number;
  /** The most seats this category may take. */
  quota: number;
}

/** The facts about a hearing or meeting that the shared selection machinery needs. */
export interface SelectionOwner {
  kind: OwnerKind;
  id: string;
  unitId: string;
  draftId: string;
  title: string;
  venue: string | null;
  startsAt: Date | null;
  signupOpensAt: Date | null;
  signupClosesAt: Date | null;
  /** Visible to everyone and open for sign-up within its window (an announced hearing). */
  isPublic: boolean;
  categories: CategoryPlan[];
  /** Number of seats of each pool. */
  pools: Record<string, number>;
}

/** Implemented by the hearings and meetings modules and registered with `SelectionOwners`. */
export interface SelectionOwnerSource {
  readonly kind: OwnerKind;
  /** Label prefix of applications: H-0001 for hearings, M-0001 for meetings. */
  readonly labelPrefix: string;
  load(m: EntityManager, id: string): Promise<SelectionOwner | null>;
  /** The category an application goes into; throws when this person may not apply so. */
  applicationCategory(m: EntityManager, owner: SelectionOwner, userId: string, requested: string | undefined): Promise<string>;
}

export const ACTIVE_SEAT_STATUSES = ['offered', 'confirmed'] as const;

export function planOf(owner: SelectionOwner, category: string): CategoryPlan | undefined {
  return owner.categories.find((c) => c.category === category);
}

export function ownerNoun(kind: OwnerKind): string {
  return kind === 'hearing' ? 'hearing' : 'meeting';
}
