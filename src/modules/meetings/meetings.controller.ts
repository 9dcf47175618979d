import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { PageQuery } from '../../common/http/pagination';
import { UuidParam } from '../selection/selection-routes';
import { CreateMeetingDto, MeetingFeedbackDto } from './dto/meeting.dto';
import { MeetingsService } from './meetings.service';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('drafts')
export class DraftMeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Roles('organizer', 'admin') @Post(':id/meetings')
  @ApiOperation({ summary: 'a government meeting on the draft with 3-5 public attendees (R16; organizer of the unit)' })
  create(@UuidParam('id') draftId: string, @Body() dto: CreateMeetingDto, @CurrentUser() user: Principal) {
    return this.meetings.create(user, draftId, dto);
  }

  @Public() @Get(':id/meetings')
  @ApiOperation({ summary: 'the meetings on a draft' })
  list(@UuidParam('id') draftId: string, @Query() q: PageQuery, @CurrentUser() user?: Principal) {
    return this.meetings.listForDraft(draftId, user, q);
  }
}

// Sign-up, seats and the draw are mounted by selectionController / drawController (meetings.module.ts).
@ApiTags('meetings')
@ApiBearerAuth()
@Controller('meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Public() @Get(':id')
  @ApiOperation({ summary: 'the meeting, its sign-up, draw state, feedbackDueAt (3 working days, R17) and overdue flag' })
  get(@UuidParam('id') id: string, @CurrentUser() user?: Principal) {
    return this.meetings.get(id, user);
  }

  @Post(':id/feedback')
  @ApiOperation({ summary: 'after the meeting: how opinions were handled and the outcome (R17; organizer)' })
  feedback(@UuidParam('id') id: string, @Body() dto: MeetingFeedbackDto, @CurrentUser() user: Principal) {
    return this.meetings.feedback(user, id, dto);
  }
}
