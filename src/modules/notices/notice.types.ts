// The vocabularies of notices; the migration's CHECK constraints repeat them.

/** Fan-out jobs (one per report version or results entry) and the worker's periodic sweep. */
export const NOTICES_QUEUE = 'notices';
/** One job per email, one per batch of inbox notices. */
export const DELIVERY_QUEUE = 'notice-delivery';

export const CHANNELS = ['inbox', 'email', 'letter', 'public'] as const;
export type NoticeChannel = (typeof CHANNELS)[number];

/** Kinds of a notice run: one notice per participant of a draft. */
export const RUN_KINDS = ['adoption_report', 'adoption_report_correction', 'results'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

export const KINDS = [...RUN_KINDS, 'selection', 'meeting_feedback', 'meeting_reminder', 'meeting_overdue'] as const;
export type NoticeKind = (typeof KINDS)[number];

export const STATUSES = ['pending', 'delivered', 'failed'] as const;
export type NoticeStatus = (typeof STATUSES)[number];

/** What the comments and drafts modules put on the `notices` queue (job name `fan-out`). */
export type FanOutJob =
  | { kind: 'adoption_report'; draftId: string; reportVersion: number }
  | { kind: 'results'; draftId: string; resultIndex: number };

export const FAN_OUT_JOB = 'fan-out';
export const SWEEP_JOB = 'sweep';

/** The job id the comments module uses too, so that either side enqueueing it twice is harmless. */
export function fanOutJobId(job: FanOutJob): string {
  const version = job.kind === 'adoption_report' ? job.reportVersion : job.resultIndex;
  return `fanout-${job.kind}-${job.draftId}-${version}`;
}

/** A notice ready to be written: everything but the generated columns. */
export interface NoticeDraft {
  recipient: string;
  userId: string | null;
  channel: NoticeChannel;
  kind: NoticeKind;
  draftId: string;
  sourceVersion: string;
  recipientName: string | null;
  address: string | null;
  subject: string;
  body: string;
  payload: Record<string, unknown>;
}

/** What a delivery job needs to know about a stored notice. */
export interface QueuedNotice {
  id: string;
  kind: string;
  draftId: string;
  sourceVersion: string;
  recipient: string;
  channel: NoticeChannel;
  resendRound: number;
}

/** `u.<user id>` for an account holder. */
export function userRecipient(userId: string): string {
  return `u.${userId}`;
}
