import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../../common/auth/decorators';
import type { Principal } from '../../../common/auth/principal';
import { InboxQuery } from '../dto/notices.dto';
import { InboxService } from './inbox.service';
import { UuidParam } from './params';

@ApiTags('notices')
@ApiBearerAuth()
@Controller('me/notices')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({ summary: 'your notices (outcome of your comments, results, hearing news), newest first; `unread` counts the unread ones' })
  list(@Query() q: InboxQuery, @CurrentUser() user: Principal) {
    return this.inbox.list(user, q);
  }

  @Post('read-all') @HttpCode(200)
  @ApiOperation({ summary: 'marks every notice of yours read' })
  readAll(@CurrentUser() user: Principal) {
    return this.inbox.readAll(user);
  }

  @Post(':id/read') @HttpCode(200)
  @ApiOperation({ summary: 'marks one of your notices read (404 for anyone else’s)' })
  read(@UuidParam('id') id: string, @CurrentUser() user: Principal) {
    return this.inbox.read(user, id);
  }
}
