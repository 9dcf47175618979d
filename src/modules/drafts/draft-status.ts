/** Life cycle of a draft decision (API.md "Drafts"). */
export const DRAFT_STATUSES = [
  'draft',
  'in_review',
  'approved',
  'scheduled',
  'open',
  'closed',
  'reported',
  'decided',
  'results_published',
] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

/** From `open` on, a draft is public (R1: published consultation); before, only its unit's staff see it. */
export const PUBLIC_STATUSES: readonly DraftStatus[] = ['open', 'closed', 'reported', 'decided', 'results_published'];

/** Statuses in which a revised version may be started: after the comment window (issue 3, versions). */
export const REVISABLE_STATUSES: DraftStatus[] = ['closed', 'reported'];

export const DISCLOSURES = ['public', 'conditional'] as const;
export type Disclosure = (typeof DISCLOSURES)[number];

/** Actions recorded in `draft_event` (the audit trail of R4). */
export type DraftAction =
  | 'created'
  | 'edited'
  | 'submitted'
  | 'approved'
  | 'returned'
  | 'published'
  | 'opened'
  | 'closed'
  | 'reported'
  | 'decided'
  | 'results_published'
  | 'results_updated'
  | 'version_started'
  | (string & {});
