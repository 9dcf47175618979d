import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../../common/auth/decorators';
import type { Principal } from '../../../common/auth/principal';
import { DispositionDto, ModerationDto } from '../dto/disposition.dto';
import { UuidParam } from '../uuid-param';
import { DispositionsService } from './dispositions.service';

@ApiTags('comments')
@ApiBearerAuth()
@Controller('comments/:id')
export class DispositionsController {
  constructor(private readonly dispositions: DispositionsService) {}

  @Roles('organizer', 'admin') @Put('disposition')
  @ApiOperation({ summary: 'adopted, partially_adopted, not_adopted (R6: needs basis and reason) or out_of_scope; every change kept' })
  dispose(@UuidParam('id') id: string, @Body() dto: DispositionDto, @CurrentUser() user: Principal) {
    return this.dispositions.dispose(id, user, dto);
  }

  @Roles('organizer', 'reviewer', 'clerk', 'admin') @Get('disposition/history')
  @ApiOperation({ summary: 'unit staff: every disposition the comment had, who and when' })
  history(@UuidParam('id') id: string, @CurrentUser() user: Principal) {
    return this.dispositions.history(id, user);
  }

  @Roles('organizer', 'admin') @Post('moderation') @HttpCode(200)
  @ApiOperation({ summary: 'hide abusive text on public pages (R7: still listed, counted, dispositioned and in the full report)' })
  moderate(@UuidParam('id') id: string, @Body() dto: ModerationDto, @CurrentUser() user: Principal) {
    return this.dispositions.moderate(id, user, dto);
  }
}
