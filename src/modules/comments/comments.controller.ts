import { Body, Controller, Get, Headers, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { CommentsReadService } from './comments-read.service';
import { CreateCommentDto, OfflineCommentDto } from './dto/comment.dto';
import { ListCommentsQuery, ProofQuery } from './dto/comment-query.dto';
import { CommentIntakeService } from './intake/comment-intake.service';
import { idempotencyKey } from './intake/intake-rules';
import { CommentLogService } from './log/comment-log.service';
import { UuidParam } from './uuid-param';

const IDEMPOTENCY = { name: 'Idempotency-Key', required: false, description: 'same key and body: the stored answer again, nothing stored; another body: 409' };

@ApiTags('comments')
@ApiBearerAuth()
@Controller()
export class CommentsController {
  constructor(
    private readonly intake: CommentIntakeService,
    private readonly reads: CommentsReadService,
    private readonly log: CommentLogService,
  ) {}

  @Post('drafts/:id/comments')
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'comment on a unit (or a quoted span, or a plan) while the window is open; 201 with the log receipt' })
  submit(@UuidParam('id') id: string, @Body() dto: CreateCommentDto, @Headers('idempotency-key') key: string | undefined, @CurrentUser() user: Principal) {
    return this.intake.submitWeb(user, id, dto, idempotencyKey(key));
  }

  @Roles('organizer', 'admin') @Post('drafts/:id/comments/offline')
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'record a comment received by email, letter, fax, symposium or phone (R5); accepted after the close when received in time' })
  submitOffline(@UuidParam('id') id: string, @Body() dto: OfflineCommentDto, @Headers('idempotency-key') key: string | undefined, @CurrentUser() user: Principal) {
    return this.intake.submitOffline(user, id, dto, idempotencyKey(key));
  }

  @Public() @Get('drafts/:id/comments')
  @ApiOperation({ summary: 'comments in log order: public (masked, R19; hidden text withheld, R7) or, with full=true, the unit staff’s originals' })
  list(@UuidParam('id') id: string, @Query() query: ListCommentsQuery, @CurrentUser() user?: Principal) {
    return this.reads.list(id, query, user);
  }

  @Public() @Get('drafts/:id/log')
  @ApiOperation({ summary: 'the head of the draft’s comment log: {treeSize, rootHash} (RFC 6962)' })
  head(@UuidParam('id') id: string, @CurrentUser() user?: Principal) {
    return this.log.head(id, user);
  }

  @Public() @Get('comments/:id/proof')
  @ApiOperation({ summary: 'inclusion proof of a comment (?treeSize= for an earlier tree); the logged JSON only for its author and unit staff' })
  proof(@UuidParam('id') id: string, @Query() query: ProofQuery, @CurrentUser() user?: Principal) {
    return this.log.proof(id, user, query.treeSize);
  }
}
