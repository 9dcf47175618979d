import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { NoticesCoreModule } from '../notices/notices-core.module';
import { ApplicationsService } from './applications.service';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { SeatsRepository } from './seats.repository';
import { SeatsService } from './seats.service';
import { SelectionEvents } from './selection-events';
import { SelectionNotifier } from './selection-notifier';
import { SelectionOwners } from './selection-owners';
import { SelectionReads } from './selection-reads.service';
import { SelectionReconciler } from './selection-reconciler';

/**
 * The machinery shared by hearings and meetings: applications, invitations, seats and their
 * replacement, the public event log, and the notifier hook. Imported by the hearings, meetings
 * and draws modules; hearings and meetings register a `SelectionOwnerSource` with `SelectionOwners`.
 * `SelectionReads.representativeSeat` is what the live hearing uses to recognise representatives.
 */
@Module({
  imports: [MailModule, NoticesCoreModule],
  controllers: [InvitationsController],
  providers: [
    SelectionOwners,
    SelectionEvents,
    SelectionNotifier,
    SeatsRepository,
    SeatsService,
    ApplicationsService,
    InvitationsService,
    SelectionReads,
    SelectionReconciler,
  ],
  exports: [SelectionOwners, SelectionEvents, SelectionNotifier, SeatsRepository, SeatsService, ApplicationsService, InvitationsService, SelectionReads],
})
export class SelectionModule {}
