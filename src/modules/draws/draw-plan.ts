import type { CategoryPlan } from '../selection/selection.types';
import { canonicalLabels, compareCodePoints, frozenListHash } from './algorithm/hearing-draw';

/** One category of the published eligible list, frozen before the randomness exists. */
export interface FrozenList {
  category: string;
  quota: number;
  labels: string[]; // canonical order (code point)
  listHash: string;
}

/**
 * The frozen lists of the applied-for categories, with the quota each takes into the draw. Seats
 * of a pool go to its categories by tier: a later tier's quota is what the earlier tiers leave
 * (for a meeting, other stakeholders only get seats too few participants fill, R16). For a hearing
 * each category is its own pool, so its quota is the announced one.
 */
export function frozenLists(
  plans: readonly CategoryPlan[],
  pools: Readonly<Record<string, number>>,
  accepted: ReadonlyMap<string, readonly string[]>,
): FrozenList[] {
  const drawn = plans.filter((p) => p.admission === 'apply');
  const lists: FrozenList[] = [];
  for (const pool of new Set(drawn.map((p) => p.pool))) {
    let left = pools[pool] ?? 0;
    for (const plan of drawn.filter((p) => p.pool === pool).sort((a, b) => a.tier - b.tier)) {
      const labels = canonicalLabels(accepted.get(plan.category) ?? []);
      const quota = Math.max(0, Math.min(plan.quota, left));
      left -= Math.min(labels.length, quota);
      lists.push({ category: plan.category, quota, labels, listHash: frozenListHash(labels) });
    }
  }
  return lists.sort((a, b) => compareCodePoints(a.category, b.category));
}
