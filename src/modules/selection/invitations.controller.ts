import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { InvitationsService } from './invitations.service';

/** The links of invitation emails: the token is the credential; an account is optional. */
@ApiTags('invitations')
@Public()
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get(':token')
  @ApiOperation({ summary: 'what the invitation is about' })
  view(@Param('token') token: string) {
    return this.invitations.view(token);
  }

  @Post(':token/accept') @HttpCode(200)
  @ApiOperation({ summary: 'accept: takes a seat of the invited category (linked to your account when signed in)' })
  accept(@Param('token') token: string, @CurrentUser() user?: Principal) {
    return this.invitations.accept(token, user);
  }

  @Post(':token/decline') @HttpCode(200)
  @ApiOperation({ summary: 'decline, or give back the seat of an accepted invitation' })
  decline(@Param('token') token: string, @CurrentUser() user?: Principal) {
    return this.invitations.decline(token, user);
  }
}
