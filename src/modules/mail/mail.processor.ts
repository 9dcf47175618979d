import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { MailTransport, OutgoingMail } from './mail-transport.service';
import { MAIL_QUEUE } from './mail.outbox';

@Processor(MAIL_QUEUE)
export class MailProcessor extends WorkerHost {
  constructor(private readonly transport: MailTransport) {
    super();
  }

  async process(job: Job<OutgoingMail>): Promise<void> {
    await this.transport.send(job.data);
  }
}
