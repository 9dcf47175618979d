import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '../../../common/auth/decorators';
import type { Principal } from '../../../common/auth/principal';
import { HearingReportDto } from '../dto/live-http.dto';
import { IdParam } from '../live.controller';
import { HearingReportService } from './hearing-report.service';

@ApiTags('live hearings')
@ApiBearerAuth()
@Controller('hearings')
export class HearingReportController {
  constructor(private readonly reports: HearingReportService) {}

  @Roles('organizer', 'admin') @Post(':id/report')
  @ApiOperation({ summary: 'publish the hearing report after the seal: 422 R15 without conclusions or with an unadopted opinion lacking a reason' })
  publish(@IdParam() id: string, @Body() dto: HearingReportDto, @CurrentUser() user: Principal) {
    return this.reports.publish(user, id, dto);
  }

  @Public() @Get(':id/report')
  @ApiOperation({ summary: 'the published hearing report; residents’ and stakeholders’ names masked (R19)' })
  get(@IdParam() id: string, @CurrentUser() user?: Principal) {
    return this.reports.get(id, user);
  }
}
