import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { InvalidInput } from '../../common/errors/domain-error';
import { DraftReviewService } from './draft-review.service';
import { DraftVersionsService } from './draft-versions.service';
import { DraftWindowScheduler } from './draft-window.scheduler';
import { DraftsService } from './drafts.service';
import { CreateDraftDto, UpdateDraftDto } from './dto/draft-content.dto';
import { DiffQuery, ListDraftsQuery, ReviewQueueQuery, VersionQuery } from './dto/draft-query.dto';
import { ApproveDraftDto, DecideDraftDto, DraftResultsDto, ReturnDraftDto, SubmitDraftDto } from './dto/draft-steps.dto';
import { StartVersionDto } from './dto/draft-version.dto';

const DraftId = () => Param('id', new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput('request.bad_uuid', 'id must be a UUID', { field: 'id' }) }));

@ApiTags('drafts')
@ApiBearerAuth()
@Controller('drafts')
export class DraftsController {
  constructor(
    private readonly drafts: DraftsService,
    private readonly review: DraftReviewService,
    private readonly versions: DraftVersionsService,
    private readonly windows: DraftWindowScheduler,
  ) {}

  // Fixed paths come before /:id so that they are not read as an id.

  @Public() @Get()
  @ApiOperation({ summary: 'public drafts, newest publication first; ?mine=true lists your unit’s drafts in every status (staff)' })
  list(@Query() query: ListDraftsQuery, @CurrentUser() user?: Principal) {
    return this.drafts.list(query, user);
  }

  @Roles('reviewer', 'admin') @Get('review-queue')
  @ApiOperation({ summary: 'drafts of your unit waiting for a review level you may approve (R4)' })
  reviewQueue(@Query() query: ReviewQueueQuery, @CurrentUser() user: Principal) {
    return this.drafts.reviewQueue(user, query);
  }

  @Roles('admin') @Post('reconcile') @HttpCode(200)
  @ApiOperation({ summary: 'open and close every comment window that is due now (runs by itself every DRAFT_RECONCILE_MS)' })
  reconcile() {
    return this.windows.reconcileNow();
  }

  @Roles('organizer', 'admin') @Post()
  @ApiOperation({ summary: 'save a new draft; it may be incomplete (R1 is checked at submit and publish)' })
  create(@Body() dto: CreateDraftDto, @CurrentUser() user: Principal) {
    return this.drafts.create(user, dto);
  }

  @Public() @Get(':id')
  @ApiOperation({ summary: 'a draft with its units and alternatives; public from `open` on, always for its unit’s staff' })
  get(@DraftId() id: string, @Query() query: VersionQuery, @CurrentUser() user?: Principal) {
    return this.drafts.get(id, user, query.version);
  }

  @Roles('organizer', 'admin') @Patch(':id')
  update(@DraftId() id: string, @Body() dto: UpdateDraftDto, @CurrentUser() user: Principal) {
    return this.drafts.update(user, id, dto);
  }

  @Roles('organizer', 'admin') @Post(':id/submit') @HttpCode(200)
  @ApiOperation({ summary: 'submit for review with the drafter’s declaration (422 R1, R4)' })
  submit(@DraftId() id: string, @Body() dto: SubmitDraftDto, @CurrentUser() user: Principal) {
    return this.review.submit(user, id, dto);
  }

  @Roles('reviewer', 'admin') @Post(':id/approve') @HttpCode(200)
  @ApiOperation({ summary: 'approve one level of the unit’s review chain (422 R4 for your own draft)' })
  approve(@DraftId() id: string, @Body() dto: ApproveDraftDto, @CurrentUser() user: Principal) {
    return this.review.approve(user, id, dto);
  }

  @Roles('reviewer', 'admin') @Post(':id/return') @HttpCode(200)
  return(@DraftId() id: string, @Body() dto: ReturnDraftDto, @CurrentUser() user: Principal) {
    return this.review.return(user, id, dto);
  }

  @Roles('organizer', 'admin') @Post(':id/publish') @HttpCode(200)
  @ApiOperation({ summary: 'publish an approved draft (422 R1, R2); `scheduled` until the window opens' })
  publish(@DraftId() id: string, @CurrentUser() user: Principal) {
    return this.review.publish(user, id);
  }

  @Roles('organizer', 'admin') @Post(':id/decide') @HttpCode(200)
  @ApiOperation({ summary: 'record the decision (422 R9 until the adoption report is published)' })
  decide(@DraftId() id: string, @Body() dto: DecideDraftDto, @CurrentUser() user: Principal) {
    return this.review.decide(user, id, dto);
  }

  @Roles('organizer', 'admin') @Post(':id/results') @HttpCode(200)
  @ApiOperation({ summary: 'publish results and execution (R20); again later to add an execution update' })
  results(@DraftId() id: string, @Body() dto: DraftResultsDto, @CurrentUser() user: Principal) {
    return this.review.results(user, id, dto);
  }

  @Public() @Get(':id/history')
  history(@DraftId() id: string, @CurrentUser() user?: Principal) {
    return this.drafts.history(id, user);
  }

  @Roles('organizer', 'admin') @Post(':id/versions')
  @ApiOperation({ summary: 'start a revised version after the comment window (reviewed again)' })
  startVersion(@DraftId() id: string, @Body() dto: StartVersionDto, @CurrentUser() user: Principal) {
    return this.versions.start(user, id, dto);
  }

  @Public() @Get(':id/versions')
  listVersions(@DraftId() id: string, @CurrentUser() user?: Principal) {
    return this.versions.list(id, user);
  }

  @Public() @Get(':id/diff')
  diff(@DraftId() id: string, @Query() query: DiffQuery, @CurrentUser() user?: Principal) {
    return this.versions.diff(id, query.from, query.to, user);
  }
}
