import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public } from '../../../common/auth/decorators';
import type { Principal } from '../../../common/auth/principal';
import { HTML, textDocument } from '../../../common/http/text-document';
import { LettersMailedDto, LettersQuery, RunPageQuery, RunQuery } from '../dto/notices.dto';
import { DraftNoticesService } from './draft-notices.service';
import { InboxService } from './inbox.service';
import { UuidParam } from './params';

@ApiTags('notices')
@ApiBearerAuth()
@Controller('drafts/:id')
export class DraftNoticesController {
  constructor(
    private readonly notices: DraftNoticesService,
    private readonly inbox: InboxService,
  ) {}

  @Get('notices')
  @ApiOperation({ summary: 'progress of the latest notice run, counting participants (unit staff); live as `notices:progress` on socket namespace /notices' })
  progress(@UuidParam('id') id: string, @Query() q: RunQuery, @CurrentUser() user: Principal) {
    return this.notices.progress(user, id, q.kind);
  }

  @Get('notices/runs')
  @ApiOperation({ summary: 'every notice run of the draft with its progress (unit staff)' })
  runs(@UuidParam('id') id: string, @CurrentUser() user: Principal) {
    return this.notices.runs(user, id);
  }

  @Get('notices/failures')
  @ApiOperation({ summary: 'notices that could not be delivered, with the error (unit staff)' })
  failures(@UuidParam('id') id: string, @Query() q: RunPageQuery, @CurrentUser() user: Principal) {
    return this.notices.failures(user, id, q);
  }

  @Post('notices/retry') @HttpCode(200)
  @ApiOperation({ summary: 'queues every failed notice of the draft again (unit organizer)' })
  retry(@UuidParam('id') id: string, @CurrentUser() user: Principal) {
    return this.notices.retry(user, id);
  }

  @Public() @Get('notices/letters')
  @ApiOperation({ summary: 'letters for participants with only a postal address; ?format=html prints them (unit staff); masked for anyone else (R19)' })
  async letters(@UuidParam('id') id: string, @Query() q: LettersQuery, @CurrentUser() user?: Principal) {
    const result = await this.notices.letters(user, id, q);
    return 'html' in result ? textDocument(result.html, HTML) : result;
  }

  @Post('notices/letters/mailed') @HttpCode(200)
  @ApiOperation({ summary: 'records letters as posted (unit organizer); default every pending letter' })
  lettersMailed(@UuidParam('id') id: string, @Body() dto: LettersMailedDto, @CurrentUser() user: Principal) {
    return this.notices.lettersMailed(user, id, dto.ids);
  }

  @Public() @Get('notices/unreachable')
  @ApiOperation({ summary: 'participants nobody can reach, told through the public report (R10); masked unless unit staff (R19)' })
  unreachable(@UuidParam('id') id: string, @Query() q: RunPageQuery, @CurrentUser() user?: Principal) {
    return this.notices.unreachable(user, id, q);
  }

  @Get('follow')
  @ApiOperation({ summary: 'whether you follow the draft for its results (R20); participants follow automatically' })
  followState(@UuidParam('id') id: string, @CurrentUser() user: Principal) {
    return this.inbox.followState(user, id);
  }

  @Post('follow') @HttpCode(200)
  @ApiOperation({ summary: 'follow the draft: you are told when results and execution updates are published (R20)' })
  follow(@UuidParam('id') id: string, @CurrentUser() user: Principal) {
    return this.inbox.setFollowing(user, id, true);
  }

  @Delete('follow') @HttpCode(200)
  @ApiOperation({ summary: 'stop following the draft (also for participants, who follow automatically)' })
  unfollow(@UuidParam('id') id: string, @CurrentUser() user: Principal) {
    return this.inbox.setFollowing(user, id, false);
  }
}
