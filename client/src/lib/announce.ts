/**
 * Where a run stands for announcing it: the tenth reached ('0'…'9'), 'done' once complete, or null
 * while there is nothing to say. A figure that changes every tick is announced only when this does
 * (see use-throttled-text.ts).
 */
export function milestone(done: number, total: number, complete: boolean): string | null {
  if (total <= 0) return null;
  if (complete) return 'done';
  return String(Math.min(9, Math.floor((10 * done) / total)));
}
