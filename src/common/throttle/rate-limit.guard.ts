import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerRequest } from '@nestjs/throttler';
import {
  THROTTLER_BLOCK_DURATION,
  THROTTLER_KEY_GENERATOR,
  THROTTLER_LIMIT,
  THROTTLER_SKIP,
  THROTTLER_TRACKER,
  THROTTLER_TTL,
} from '@nestjs/throttler/dist/throttler.constants';
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

  /**
   * Every limit of the request is counted at once: the counters go to Redis in one pipelined
   * write and come back in one read, instead of one round trip per limit, one after the other
   * (the base guard's order), on every write request. A request over any limit is refused.
   */
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (await this.shouldSkip(context)) return true;
    const targets = [context.getHandler(), context.getClass()];
    const meta = <T>(key: string, name = 'default') => this.reflector.getAllAndOverride<T | undefined>(key + name, targets);
    const checks = this.throttlers
      .filter((t) => !meta<boolean>(THROTTLER_SKIP, t.name) && !(t.skipIf ?? this.commonOptions.skipIf)?.(context))
      .map(async (throttler) => {
        // A limit is a number or a function of the request (Resolvable), on the route or the throttler.
        const number = async (key: string, fallback: unknown) => {
          const value: unknown = meta(key, throttler.name) ?? fallback;
          return Number(typeof value === 'function' ? await value(context) : value);
        };
        const limit = await number(THROTTLER_LIMIT, throttler.limit);
        const ttl = await number(THROTTLER_TTL, throttler.ttl);
        const blockDuration = await number(THROTTLER_BLOCK_DURATION, throttler.blockDuration ?? ttl);
        return this.handleRequest({
          context,
          limit,
          ttl,
          blockDuration,
          throttler,
          getTracker: meta(THROTTLER_TRACKER, throttler.name) ?? throttler.getTracker ?? this.commonOptions.getTracker,
          generateKey: meta(THROTTLER_KEY_GENERATOR, throttler.name) ?? throttler.generateKey ?? this.commonOptions.generateKey,
        } as ThrottlerRequest);
      });
    return (await Promise.all(checks)).every(Boolean);
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
