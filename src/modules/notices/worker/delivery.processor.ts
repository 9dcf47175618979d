import { Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AppConfig } from '../../../config/env';
import { DeliveryService } from '../delivery/delivery.service';
import { DELIVERY_QUEUE } from '../notice.types';
import type { EmailJob, InboxJob } from '../queue/notices-outbox';

// A killed worker's jobs come back after the lock expires; short locks make that quick, and the
// jobs are short (one UPDATE, or one SMTP exchange).
export const LOCKS = { lockDuration: 15_000, stalledInterval: 5_000 };

@Processor(DELIVERY_QUEUE, LOCKS)
export class DeliveryProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly delivery: DeliveryService,
    private readonly cfg: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.cfg.WORKER_CONCURRENCY;
  }

  async process(job: Job<InboxJob | EmailJob>): Promise<unknown> {
    if (job.name === 'inbox') return this.delivery.inbox(job.data as InboxJob);
    if (job.name === 'email') {
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      return this.delivery.email(job.data as EmailJob, lastAttempt);
    }
    throw new Error(`unknown delivery job ${job.name}`);
  }
}
