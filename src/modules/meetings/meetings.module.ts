import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DraftsModule } from '../drafts/drafts.module';
import { drawController } from '../draws/draw-routes';
import { DrawsModule } from '../draws/draws.module';
import { selectionController } from '../selection/selection-routes';
import { SelectionModule } from '../selection/selection.module';
import { MeetingOwnerSource } from './meeting-owner.source';
import { Meeting } from './meeting.entity';
import { DraftMeetingsController, MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

/** Government meetings with public attendees (R16, R17), on the same selection machinery as hearings. */
@Module({
  imports: [TypeOrmModule.forFeature([Meeting]), SelectionModule, DrawsModule, DraftsModule],
  controllers: [DraftMeetingsController, MeetingsController, selectionController('meeting', 'meetings'), drawController('meeting', 'meetings')],
  providers: [MeetingsService, MeetingOwnerSource],
})
export class MeetingsModule {}
