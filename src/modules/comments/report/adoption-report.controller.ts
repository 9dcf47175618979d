import { Controller, Get, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '../../../common/auth/decorators';
import type { Principal } from '../../../common/auth/principal';
import { ReportQuery } from '../dto/report-query.dto';
import { UuidParam } from '../uuid-param';
import { AdoptionReportService } from './adoption-report.service';
import { renderReport } from './report-formats';

@ApiTags('comments')
@ApiBearerAuth()
@Controller('drafts/:id/adoption-report')
export class AdoptionReportController {
  constructor(private readonly reports: AdoptionReportService) {}

  @Roles('organizer', 'admin') @Post()
  @ApiOperation({ summary: 'publish the participation report (422 R9 while a comment has no disposition, R8); draft → reported; notices queued' })
  publish(@UuidParam('id') id: string, @CurrentUser() user: Principal) {
    return this.reports.publish(id, user);
  }

  @Public() @Get()
  @ApiOperation({ summary: 'the published report: JSON, or ?format=html|csv|xlsx; masked for the public, ?full=true for unit staff' })
  async get(@UuidParam('id') id: string, @Query() q: ReportQuery, @CurrentUser() user?: Principal): Promise<object | StreamableFile> {
    const report = await this.reports.get(id, user, q);
    return renderReport(report, q.format ?? 'json', q.full === true);
  }
}
