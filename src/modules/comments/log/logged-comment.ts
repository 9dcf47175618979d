import { MAIN_TEXT, type Channel, type Stance } from '../comment.constants';
import type { LoggedComment } from './merkle';

/** The columns of a comment that its leaf is made of. */
export interface LoggableFields {
  id: string;
  draftId: string;
  version: number;
  seq: number;
  anchor: string;
  /** -1 for the main text (MAIN_TEXT), logged as null. */
  planIndex: number;
  quoteStart: number | null;
  quoteEnd: number | null;
  stance: Stance;
  text: string;
  channel: Channel;
  receivedAt: Date;
  authorRef: string;
}

/**
 * The exact object hashed into the log (see LoggedComment): built the same way at intake and when
 * a proof is served, so that the published JSON recomputes to the stored leaf hash.
 */
export function loggedComment(c: LoggableFields): LoggedComment {
  return logged(c, c.seq);
}

/**
 * The canonical JSON (RFC 8785) of the comment's leaf, as the intake hashes it for every comment.
 * loggedComment's keys are written in sorted order at every level and its values are strings,
 * safe integers and null, for which JSON.stringify writes exactly what JCS does; the generic
 * canonicalizer (sorting and walking every object again) was a few percent of the intake's CPU.
 * A property test holds the two equal.
 */
export function loggedCommentJson(c: Omit<LoggableFields, 'seq'>, seq: number): string {
  return JSON.stringify(logged(c, seq));
}

function logged(c: Omit<LoggableFields, 'seq'>, seq: number): LoggedComment {
  // Keys in sorted order (UTF-16 code units): see loggedCommentJson.
  return {
    anchor: c.anchor,
    authorRef: c.authorRef,
    channel: c.channel,
    draftId: c.draftId,
    id: c.id,
    planIndex: c.planIndex === MAIN_TEXT ? null : c.planIndex,
    quote: c.quoteStart === null || c.quoteEnd === null ? null : { end: c.quoteEnd, start: c.quoteStart },
    receivedAt: c.receivedAt.toISOString(),
    seq,
    stance: c.stance,
    text: c.text,
    version: c.version,
  };
}
