import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Forbidden, Unauthorized } from '../errors/domain-error';
import { IS_PUBLIC, ROLES_KEY } from './decorators';
import { hasRole, Principal, Role } from './principal';
import { TokenService } from './token.service';

/** Global guard: every HTTP route needs a valid token unless marked @Public; @Roles narrows further. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true; // sockets authorise in their gateway
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: Principal }>();
    const header = req.headers['authorization'];
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const user = this.tokens.read(bearer);
    if (bearer && !user) throw new Unauthorized('auth.token_invalid', 'invalid or expired access token');
    if (user) req.user = user;

    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (!user) throw new Unauthorized('auth.sign_in_required', 'sign in required: send Authorization: Bearer <token>');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles?.length && !hasRole(user, ...roles)) throw new Forbidden('auth.role_required', `requires role: ${roles.join(' or ')}`, { roles });
    return true;
  }
}
