// Response shapes of the drafts routes (API.md "Drafts"). Pure mapping, no I/O.
import type { DraftAlternative } from './draft-alternative.entity';
import type { DraftStatus } from './draft-status';
import { MAIN_PLAN } from './draft-unit.entity';
import type { DraftVersion } from './draft-version.entity';
import type { Draft, DraftContact } from './draft.entity';
import type { UnitsByPlan } from './drafts.repository';
import type { DraftUnit } from './structure/draft-parser';

export interface AlternativeView {
  planIndex: number;
  title: string;
  body: string;
  units: DraftUnit[];
}

export interface ReviewView {
  /** The unit's review chain, in order (R4). */
  levels: string[];
  /** How many levels approved in the current review. */
  approved: number;
  /** The level waiting for approval, when in review. */
  next: string | null;
}

export interface DraftView {
  id: string;
  unitId: string;
  title: string | null;
  status: DraftStatus;
  /** The version shown. */
  version: number;
  /** The newest version (a revision may be in preparation while the public reads an older one). */
  latestVersion: number;
  body: string | null;
  basis: string | null;
  reasons: string | null;
  interpretation: string | null;
  /**
   * The organizing unit's official contact for the consultation. R1 requires a published
   * consultation to show it (person, postal address, email); it is not a participant's data (R19).
   */
  contact: Partial<DraftContact> | null;
  commentOpensAt: Date | null;
  commentClosesAt: Date | null;
  publishedAt: Date | null;
  results: Array<{ summary: string; execution: string; at: string }> | null;
  units: DraftUnit[];
  alternatives: AlternativeView[];
  createdAt: Date;
  updatedAt: Date;
  /** Staff of the unit only. */
  createdBy?: string | null;
  disclosure?: string | null;
  review?: ReviewView;
}

export interface VersionText {
  title: string | null;
  body: string | null;
  basis: string | null;
  reasons: string | null;
  interpretation: string | null;
  publishedAt: Date | null;
  commentOpensAt: Date | null;
  commentClosesAt: Date | null;
}

/** The current version's text lives on the draft row; older ones in draft_version. */
export function textOf(draft: Draft, version: DraftVersion | null): VersionText {
  if (!version || version.version === draft.version) {
    return {
      title: draft.title,
      body: draft.body,
      basis: draft.basis,
      reasons: draft.reasons,
      interpretation: draft.interpretation,
      publishedAt: version?.publishedAt ?? null,
      commentOpensAt: draft.commentOpensAt,
      commentClosesAt: draft.commentClosesAt,
    };
  }
  return {
    title: version.title,
    body: version.body,
    basis: version.basis,
    reasons: version.reasons,
    interpretation: version.interpretation,
    publishedAt: version.publishedAt,
    commentOpensAt: version.commentOpensAt,
    commentClosesAt: version.commentClosesAt,
  };
}

export function reviewOf(draft: Draft, levels: string[]): ReviewView {
  return {
    levels,
    approved: draft.reviewLevel,
    next: draft.status === 'in_review' ? (levels[draft.reviewLevel] ?? null) : null,
  };
}

export function draftView(args: {
  draft: Draft;
  shownVersion: number;
  text: VersionText;
  units: UnitsByPlan;
  alternatives: DraftAlternative[];
  staff: { reviewLevels: string[] } | null;
}): DraftView {
  const { draft, text, units, staff } = args;
  const view: DraftView = {
    id: draft.id,
    unitId: draft.unitId,
    title: text.title,
    status: draft.status,
    version: args.shownVersion,
    latestVersion: draft.version,
    body: text.body,
    basis: text.basis,
    reasons: text.reasons,
    interpretation: text.interpretation,
    contact: draft.contact,
    commentOpensAt: text.commentOpensAt,
    commentClosesAt: text.commentClosesAt,
    publishedAt: text.publishedAt,
    results: draft.results?.map(({ summary, execution, at }) => ({ summary, execution, at })) ?? null,
    units: units.get(MAIN_PLAN) ?? [],
    alternatives: args.alternatives.map((a) => ({ planIndex: a.planIndex, title: a.title, body: a.body, units: units.get(a.planIndex) ?? [] })),
    createdAt: draft.createdAt,
    updatedAt: draft.updatedAt,
  };
  if (staff) {
    view.createdBy = draft.createdBy;
    view.disclosure = draft.disclosure;
    view.review = reviewOf(draft, staff.reviewLevels);
  }
  return view;
}

export interface DraftListItem {
  id: string;
  unitId: string;
  unitName: string;
  title: string | null;
  status: DraftStatus;
  version: number;
  commentOpensAt: Date | null;
  commentClosesAt: Date | null;
  publishedAt: Date | null;
  updatedAt: Date;
}
