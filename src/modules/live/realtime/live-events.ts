/** The shapes that travel on the `/hearings` namespace (API.md, "Live hearing"). */

export type LiveState = 'scheduled' | 'live' | 'paused' | 'ended';

/** Server → client `segment`: one revision of one segment, in its public form (R19). */
export interface LiveSegment {
  hearingId: string;
  seq: number;
  speaker: string;
  role: string;
  text: string;
  at: string;
  revision: number;
}

/** Server → client `hearing:state`. */
export interface LiveStateEvent {
  hearingId: string;
  state: LiveState;
  lastSeq: number;
  at: string;
  confirmationDeadline: string | null;
  sealed: boolean;
}

/**
 * What instances tell each other (and themselves) after a write has been committed. Every stored
 * revision has an `eventNo`, numbered per hearing from 1 under the session lock: instances deliver
 * segments in that order. State changes carry the whole state and need no order.
 */
export type FeedEvent = { type: 'segment'; eventNo: number; segment: LiveSegment } | { type: 'state'; state: LiveStateEvent };

export const SEGMENT_EVENT = 'segment';
export const STATE_EVENT = 'hearing:state';
/** Instance-to-instance event name (socket.io serverSideEmit over the Redis adapter). */
export const FEED_EVENT = 'live:feed';

export const roomOf = (hearingId: string) => `hearing:${hearingId}`;
