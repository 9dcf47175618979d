import { Body, Controller, Get, HttpCode, Inject, Post, Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { UuidParam } from '../selection/selection-routes';
import type { OwnerKind } from '../selection/selection.types';
import { DrawsService } from './draws.service';
import { CommitmentDto, DrawDto } from './dto/draw.dto';

/** The draw routes shared by hearings and meetings, mounted under `/api/<prefix>/:id`. */
export function drawController(kind: OwnerKind, prefix: string): Type<unknown> {
  @ApiTags(prefix)
  @ApiBearerAuth()
  @Controller(prefix)
  class DrawController {
    constructor(@Inject(DrawsService) private readonly draws: DrawsService) {}

    @Post(':id/draw-commitment')
    @ApiOperation({ summary: 'publish H^n(secret), n and the future public randomness source, once, before sign-up closes (organizer)' })
    commit(@UuidParam('id') id: string, @Body() dto: CommitmentDto, @CurrentUser() user: Principal) {
      return this.draws.commit(kind, id, user, dto);
    }

    @Post(':id/freeze') @HttpCode(200)
    @ApiOperation({ summary: 'after sign-up closes: publish the eligible labels per category with their SHA-256 (organizer)' })
    freeze(@UuidParam('id') id: string, @CurrentUser() user: Principal) {
      return this.draws.freeze(kind, id, user);
    }

    @Public() @Get(':id/eligible')
    @ApiOperation({ summary: 'the frozen eligible lists and any self-recommendations' })
    eligible(@UuidParam('id') id: string, @CurrentUser() user?: Principal) {
      return this.draws.eligible(kind, id, user);
    }

    @Post(':id/draw')
    @ApiOperation({ summary: 'reveal the chain value and enter the randomness; returns {selected, alternates, record} (organizer)' })
    draw(@UuidParam('id') id: string, @Body() dto: DrawDto, @CurrentUser() user: Principal) {
      return this.draws.draw(kind, id, user, dto);
    }

    @Public() @Get(':id/draw')
    @ApiOperation({ summary: 'the public draw record (hearing-draw/1), verifiable with scripts/verify-draw.ts' })
    record(@UuidParam('id') id: string, @CurrentUser() user?: Principal) {
      return this.draws.record(kind, id, user);
    }
  }
  Object.defineProperty(DrawController, 'name', { value: `${kind[0].toUpperCase()}${kind.slice(1)}DrawController` });
  return DrawController;
}
