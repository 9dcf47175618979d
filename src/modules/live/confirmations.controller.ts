import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { PageQuery } from '../../common/http/pagination';
import { ConfirmationsService } from './confirmations.service';
import { ConfirmationDto, CorrectionsQuery, RejectCorrectionDto } from './dto/live-http.dto';
import { IdParam } from './live.controller';

/** R14: representatives confirm the transcript or ask for corrections; the clerk decides. */
@ApiTags('live hearings')
@ApiBearerAuth()
@Controller('hearings')
export class ConfirmationsController {
  constructor(private readonly confirmations: ConfirmationsService) {}

  @Post(':id/confirmations')
  @ApiOperation({ summary: 'a representative of this hearing: {confirm: true} or {corrections: [{seq, text}]} of their own segments' })
  submit(@IdParam() id: string, @Body() dto: ConfirmationDto, @CurrentUser() user: Principal) {
    return this.confirmations.submit(user, id, dto);
  }

  @Get(':id/confirmations')
  @ApiOperation({ summary: 'who must confirm and where each stands (staff of the unit)' })
  list(@IdParam() id: string, @Query() q: PageQuery, @CurrentUser() user: Principal) {
    return this.confirmations.list(user, id, q);
  }

  @Get(':id/corrections')
  @ApiOperation({ summary: 'correction requests, oldest first; ?status=pending (staff of the unit)' })
  corrections(@IdParam() id: string, @Query() q: CorrectionsQuery, @CurrentUser() user: Principal) {
    return this.confirmations.corrections(user, id, q);
  }

  @Post(':id/corrections/:correctionId/accept') @HttpCode(200)
  @ApiOperation({ summary: 'accept: the text becomes a new revision of the segment, the earlier ones kept (clerk or organizer)' })
  accept(@IdParam() id: string, @IdParam('correctionId') correctionId: string, @CurrentUser() user: Principal) {
    return this.confirmations.accept(user, id, correctionId);
  }

  @Post(':id/corrections/:correctionId/reject') @HttpCode(200)
  @ApiOperation({ summary: 'reject with a reason (clerk or organizer)' })
  reject(@IdParam() id: string, @IdParam('correctionId') correctionId: string, @Body() dto: RejectCorrectionDto, @CurrentUser() user: Principal) {
    return this.confirmations.reject(user, id, correctionId, dto.reason);
  }
}
