import { Module } from '@nestjs/common';
import { DraftsModule } from '../drafts/drafts.module';
import { MailWorkerModule } from '../mail/mail.module';
import { DraftNoticesController } from './api/draft-notices.controller';
import { DraftNoticesService } from './api/draft-notices.service';
import { InboxController } from './api/inbox.controller';
import { InboxService } from './api/inbox.service';
import { MeetingFeedbackController } from './api/meeting-feedback.controller';
import { QueueDashboard } from './dashboard/queue-dashboard';
import { DeliveryService } from './delivery/delivery.service';
import { FanOutService } from './fan-out/fan-out.service';
import { MeetingFeedbackService } from './meetings/meeting-feedback.service';
import { NoticesCoreModule } from './notices-core.module';
import { NoticesGateway } from './progress/notices.gateway';
import { ProgressPublisher } from './progress/progress.publisher';
import { DeliveryProcessor } from './worker/delivery.processor';
import { NoticeDispatcher } from './worker/notice-dispatcher';
import { NoticeSweeper } from './worker/notice-sweeper';
import { NoticesProcessor } from './worker/notices.processor';

/** Notices in the API: the inbox, the organizer's views, the progress socket, the queue dashboard. */
@Module({
  imports: [NoticesCoreModule, DraftsModule],
  controllers: [InboxController, DraftNoticesController, MeetingFeedbackController],
  providers: [InboxService, DraftNoticesService, NoticesGateway, QueueDashboard, MeetingFeedbackService],
})
export class NoticesModule {}

/** Notices in the worker: fan-out, delivery, progress, the dispatcher and the periodic sweep. */
@Module({
  imports: [NoticesCoreModule, MailWorkerModule],
  providers: [FanOutService, DeliveryService, ProgressPublisher, NoticesProcessor, DeliveryProcessor, NoticeSweeper, NoticeDispatcher, MeetingFeedbackService],
})
export class NoticesWorkerModule {}
