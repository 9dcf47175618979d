import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { PageQuery } from '../../common/http/pagination';
import { DrawsService } from '../draws/draws.service';
import { SelfRecommendationDto } from '../draws/dto/draw.dto';
import { InviteDto } from '../selection/dto/invitation.dto';
import { InvitationsService } from '../selection/invitations.service';
import { UuidParam } from '../selection/selection-routes';
import { CreateHearingDto, HearingListQuery, UpdateHearingDto } from './dto/hearing.dto';
import { HearingsService } from './hearings.service';

// Sign-up, seats and the draw are mounted by selectionController / drawController (hearings.module.ts).
@ApiTags('hearings')
@ApiBearerAuth()
@Controller('hearings')
export class HearingsController {
  constructor(
    private readonly hearings: HearingsService,
    private readonly invitations: InvitationsService,
    private readonly draws: DrawsService,
  ) {}

  @Roles('organizer', 'admin') @Post()
  @ApiOperation({ summary: 'prepare a hearing on a draft of your unit; may be incomplete until announced' })
  create(@Body() dto: CreateHearingDto, @CurrentUser() user: Principal) {
    return this.hearings.create(user, dto);
  }

  @Public() @Get()
  @ApiOperation({ summary: 'announced hearings; ?draftId= for one draft' })
  list(@Query() q: HearingListQuery) {
    return this.hearings.list(q);
  }

  @Public() @Get(':id')
  @ApiOperation({ summary: 'the announcement (R11), quotas, sign-up window with countdowns, draw state; public once announced' })
  get(@UuidParam('id') id: string, @CurrentUser() user?: Principal) {
    return this.hearings.get(id, user);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'edit while not announced (organizer)' })
  update(@UuidParam('id') id: string, @Body() dto: UpdateHearingDto, @CurrentUser() user: Principal) {
    return this.hearings.update(user, id, dto);
  }

  @Post(':id/announce') @HttpCode(200)
  @ApiOperation({ summary: 'announce: 422 R11 unless at least 10 days ahead with every element; 422 R12 under 10 representatives' })
  announce(@UuidParam('id') id: string, @CurrentUser() user: Principal) {
    return this.hearings.announce(user, id);
  }

  @Post(':id/invitations')
  @ApiOperation({ summary: 'invite a deputy, expert, lawyer or other by email (organizer, R13)' })
  invite(@UuidParam('id') id: string, @Body() dto: InviteDto, @CurrentUser() user: Principal) {
    return this.invitations.invite('hearing', id, user, dto);
  }

  @Get(':id/invitations')
  @ApiOperation({ summary: 'invitations and their answers (organizer)' })
  listInvitations(@UuidParam('id') id: string, @Query() q: PageQuery, @CurrentUser() user: Principal) {
    return this.invitations.list('hearing', id, user, q);
  }

  @Post(':id/self-recommendation')
  @ApiOperation({ summary: 'record that a category’s applicants chose their representatives themselves (自行推荐), instead of a draw' })
  selfRecommend(@UuidParam('id') id: string, @Body() dto: SelfRecommendationDto, @CurrentUser() user: Principal) {
    return this.draws.selfRecommend('hearing', id, user, dto);
  }
}
