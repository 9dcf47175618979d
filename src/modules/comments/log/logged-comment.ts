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
  return {
    id: c.id,
    draftId: c.draftId,
    version: c.version,
    seq: c.seq,
    anchor: c.anchor,
    planIndex: c.planIndex === MAIN_TEXT ? null : c.planIndex,
    quote: c.quoteStart === null || c.quoteEnd === null ? null : { start: c.quoteStart, end: c.quoteEnd },
    stance: c.stance,
    text: c.text,
    channel: c.channel,
    receivedAt: c.receivedAt.toISOString(),
    authorRef: c.authorRef,
  };
}
