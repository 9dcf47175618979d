import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { InvalidInput } from '../../common/errors/domain-error';
import { PageQuery } from '../../common/http/pagination';
import { ApplicationsService } from './applications.service';
import { ApplicationQuery, ApplyDto, ReviewApplicationDto } from './dto/application.dto';
import { SeatsService } from './seats.service';
import { SelectionReads } from './selection-reads.service';
import type { OwnerKind } from './selection.types';

export const UuidParam = (name: string) =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput('request.bad_uuid', `${name} must be a UUID`, { field: name }) }));

/**
 * The sign-up and seat routes shared by hearings and meetings, mounted under `/api/<prefix>/:id`.
 * One definition, two controllers: the logic lives in the services, keyed by owner kind.
 */
export function selectionController(kind: OwnerKind, prefix: string): Type<unknown> {
  @ApiTags(prefix)
  @ApiBearerAuth()
  @Controller(prefix)
  class SelectionController {
    constructor(
      @Inject(ApplicationsService) private readonly applications: ApplicationsService,
      @Inject(SeatsService) private readonly seats: SeatsService,
      @Inject(SelectionReads) private readonly reads: SelectionReads,
    ) {}

    @Roles('resident') @Post(':id/applications')
    @ApiOperation({ summary: `apply to take part (signed-in resident, inside the sign-up window, once); the answer carries your public label` })
    apply(@UuidParam('id') id: string, @Body() dto: ApplyDto, @CurrentUser() user: Principal) {
      return this.applications.apply(kind, id, user, dto);
    }

    @Get(':id/applications')
    @ApiOperation({ summary: 'every application with name and email (organizer of the unit)' })
    list(@UuidParam('id') id: string, @Query() q: ApplicationQuery, @CurrentUser() user: Principal) {
      return this.applications.list(kind, id, user, q);
    }

    @Get(':id/applications/mine')
    @ApiOperation({ summary: 'your own application: status, reason, place among alternates, seat' })
    mine(@UuidParam('id') id: string, @CurrentUser() user: Principal) {
      return this.applications.mine(kind, id, user);
    }

    @Post(':id/applications/:applicationId/review') @HttpCode(200)
    @ApiOperation({ summary: 'accept, or reject with a reason, before the eligible list is frozen (organizer)' })
    review(
      @UuidParam('id') id: string,
      @UuidParam('applicationId') applicationId: string,
      @Body() dto: ReviewApplicationDto,
      @CurrentUser() user: Principal,
    ) {
      return this.applications.review(kind, id, applicationId, user, dto);
    }

    @Public() @Get(':id/seats')
    @ApiOperation({ summary: 'every seat, past and present, by category, slot and label; no personal data' })
    publicSeats(@UuidParam('id') id: string, @Query() q: PageQuery, @CurrentUser() user?: Principal) {
      return this.reads.publicSeats(kind, id, user, q);
    }

    @Post(':id/seats/:seatId/decline') @HttpCode(200)
    @ApiOperation({ summary: 'give up a seat (its holder or an organizer); the next alternate of the pool is offered it' })
    decline(@UuidParam('id') id: string, @UuidParam('seatId') seatId: string, @CurrentUser() user: Principal) {
      return this.seats.decline(kind, id, seatId, user);
    }

    @Post(':id/seats/:seatId/confirm') @HttpCode(200)
    @ApiOperation({ summary: 'confirm an offered seat before its deadline (the person offered it)' })
    confirm(@UuidParam('id') id: string, @UuidParam('seatId') seatId: string, @CurrentUser() user: Principal) {
      return this.seats.confirm(kind, id, seatId, user);
    }

    @Get(':id/roster')
    @ApiOperation({ summary: 'live seats with names and categories, and the unit’s organizers and clerks (staff of the unit)' })
    roster(@UuidParam('id') id: string, @CurrentUser() user: Principal) {
      return this.reads.roster(kind, id, user);
    }

    @Public() @Get(':id/events')
    @ApiOperation({ summary: 'the public log of every selection step (labels and categories only)' })
    events(@UuidParam('id') id: string, @Query() q: PageQuery, @CurrentUser() user?: Principal) {
      return this.reads.log(kind, id, user, q);
    }
  }
  Object.defineProperty(SelectionController, 'name', { value: `${kind[0].toUpperCase()}${kind.slice(1)}SelectionController` });
  return SelectionController;
}
