import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../../common/auth/decorators';
import type { Principal } from '../../../common/auth/principal';
import { DispositionsService } from '../dispositions/dispositions.service';
import { AnalysisSettingsDto, ClusterFlagDto, DispositionDto } from '../dto/disposition.dto';
import { UuidParam } from '../uuid-param';
import { AnalysisService } from './analysis.service';

@ApiTags('comments')
@ApiBearerAuth()
@Controller('drafts/:id')
export class AnalysisController {
  constructor(
    private readonly analysis: AnalysisService,
    private readonly dispositions: DispositionsService,
  ) {}

  @Roles('organizer', 'reviewer', 'clerk', 'admin') @Get('analysis')
  @ApiOperation({ summary: 'unit staff: totals, per-unit counts by stance, near-duplicate clusters (concentrated opinions, R8), keywords' })
  get(@UuidParam('id') id: string, @CurrentUser() user: Principal) {
    return this.analysis.analysis(id, user);
  }

  @Roles('organizer', 'admin') @Put('analysis/settings')
  @ApiOperation({ summary: 'set the concentration threshold (null: max(5, 5% of all))' })
  settings(@UuidParam('id') id: string, @Body() dto: AnalysisSettingsDto, @CurrentUser() user: Principal) {
    return this.analysis.updateSettings(id, user, dto);
  }

  @Roles('organizer', 'admin') @Put('clusters/:clusterId/concentrated')
  @ApiOperation({ summary: 'mark a cluster concentrated below the threshold (true), or follow the threshold again (null)' })
  flag(@UuidParam('id') id: string, @UuidParam('clusterId') clusterId: string, @Body() dto: ClusterFlagDto, @CurrentUser() user: Principal) {
    return this.analysis.flagCluster(id, clusterId, user, dto);
  }

  @Roles('organizer', 'admin') @Put('clusters/:clusterId/disposition')
  @ApiOperation({ summary: 'one disposition for every comment of a cluster (R6; R8: a concentrated one not adopted needs a reason)' })
  disposeCluster(@UuidParam('id') id: string, @UuidParam('clusterId') clusterId: string, @Body() dto: DispositionDto, @CurrentUser() user: Principal) {
    return this.dispositions.disposeCluster(id, clusterId, user, dto);
  }
}
