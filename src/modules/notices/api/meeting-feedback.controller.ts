import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../../common/auth/decorators';
import type { Principal } from '../../../common/auth/principal';
import { MeetingFeedbackQuery } from '../dto/notices.dto';
import { MeetingFeedbackService } from '../meetings/meeting-feedback.service';

@ApiTags('notices')
@ApiBearerAuth()
@Controller('notices')
export class MeetingFeedbackController {
  constructor(private readonly meetings: MeetingFeedbackService) {}

  @Roles('organizer', 'reviewer', 'clerk', 'admin') @Get('meeting-feedback')
  @ApiOperation({ summary: "your unit's meetings with their feedback deadline (3 working days, R17/R18), reminder and overdue flag" })
  list(@Query() q: MeetingFeedbackQuery, @CurrentUser() user: Principal) {
    return this.meetings.list(user, q);
  }
}
