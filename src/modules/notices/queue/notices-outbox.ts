import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { createHash } from 'node:crypto';
import { DELIVERY_QUEUE, FAN_OUT_JOB, fanOutJobId, FanOutJob, NOTICES_QUEUE, QueuedNotice } from '../notice.types';

/** Inbox rows marked delivered per job: one UPDATE instead of a job per row. */
export const INBOX_BATCH = 1000;
const ADD_BULK_CHUNK = 1000;

export interface InboxJob {
  kind: string;
  draftId: string;
  sourceVersion: string;
  ids: string[];
}

export interface EmailJob {
  kind: string;
  draftId: string;
  sourceVersion: string;
  noticeId: string;
}

/**
 * Puts notice work on the queues. Job ids are deterministic, so enqueueing the same notice twice
 * (a repeated publish, a retried fan-out, the sweep) adds nothing while the first job is known.
 */
@Injectable()
export class NoticesOutbox {
  constructor(
    @InjectQueue(NOTICES_QUEUE) private readonly notices: Queue<FanOutJob>,
    @InjectQueue(DELIVERY_QUEUE) private readonly delivery: Queue<InboxJob | EmailJob>,
  ) {}

  /** Asks the worker to notify every participant of a report version or a results entry. */
  async enqueueFanOut(job: FanOutJob): Promise<void> {
    await this.notices.add(FAN_OUT_JOB, job, { jobId: fanOutJobId(job) });
  }

  /** One job per email, one per batch of inbox rows of the same run. */
  async enqueueDeliveries(rows: QueuedNotice[]): Promise<void> {
    const jobs: Array<{ name: string; data: InboxJob | EmailJob; opts: JobsOptions }> = [];
    const inboxByRun = new Map<string, QueuedNotice[]>();
    for (const n of rows) {
      if (n.channel === 'email') {
        jobs.push({ name: 'email', data: { kind: n.kind, draftId: n.draftId, sourceVersion: n.sourceVersion, noticeId: n.id }, opts: { jobId: emailJobId(n) } });
      } else if (n.channel === 'inbox') {
        const run = `${n.kind}-${n.draftId}-${n.sourceVersion}`;
        const list = inboxByRun.get(run) ?? [];
        list.push(n);
        inboxByRun.set(run, list);
      }
    }
    for (const [run, list] of inboxByRun) {
      for (let i = 0; i < list.length; i += INBOX_BATCH) {
        const part = list.slice(i, i + INBOX_BATCH);
        const { kind, draftId, sourceVersion } = part[0];
        jobs.push({ name: 'inbox', data: { kind, draftId, sourceVersion, ids: part.map((n) => n.id) }, opts: { jobId: `inbox-${run}-${batchKey(part)}` } });
      }
    }
    for (let i = 0; i < jobs.length; i += ADD_BULK_CHUNK) {
      await this.delivery.addBulk(jobs.slice(i, i + ADD_BULK_CHUNK));
    }
  }
}

/** `<kind>-<draftId>-<version>-<recipient>-email`, plus the round of a manual retry. */
export function emailJobId(n: Pick<QueuedNotice, 'kind' | 'draftId' | 'sourceVersion' | 'recipient' | 'resendRound'>): string {
  return `${n.kind}-${n.draftId}-${n.sourceVersion}-${n.recipient}-email${n.resendRound ? `-r${n.resendRound}` : ''}`;
}

// Names a batch by its members: the same rows give the same id, other rows another one (a batch
// id reused for different rows would be silently dropped by the queue).
function batchKey(rows: QueuedNotice[]): string {
  const h = createHash('sha256');
  for (const r of [...rows].sort((a, b) => (a.id < b.id ? -1 : 1))) h.update(`${r.id}:${r.resendRound};`);
  return h.digest('hex').slice(0, 32);
}
