import { useEffect, useState } from 'react';
import { api } from './client';
import type { DraftUnit, Page, PublicComment } from './types';

export interface UnitCounts {
  /** Comments per anchor and plan: key `${planIndex ?? 'main'}:${anchor}`. */
  byUnit: Map<string, number>;
  total: number;
}

export const countKey = (planIndex: number | null, anchor: string) => `${planIndex ?? 'main'}:${anchor}`;

const PAGE = 100;
// Up to this many comments the list is read whole; past it, one total per unit is cheaper.
const READ_WHOLE = 2000;
const PARALLEL = 6;

const listPath = (draftId: string, q: string) => `/drafts/${draftId}/comments?${q}`;

async function countByPaging(draftId: string, version: number, first: Page<PublicComment>): Promise<Map<string, number>> {
  const byUnit = new Map<string, number>();
  const add = (items: PublicComment[]) => {
    // Versions reuse anchors: count only comments made on the version being read.
    for (const c of items) if (c.version === undefined || c.version === version) byUnit.set(countKey(c.planIndex ?? null, c.anchor), (byUnit.get(countKey(c.planIndex ?? null, c.anchor)) ?? 0) + 1);
  };
  add(first.items);
  const pages = Math.ceil(first.total / PAGE);
  for (let page = 2; page <= pages; page++) add((await api<Page<PublicComment>>(listPath(draftId, `pageSize=${PAGE}&page=${page}`))).items);
  return byUnit;
}

/** One `total` per unit (kept by server-side counters), a few requests at a time. */
async function countPerUnit(draftId: string, plans: Array<{ planIndex: number | null; units: DraftUnit[] }>): Promise<Map<string, number>> {
  const jobs = plans.flatMap((p) => p.units.map((u) => ({ planIndex: p.planIndex, anchor: u.anchor })));
  const byUnit = new Map<string, number>();
  for (let i = 0; i < jobs.length; i += PARALLEL) {
    await Promise.all(
      jobs.slice(i, i + PARALLEL).map(async (j) => {
        const res = await api<Page<PublicComment>>(listPath(draftId, `anchor=${encodeURIComponent(j.anchor)}&planIndex=${j.planIndex ?? -1}&pageSize=1`));
        if (res.total) byUnit.set(countKey(j.planIndex, j.anchor), res.total);
      }),
    );
  }
  return byUnit;
}

/**
 * Comment counts per unit for the heatmap, from the public comment list (hidden comments are
 * listed too, so the counts match the record). There is no public per-unit statistics route.
 */
export function useUnitCounts(draftId: string, version: number, plans: Array<{ planIndex: number | null; units: DraftUnit[] }> | null, reloadKey: number): UnitCounts | null {
  const [counts, setCounts] = useState<UnitCounts | null>(null);
  useEffect(() => {
    if (!plans) return setCounts(null);
    let cancelled = false;
    (async () => {
      const first = await api<Page<PublicComment>>(listPath(draftId, `pageSize=${PAGE}&page=1`));
      const byUnit = first.total <= READ_WHOLE ? await countByPaging(draftId, version, first) : await countPerUnit(draftId, plans);
      if (!cancelled) setCounts({ byUnit, total: first.total });
    })().catch(() => {
      if (!cancelled) setCounts(null);
    });
    return () => {
      cancelled = true;
    };
    // `plans` is derived from the loaded draft; its identity changes on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draftId, version, plans === null, reloadKey]);
  return counts;
}
