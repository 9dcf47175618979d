import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { MailTransport } from './mail-transport.service';
import { MAIL_QUEUE, MailOutbox } from './mail.outbox';
import { MailProcessor } from './mail.processor';

/** Producer side, for the API. */
@Module({
  imports: [BullModule.registerQueue({ name: MAIL_QUEUE })],
  providers: [MailOutbox],
  exports: [MailOutbox, BullModule],
})
export class MailModule {}

/** Consumer side, for the worker. */
@Module({
  imports: [MailModule],
  providers: [MailTransport, MailProcessor],
  exports: [MailTransport],
})
export class MailWorkerModule {}
