// Shapes of the API routes the client reads (../shared/API.md). Times arrive as ISO strings.

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const DRAFT_STATUSES = ['draft', 'in_review', 'approved', 'scheduled', 'open', 'closed', 'reported', 'decided', 'results_published'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];
/** Statuses the public list can be filtered by (a draft is public from `open` on). */
export const PUBLIC_STATUSES: DraftStatus[] = ['open', 'closed', 'reported', 'decided', 'results_published'];

// One definition of a parsed unit: the server's parser (also bundled for the editor's live outline).
import type { DraftUnit } from '../../../src/modules/drafts/structure/draft-parser';
export type { DraftUnit, UnitKind } from '../../../src/modules/drafts/structure/draft-parser';

export interface Contact {
  person?: string;
  address?: string;
  email?: string;
  phone?: string;
  fax?: string;
}

export interface Alternative {
  planIndex: number;
  title: string;
  body?: string;
  units: DraftUnit[];
}

export interface Draft {
  id: string;
  unitId: string;
  title: string | null;
  status: DraftStatus;
  version: number;
  latestVersion?: number;
  body: string | null;
  basis: string | null;
  reasons: string | null;
  interpretation: string | null;
  contact: Contact | null;
  commentOpensAt: string | null;
  commentClosesAt: string | null;
  publishedAt: string | null;
  results: Array<{ summary: string; execution: string; at: string }> | null;
  units: DraftUnit[];
  alternatives: Alternative[];
  createdBy?: string | null;
  disclosure?: string | null;
  review?: { levels: string[]; approved: number; next: string | null };
}

export interface DraftListItem {
  id: string;
  unitName?: string;
  title: string | null;
  status: DraftStatus;
  version: number;
  commentOpensAt: string | null;
  commentClosesAt: string | null;
  publishedAt: string | null;
  updatedAt?: string;
  level?: string;
}

export interface HistoryRow {
  id: string;
  at: string;
  version: number | null;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  level: string | null;
  note: string | null;
  actorName: string | null;
}

export interface VersionSummary {
  version: number;
  title: string | null;
  publishedAt: string | null;
}

export interface UnitRef {
  anchor: string;
  label: string;
  text: string;
}

export interface UnitDiff {
  change: 'added' | 'removed' | 'modified' | 'unchanged';
  from: UnitRef | null;
  to: UnitRef | null;
  similarity?: number;
}

export interface VersionDiff {
  from: number;
  to: number;
  changes: UnitDiff[];
  plans?: Array<{ planIndex: number; changes: UnitDiff[] }>;
}

// The vocabularies and the report's shape come from the server's own modules (type-only or
// dependency-free), so the client cannot drift from what the API sends.
import type { Stance, Outcome, Basis, Channel } from '../../../src/modules/comments/comment.constants';
import type { ReportSnapshot } from '../../../src/modules/comments/report/report-snapshot';
export { STANCES, OUTCOMES, BASES, CHANNELS, OFFLINE_CHANNELS } from '../../../src/modules/comments/comment.constants';
export type { Stance, Outcome, Basis, Channel };

export interface Receipt {
  leafIndex: number;
  leafHash: string;
  treeSize: number;
  rootHash: string;
}

export interface CommentCreated {
  id: string;
  seq: number;
  receipt: Receipt;
}

export interface InclusionProof extends Receipt {
  path: string[];
  /** The logged record, when the server includes it: lets the browser recompute the leaf itself. */
  comment?: Record<string, unknown>;
}

export interface PublicComment {
  id: string;
  seq?: number;
  version?: number;
  anchor: string;
  planIndex?: number | null;
  stance: Stance;
  text: string | null;
  authorName?: string | null;
  channel?: string;
  createdAt?: string;
  receivedAt?: string;
  hidden?: boolean;
  hiddenReason?: string | null;
  moderationReason?: string | null;
  quote?: { start: number; end: number; text?: string } | null;
  leafHash?: string;
  disposition?: Disposition | null;
}

/** The organizer's view of a comment (`?full=true`): originals and contact data. */
export interface FullComment extends PublicComment {
  text: string;
  authorId?: string | null;
  author?: { name: string; email: string | null; phone: string | null; address: string | null } | null;
  enteredBy?: string | null;
  clusterId?: string | null;
}


export interface Disposition {
  outcome: Outcome;
  basis?: Basis | null;
  reason?: string | null;
  clusterId?: string | null;
  decidedAt?: string | null;
}

export type StanceCounts = Partial<Record<Stance, number>>;

export interface Cluster {
  id: string;
  size: number;
  /** API.md names `sample`; the comments module gives the sample comment's id and text. */
  sample: string | { id: string; text: string };
  commentIds: string[];
  concentrated: boolean;
  flagged?: boolean;
  disposition?: Disposition | null;
}

export interface Analysis {
  total: number;
  byStance: StanceCounts;
  units: Array<{ anchor: string; planIndex?: number | null; version?: number; label?: string | null; total: number; byStance: StanceCounts }>;
  clusters: Cluster[];
  keywords: Array<{ term: string; weight: number }>;
  concentrationThreshold: number;
  thresholdSet?: boolean;
  analysedThrough?: number;
  treeSize?: number;
}

export interface LogHead {
  treeSize: number;
  rootHash: string;
}

/** GET /api/drafts/:id/adoption-report (format `adoption-report/1`): the published snapshot. */
export type AdoptionReport = ReportSnapshot;
