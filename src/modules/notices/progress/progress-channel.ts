import type { Progress, RunKey } from '../store/notice-queries';

/** The Redis pub/sub channel from the workers to the API gateways. */
export const progressChannel = (prefix: string) => `${prefix}:notices:progress`;

/**
 * Set by a gateway while someone watches a draft's progress; workers count only watched runs,
 * because counting a run of a million notices is not free.
 */
export const watchKey = (prefix: string, draftId: string) => `${prefix}:notices:watch:${draftId}`;
export const WATCH_TTL_S = 90;

/** The socket event `notices:progress`. */
export interface ProgressEvent extends RunKey, Progress {
  at: string;
}
