// Carries units across versions of a draft so comments anchored to a unit of an earlier version
// can follow it into the revision, and lists the changes unit by unit. Pure: no I/O, no Nest.
//
// Matching, each previous unit used at most once:
//   1. same kind and same label (第五条 ↔ 第五条) with text similarity ≥ 0.5;
//   2. among units still unmatched, same kind and best text similarity ≥ 0.6 (a renumbered or
//      moved article, a 款 whose wording changed).
// Within a pass the most similar pairs are taken first, so one weak early match cannot steal the
// predecessor of a later, much closer unit. Similarity is the Dice coefficient of character
// bigrams, ignoring whitespace; a length bound skips pairs that cannot reach the threshold.
import type { DraftUnit } from './draft-parser';

export type UnitChange = 'added' | 'removed' | 'modified' | 'unchanged';

export interface UnitRef {
  anchor: string;
  label: string;
  text: string;
}

export interface UnitDiff {
  change: UnitChange;
  from: UnitRef | null;
  to: UnitRef | null;
  similarity: number;
}

const SAME_LABEL_THRESHOLD = 0.5;
const ANY_LABEL_THRESHOLD = 0.6;

/** Sorted character bigrams of a text, as numbers; a one-character text is its single character. */
function bigrams(text: string): Uint32Array {
  const t = text.replace(/\s+/g, '');
  if (t.length < 2) return t.length === 0 ? new Uint32Array(0) : Uint32Array.of(t.charCodeAt(0));
  const out = new Uint32Array(t.length - 1);
  for (let i = 0; i < out.length; i++) out[i] = ((t.charCodeAt(i) << 16) | t.charCodeAt(i + 1)) >>> 0;
  return out.sort();
}

/** Dice coefficient of two sorted bigram multisets, from 0 (nothing shared) to 1 (identical). */
function dice(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 1 : 0;
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return (2 * shared) / (a.length + b.length);
}

/** Can two profiles of these sizes reach the threshold at all? Dice ≤ 2·min / (sum). */
function canReach(a: Uint32Array, b: Uint32Array, threshold: number): boolean {
  if (a.length === 0 || b.length === 0) return a.length === b.length;
  return (2 * Math.min(a.length, b.length)) / (a.length + b.length) >= threshold;
}

/** Character-bigram similarity of two texts, from 0 to 1. */
export function textSimilarity(a: string, b: string): number {
  return dice(bigrams(a), bigrams(b));
}

interface Pair {
  prev: number;
  next: number;
  similarity: number;
  drift: number; // distance between the relative positions in both versions
}

/** For each unit of `next`, the index of the unit of `previous` it continues, or -1. */
function matchUnits(previous: DraftUnit[], next: DraftUnit[]): Int32Array {
  const prevProfiles = previous.map((u) => bigrams(u.text));
  const nextProfiles = next.map((u) => bigrams(u.text));
  const matchOfNext = new Int32Array(next.length).fill(-1);
  const prevUsed = new Uint8Array(previous.length);

  const collect = (keyOf: (u: DraftUnit) => string, threshold: number): Pair[] => {
    const buckets = new Map<string, number[]>();
    previous.forEach((u, i) => {
      if (prevUsed[i]) return;
      const key = keyOf(u);
      const bucket = buckets.get(key);
      if (bucket) bucket.push(i);
      else buckets.set(key, [i]);
    });
    const pairs: Pair[] = [];
    next.forEach((u, j) => {
      if (matchOfNext[j] >= 0) return;
      for (const i of buckets.get(keyOf(u)) ?? []) {
        if (!canReach(prevProfiles[i], nextProfiles[j], threshold)) continue;
        const similarity = dice(prevProfiles[i], nextProfiles[j]);
        if (similarity < threshold) continue;
        const drift = Math.abs(i / Math.max(previous.length, 1) - j / Math.max(next.length, 1));
        pairs.push({ prev: i, next: j, similarity, drift });
      }
    });
    return pairs;
  };

  const assign = (pairs: Pair[]) => {
    // Best first; ties go to the pair whose positions agree, then to reading order.
    pairs.sort((x, y) => y.similarity - x.similarity || x.drift - y.drift || x.next - y.next || x.prev - y.prev);
    for (const p of pairs) {
      if (prevUsed[p.prev] || matchOfNext[p.next] >= 0) continue;
      prevUsed[p.prev] = 1;
      matchOfNext[p.next] = p.prev;
    }
  };

  assign(collect((u) => `${u.kind}\u0000${u.label}`, SAME_LABEL_THRESHOLD));
  assign(collect((u) => u.kind, ANY_LABEL_THRESHOLD));
  return matchOfNext;
}

/** Returns `next` (copied, in order) with `continues` set to the anchor of the previous version's unit it continues. */
export function linkVersions(previous: DraftUnit[], next: DraftUnit[]): DraftUnit[] {
  const matchOfNext = matchUnits(previous, next);
  return next.map((u, j) => ({ ...u, continues: matchOfNext[j] >= 0 ? previous[matchOfNext[j]].anchor : null }));
}

const ref = (u: DraftUnit): UnitRef => ({ anchor: u.anchor, label: u.label, text: u.text });

/**
 * Unit-by-unit changes from `previous` to `next`, in the reading order of `next`; a removed unit
 * follows the entry of the unit that preceded it in `previous` (or comes first if it was first).
 * A unit whose text is identical but whose label changed (renumbering) counts as unchanged:
 * its content did not change, and `from`/`to` still show both labels.
 */
export function diffVersions(previous: DraftUnit[], next: DraftUnit[]): UnitDiff[] {
  const matchOfNext = matchUnits(previous, next);
  const matchOfPrev = new Int32Array(previous.length).fill(-1);
  matchOfNext.forEach((i, j) => {
    if (i >= 0) matchOfPrev[i] = j;
  });

  const leading: UnitDiff[] = [];
  const removedAfter = new Map<number, UnitDiff[]>();
  let predecessor = -1; // index in `next` of the latest previous unit that was kept
  previous.forEach((u, i) => {
    if (matchOfPrev[i] >= 0) {
      predecessor = matchOfPrev[i];
      return;
    }
    const entry: UnitDiff = { change: 'removed', from: ref(u), to: null, similarity: 0 };
    if (predecessor < 0) leading.push(entry);
    else {
      const bucket = removedAfter.get(predecessor);
      if (bucket) bucket.push(entry);
      else removedAfter.set(predecessor, [entry]);
    }
  });

  const out = leading;
  next.forEach((u, j) => {
    const i = matchOfNext[j];
    if (i < 0) {
      out.push({ change: 'added', from: null, to: ref(u), similarity: 0 });
    } else {
      const same = previous[i].text === u.text;
      const similarity = same ? 1 : textSimilarity(previous[i].text, u.text);
      out.push({ change: same ? 'unchanged' : 'modified', from: ref(previous[i]), to: ref(u), similarity });
    }
    for (const removed of removedAfter.get(j) ?? []) out.push(removed);
  });
  return out;
}
