import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { OutgoingMail } from './mail-transport.service';

export const MAIL_QUEUE = 'mail';

/** Queues account mail (verification, password reset); the worker sends it, retrying on SMTP failures. */
@Injectable()
export class MailOutbox {
  constructor(@InjectQueue(MAIL_QUEUE) private readonly queue: Queue<OutgoingMail>) {}

  async enqueue(mail: OutgoingMail, jobId: string): Promise<void> {
    await this.queue.add('send', mail, { jobId });
  }
}
