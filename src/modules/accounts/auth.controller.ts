import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { CurrentUser, Public } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { AccountsService } from './accounts.service';
import { LoginDto, PasswordResetConfirmDto, PasswordResetRequestDto, RegisterDto, TokenDto } from './dto/auth.dto';
import { PRIVACY_NOTICE } from './privacy-notice';

// Tighter than the default write limit: these are what credential-stuffing scripts hit.
const AUTH_LIMIT = { ip: { limit: 10, ttl: 60_000 }, account: { limit: 10, ttl: 60_000 } };

@ApiTags('accounts')
@Controller('auth')
export class AuthController {
  constructor(private readonly accounts: AccountsService) {}

  @Public() @Throttle(AUTH_LIMIT) @Post('register')
  register(@Body() dto: RegisterDto) {
    return this.accounts.register(dto);
  }

  @Public() @Throttle(AUTH_LIMIT) @Post('login') @HttpCode(200)
  login(@Body() dto: LoginDto) {
    return this.accounts.login(dto.email, dto.password);
  }

  @Public() @Post('verify-email') @HttpCode(204)
  verifyEmail(@Body() dto: TokenDto) {
    return this.accounts.verifyEmail(dto.token);
  }

  @ApiBearerAuth() @Post('resend-verification') @HttpCode(202)
  resend(@CurrentUser() user: Principal) {
    return this.accounts.resendVerification(user.id);
  }

  @Public() @Throttle(AUTH_LIMIT) @Post('password-reset/request') @HttpCode(202)
  requestReset(@Body() dto: PasswordResetRequestDto) {
    return this.accounts.requestPasswordReset(dto.email);
  }

  @Public() @Throttle(AUTH_LIMIT) @Post('password-reset/confirm') @HttpCode(204)
  confirmReset(@Body() dto: PasswordResetConfirmDto) {
    return this.accounts.resetPassword(dto);
  }
}

@ApiTags('accounts')
@Controller('privacy')
export class PrivacyController {
  @Public() @Get()
  notice() {
    return PRIVACY_NOTICE;
  }
}

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  me(@CurrentUser() user: Principal) {
    return this.accounts.me(user.id);
  }
}
