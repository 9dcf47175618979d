// Response shapes of comments. Public views never carry contact data and mask names and personal
// data in text (R19); hidden comments stay listed, without their text (R7). Pure mapping.
import { maskName, maskPersonalData } from '../../common/privacy/mask';
import { MAIN_TEXT, type Basis, type Channel, type Outcome, type Stance } from './comment.constants';
import type { CommentContent } from './intake/submission';

/** A comment row as read for lists and reports (snake_case columns mapped by the query). */
export interface CommentRow extends CommentContent {
  seq: number;
  leafHash: string;
  hidden: boolean | null;
  hiddenReason: string | null;
  outcome: Outcome | null;
  basis: Basis | null;
  reason: string | null;
  dispositionClusterId: string | null;
  decidedAt: Date | null;
  clusterId: string | null;
}

export interface DispositionView {
  outcome: Outcome;
  basis: Basis | null;
  reason: string | null;
  clusterId: string | null;
  decidedAt: Date | null;
}

export interface PublicComment {
  id: string;
  seq: number;
  version: number;
  anchor: string;
  planIndex: number | null;
  quote: { start: number; end: number; text: string } | null;
  stance: Stance;
  channel: Channel;
  receivedAt: Date;
  authorName: string;
  leafHash: string;
  hidden: boolean;
  /** Present only when hidden. */
  hiddenReason?: string | null;
  /** Absent when hidden. */
  text?: string;
  disposition?: DispositionView | null;
}

export interface FullComment extends Omit<PublicComment, 'hiddenReason' | 'text'> {
  text: string;
  hiddenReason: string | null;
  authorId: string | null;
  author: { name: string; email: string | null; phone: string | null; address: string | null };
  enteredBy: string | null;
  clusterId: string | null;
  disposition: DispositionView | null;
}

function disposition(r: CommentRow, mask: boolean): DispositionView | null {
  if (!r.outcome) return null;
  return {
    outcome: r.outcome,
    basis: r.basis,
    reason: r.reason && mask ? maskPersonalData(r.reason) : r.reason,
    clusterId: r.dispositionClusterId,
    decidedAt: r.decidedAt,
  };
}

function common(r: CommentRow) {
  return {
    id: r.id,
    seq: Number(r.seq),
    version: r.version,
    anchor: r.anchor,
    planIndex: r.planIndex === MAIN_TEXT ? null : r.planIndex,
    quote: r.quoteStart === null || r.quoteEnd === null ? null : { start: r.quoteStart, end: r.quoteEnd, text: r.quoteText ?? '' },
    stance: r.stance,
    channel: r.channel,
    receivedAt: r.receivedAt,
    leafHash: r.leafHash,
  };
}

/** What anyone may read. `withDisposition` once the adoption report is out. */
export function publicComment(r: CommentRow, withDisposition: boolean): PublicComment {
  const view: PublicComment = { ...common(r), authorName: maskName(r.authorName), hidden: !!r.hidden };
  if (r.hidden) view.hiddenReason = r.hiddenReason;
  else view.text = maskPersonalData(r.text);
  if (withDisposition) view.disposition = disposition(r, true);
  return view;
}

/** The organizer's view: originals, contact data, hidden text kept. */
export function fullComment(r: CommentRow): FullComment {
  return {
    ...common(r),
    authorName: r.authorName,
    text: r.text,
    hidden: !!r.hidden,
    hiddenReason: r.hiddenReason,
    authorId: r.authorId,
    author: { name: r.authorName, email: r.authorEmail, phone: r.authorPhone, address: r.authorAddress },
    enteredBy: r.enteredBy,
    clusterId: r.clusterId,
    disposition: disposition(r, false),
  };
}

/** SELECT list producing CommentRow from `comment c` with its moderation, disposition and cluster. */
export const COMMENT_ROW_SQL = `
  SELECT c.id, c.seq::int AS seq, c.version, c.anchor, c.plan_index AS "planIndex",
         c.quote_start AS "quoteStart", c.quote_end AS "quoteEnd", c.quote_text AS "quoteText",
         c.stance, c.text, c.channel, c.received_at AS "receivedAt",
         c.author_id AS "authorId", c.author_name AS "authorName", c.author_email AS "authorEmail",
         c.author_phone AS "authorPhone", c.author_address AS "authorAddress", c.entered_by AS "enteredBy",
         c.leaf_hash AS "leafHash",
         mo.hidden, mo.reason AS "hiddenReason",
         d.outcome, d.basis, d.reason, d.cluster_id AS "dispositionClusterId", d.decided_at AS "decidedAt",
         cm.cluster_id AS "clusterId"
  FROM comment c
  LEFT JOIN comment_moderation mo ON mo.comment_id = c.id
  LEFT JOIN comment_disposition d ON d.comment_id = c.id
  LEFT JOIN comment_cluster_member cm ON cm.comment_id = c.id`;
