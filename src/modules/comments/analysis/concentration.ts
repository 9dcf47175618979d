// 相对集中的意见 (R8): when a near-duplicate cluster counts as a concentrated opinion.

/** API.md: 5 or more comments, or 5% of all, whichever is larger, unless the organizer sets one. */
export function concentrationThreshold(totalComments: number, override: number | null): number {
  if (override !== null && override !== undefined) return override;
  return Math.max(5, Math.ceil(totalComments * 0.05));
}

export function isConcentrated(size: number, threshold: number, flagged: boolean | null): boolean {
  return flagged === true || size >= threshold;
}
