import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Principal, Role } from './principal';

interface TokenClaims {
  sub: string;
  roles: Role[];
  unit: string | null;
  name: string;
}

/** Signs and reads access tokens; shared by HTTP guards and socket handshakes. */
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  sign(p: Principal): string {
    const claims: TokenClaims = { sub: p.id, roles: p.roles, unit: p.unitId, name: p.displayName };
    return this.jwt.sign(claims);
  }

  /** Returns null for a missing, malformed, expired or forged token. */
  read(token: string | undefined | null): Principal | null {
    if (!token) return null;
    try {
      const c = this.jwt.verify<TokenClaims>(token);
      return { id: c.sub, roles: c.roles, unitId: c.unit, displayName: c.name };
    } catch {
      return null;
    }
  }
}
