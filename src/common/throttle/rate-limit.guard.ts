import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerRequest } from '@nestjs/throttler';
import { AppConfig } from '../../config/env';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Rate limits every write (reads are cheap and cached); per IP and per account, counted in Redis
 * so that all API instances share one budget. THROTTLE_LIMIT / THROTTLE_TTL_MS override every
 * limit at once (load tests, scripted imports).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private static config: AppConfig;

  static useConfig(config: AppConfig): void {
    RateLimitGuard.config = config;
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<{ method: string }>();
    return READS.has(req.method) || super.shouldSkip(context);
  }

  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const cfg = RateLimitGuard.config;
    if (cfg?.THROTTLE_LIMIT) props.limit = cfg.THROTTLE_LIMIT;
    if (cfg?.THROTTLE_TTL_MS) props.ttl = cfg.THROTTLE_TTL_MS;
    return super.handleRequest(props);
  }
}
