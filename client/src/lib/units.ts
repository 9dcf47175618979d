import type { DraftUnit, UnitKind } from '../api/types';

/** Kinds listed in the outline: the document's headings and its articles. */
export const OUTLINE_KINDS: UnitKind[] = ['chapter', 'section', 'article'];

/** Units shown in the outline; a text without any heading or article lists its paragraphs. */
export function outlineUnits(units: DraftUnit[]): DraftUnit[] {
  const structural = units.filter((u) => OUTLINE_KINDS.includes(u.kind));
  return structural.length ? structural : units;
}

/**
 * Comment counts rolled up the tree: an article's count includes the comments on its 款 and
 * items, a chapter's those on its articles. Units come in reading order, so children follow parents.
 */
export function rollUp(units: DraftUnit[], own: Map<string, number>): Map<string, number> {
  const total = new Map<string, number>();
  for (const u of units) total.set(u.anchor, own.get(u.anchor) ?? 0);
  for (let i = units.length - 1; i >= 0; i--) {
    const u = units[i];
    if (u.parentAnchor && total.has(u.parentAnchor)) total.set(u.parentAnchor, total.get(u.parentAnchor)! + total.get(u.anchor)!);
  }
  return total;
}

/** 0..1 heat of a count against the largest count among `anchors` (0 when nobody commented). */
export function heat(count: number, max: number): number {
  return max > 0 ? count / max : 0;
}

/** A short label for a unit in lists and tables: its marker, or the start of its text. */
export function unitCaption(unit: Pick<DraftUnit, 'label' | 'text'> | undefined, anchor: string): string {
  if (!unit) return anchor;
  if (unit.label) return unit.label;
  return unit.text.length > 16 ? `${unit.text.slice(0, 16)}…` : unit.text || anchor;
}
