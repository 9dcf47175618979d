import type { Channel, Stance } from '../comment.constants';

/** What a stored comment says and who said it: shared by intake and every read of a comment. */
export interface CommentContent {
  id: string;
  version: number;
  anchor: string;
  planIndex: number;
  quoteStart: number | null;
  quoteEnd: number | null;
  quoteText: string | null;
  stance: Stance;
  text: string;
  channel: Channel;
  receivedAt: Date;
  authorId: string | null;
  authorName: string;
  authorEmail: string | null;
  authorPhone: string | null;
  authorAddress: string | null;
  enteredBy: string | null;
}

/** A checked comment waiting for its place in the log (everything but seq and hashes). */
export interface Submission extends CommentContent {
  draftId: string;
  authorRef: string;
  idempotencyKey: string | null;
  requestHash: string | null;
}

/** The 201 body of POST /api/drafts/:id/comments (and its replays). */
export interface CommentReceipt {
  id: string;
  seq: number;
  receipt: { leafIndex: number; leafHash: string; treeSize: number; rootHash: string };
}

/**
 * The receipt of the comment at `seq`: its leaf and the log right after it was appended, i.e. the
 * tree of size seq. Rebuilt identically from the stored row for a replay.
 */
export function receiptOf(id: string, seq: number, leafHash: string, rootHash: string): CommentReceipt {
  return { id, seq, receipt: { leafIndex: seq - 1, leafHash, treeSize: seq, rootHash } };
}

/** Who owns an Idempotency-Key: the web author, or the staff member typing an offline comment. */
export function idempotencyScope(s: Pick<Submission, 'authorId' | 'enteredBy' | 'channel'>): string {
  return s.channel === 'web' ? `u:${s.authorId}` : `s:${s.enteredBy}`;
}
