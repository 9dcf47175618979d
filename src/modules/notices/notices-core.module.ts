import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DELIVERY_QUEUE, NOTICES_QUEUE } from './notice.types';
import { NoticesOutbox } from './queue/notices-outbox';
import { SelectionNoticeWriter } from './selection/selection-notice.writer';
import { NoticeQueries } from './store/notice-queries';
import { NoticeStore } from './store/notice-store';

/**
 * The queues and the notice table, for whoever produces notices: the drafts module (results,
 * R20), the selection machinery (SelectionNotifier), this module's routes and its worker. Kept in
 * its own file, free of feature imports, so that those modules can import it without a cycle.
 */
@Module({
  imports: [BullModule.registerQueue({ name: NOTICES_QUEUE }, { name: DELIVERY_QUEUE })],
  providers: [NoticesOutbox, NoticeStore, NoticeQueries, SelectionNoticeWriter],
  exports: [NoticesOutbox, NoticeStore, NoticeQueries, SelectionNoticeWriter, BullModule],
})
export class NoticesCoreModule {}
