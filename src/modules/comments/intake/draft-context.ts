import { MAIN_TEXT } from '../comment.constants';

/** What the intake needs to know about a draft, cached for a moment so requests do not re-read it. */
export interface DraftContext {
  id: string;
  unitId: string;
  status: string;
  /** The current version: comments are made on it (it is the public one while the window is open). */
  version: number;
  publicVersion: number | null;
  opensAt: number | null;
  closesAt: number | null;
  /** Unit texts of the current version by `unitKey(planIndex, anchor)`. */
  units: Map<string, string>;
  /** Plans of the current version (R3), MAIN_TEXT included when the main text has units. */
  plans: Set<number>;
}

export function unitKey(planIndex: number, anchor: string): string {
  return `${planIndex}\u0000${anchor}`;
}

export function buildContext(
  draft: Omit<DraftContext, 'units' | 'plans'>,
  units: Array<{ planIndex: number; anchor: string; text: string }>,
): DraftContext {
  const map = new Map<string, string>();
  const plans = new Set<number>();
  for (const u of units) {
    map.set(unitKey(u.planIndex, u.anchor), u.text);
    plans.add(u.planIndex);
  }
  return { ...draft, units: map, plans };
}

export { MAIN_TEXT };
