import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { MailTransport } from '../../mail/mail-transport.service';
import { ProgressPublisher } from '../progress/progress.publisher';
import type { EmailJob, InboxJob } from '../queue/notices-outbox';
import { NoticeStore } from '../store/notice-store';

export type EmailOutcome = 'sent' | 'skipped';

/** SMTP answers 5xx for a permanent refusal (unknown mailbox): retrying would not help. */
function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Delivery of stored notices. Inbox: exactly once, by the conditional UPDATE. Email: at least
 * once — a crash between the SMTP server's acceptance and the UPDATE resends, with the same
 * deterministic Message-ID so the receiver can drop the copy.
 */
@Injectable()
export class DeliveryService {
  constructor(
    private readonly store: NoticeStore,
    private readonly mail: MailTransport,
    private readonly progress: ProgressPublisher,
  ) {}

  async inbox(job: InboxJob): Promise<number> {
    const delivered = await this.store.deliverInbox(job.ids);
    if (delivered) this.progress.touch(job);
    return delivered;
  }

  /** `lastAttempt`: BullMQ will not retry after this one, so a failure is final. */
  async email(job: EmailJob, lastAttempt: boolean): Promise<EmailOutcome> {
    const notice = await this.store.findEmail(job.noticeId);
    // Delivered already (a redelivered job), or retried under a newer round.
    if (!notice || notice.status !== 'pending') return 'skipped';
    try {
      await this.mail.send({ to: notice.address, subject: notice.subject, text: notice.body, messageId: notice.messageId });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const permanent = isPermanent(err);
      await this.store.recordFailure(notice.id, message, permanent || lastAttempt);
      this.progress.touch(job);
      throw permanent ? new UnrecoverableError(message) : err;
    }
    await this.store.markDelivered(notice.id);
    this.progress.touch(job);
    return 'sent';
  }
}
