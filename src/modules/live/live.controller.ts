import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { InvalidInput } from '../../common/errors/domain-error';
import { textDocument } from '../../common/http/text-document';
import { TranscriptQuery } from './dto/live-http.dto';
import { HearingFactsReader } from './hearing-facts';
import { RosterService } from './roster.service';
import { SealService } from './seal.service';
import { LiveSessionService } from './session.service';
import { TranscriptService } from './transcript.service';

export const IdParam = (name = 'id') => Param(name, new ParseUUIDPipe({ exceptionFactory: () => new InvalidInput('request.bad_uuid', `${name} must be a UUID`, { field: name }) }));

/** The live hearing over HTTP: its state, the transcript, the seal and the clerk's speaker picker. */
@ApiTags('live hearings')
@ApiBearerAuth()
@Controller('hearings')
export class LiveController {
  constructor(
    private readonly sessions: LiveSessionService,
    private readonly transcripts: TranscriptService,
    private readonly seals: SealService,
    private readonly facts: HearingFactsReader,
    private readonly roster: RosterService,
  ) {}

  @Roles('clerk', 'organizer', 'admin') @Post(':id/start') @HttpCode(200)
  @ApiOperation({ summary: 'open the hearing (or resume after a pause); 422 R14 if it was never announced; broadcasts hearing:state' })
  start(@IdParam() id: string, @CurrentUser() user: Principal) {
    return this.sessions.start(user, id);
  }

  @Roles('clerk', 'organizer', 'admin') @Post(':id/pause') @HttpCode(200)
  @ApiOperation({ summary: 'pause a live hearing (no new segments until it resumes)' })
  pause(@IdParam() id: string, @CurrentUser() user: Principal) {
    return this.sessions.pause(user, id);
  }

  @Roles('clerk', 'organizer', 'admin') @Post(':id/end') @HttpCode(200)
  @ApiOperation({ summary: 'end the hearing; representatives then confirm within 5 working days (R14, R18)' })
  end(@IdParam() id: string, @CurrentUser() user: Principal) {
    return this.sessions.end(user, id);
  }

  @Public() @Get(':id/live')
  @ApiOperation({ summary: 'state (scheduled, live, paused, ended), last seq, chain head, confirmation deadline, seal hash' })
  live(@IdParam() id: string, @CurrentUser() user?: Principal) {
    return this.sessions.view(id, user);
  }

  @Public() @Get(':id/transcript')
  @ApiOperation({
    summary:
      'segments in seq order (current revisions) with hashes; ?mine=true a representative’s own segments with their confirmation; ' +
      '?history=true every revision; ?format=html|text the sealed transcript as a print-ready document',
  })
  async transcript(@IdParam() id: string, @Query() q: TranscriptQuery, @CurrentUser() user?: Principal) {
    if (q.format === 'html' || q.format === 'text') {
      const doc = await this.seals.export(id, q.format, user);
      return textDocument(doc.body, doc.contentType);
    }
    return this.transcripts.read(id, q, user);
  }

  @Public() @Get(':id/transcript/seal')
  @ApiOperation({ summary: 'the seal record and its hash (docs/transcript-seal.md tells how to verify it)' })
  sealRecord(@IdParam() id: string, @CurrentUser() user?: Principal) {
    return this.seals.sealOf(id, user);
  }

  @Roles('clerk', 'organizer', 'admin') @Post(':id/seal') @HttpCode(200)
  @ApiOperation({ summary: 'seal the transcript: 422 R14 until every representative has confirmed or the deadline has passed' })
  seal(@IdParam() id: string, @CurrentUser() user: Principal) {
    return this.seals.seal(user, id);
  }

  @Roles('clerk', 'organizer', 'admin') @Get(':id/roster/live')
  @ApiOperation({ summary: 'the clerk console’s speaker picker: representatives (seats) and the unit’s organizers and clerks' })
  async liveRoster(@IdParam() id: string, @CurrentUser() user: Principal) {
    const facts = await this.facts.visible(id, user);
    this.facts.requireRecorder(facts, user);
    return this.roster.liveRoster(facts);
  }
}
