import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerGenerateKeyFunction, type ThrottlerGetTrackerFunction, type ThrottlerOptions } from '@nestjs/throttler';
import {
  THROTTLER_BLOCK_DURATION,
  THROTTLER_KEY_GENERATOR,
  THROTTLER_LIMIT,
  THROTTLER_SKIP,
  THROTTLER_TRACKER,
  THROTTLER_TTL,
} from '@nestjs/throttler/dist/throttler.constants';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/env';
import type { RedisThrottlerStorage, ThrottleCheck } from './redis-throttler.storage';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** One limit as it applies to one route: the throttler's settings under the route's @Throttle. */
interface RouteLimit {
  name: string;
  limit: number;
  ttl: number;
  blockDuration: number;
  /** This limit's item of the RateLimit-Policy field, e.g. `"ip";q=300;w=60`. */
  policy: string;
  skipIf: ((context: ExecutionContext) => boolean) | undefined;
  getTracker: ThrottlerGetTrackerFunction;
  generateKey: ThrottlerGenerateKeyFunction;
}

/**
 * Rate limits every write (reads are cheap and cached); per IP and per account, counted in Redis
 * so that all API instances share one budget. THROTTLE_LIMIT / THROTTLE_TTL_MS override every
 * limit at once (load tests, scripted imports). Routes set their own with @nestjs/throttler's
 * @Throttle and @SkipThrottle.
 *
 * The base guard's decisions, made cheaper for the one path every write takes: a route's limits
 * (numbers) are read from its decorators once, not a dozen reflector look-ups per request, and all of a
 * request's counters go to Redis in one script call instead of one call per limit.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private static config: AppConfig;
  private readonly routes = new WeakMap<object, RouteLimit[]>();

  static useConfig(config: AppConfig): void {
    RateLimitGuard.config = config;
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    if (READS.has(req.method)) return true;
    const limits: RouteLimit[] = [];
    const checks: ThrottleCheck[] = [];
    for (const l of this.limitsOf(context)) {
      if (l.skipIf?.(context)) continue;
      const key = l.generateKey(context, await l.getTracker(req, context), l.name);
      limits.push(l);
      checks.push({ name: l.name, limit: l.limit, ttl: l.ttl, blockDuration: l.blockDuration, key });
    }
    if (!checks.length) return true;
    const counts = await (this.storageService as RedisThrottlerStorage).incrementAll(checks);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const blocked = checks.findIndex((_, i) => counts[i].isBlocked);
    if (blocked >= 0) {
      const c = checks[blocked];
      const count = counts[blocked];
      reply.header('Retry-After', String(count.timeToBlockExpire));
      await this.throwThrottlingException(context, { ...count, limit: c.limit, ttl: c.ttl, key: c.key, tracker: '' });
    }
    // The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers): every limit of the route,
    // and where the request stands against the one closest to running out. Two headers, not six.
    const remaining = checks.map((c, i) => Math.max(0, c.limit - counts[i].totalHits));
    const closest = remaining.indexOf(Math.min(...remaining));
    reply.header('RateLimit-Policy', limits.map((l) => l.policy).join(', '));
    reply.header('RateLimit', `"${checks[closest].name}";r=${remaining[closest]};t=${counts[closest].timeToExpire}`);
    return true;
  }

  /**
   * The counter's key: the route and the tracker (an IP or an account id) as they are; the storage
   * puts the limit's name in front. The base guard hashes them with SHA-256 on every request, a
   * cost with nothing to protect here: the keys live in Redis for one window.
   */
  protected override generateKey(context: ExecutionContext, tracker: string): string {
    return `${context.getClass().name}.${context.getHandler().name}:${tracker}`;
  }

  /** The route's limits, from the throttlers and the route's (or its controller's) decorators. */
  private limitsOf(context: ExecutionContext): RouteLimit[] {
    const handler = context.getHandler();
    let limits = this.routes.get(handler);
    if (!limits) {
      const targets = [handler, context.getClass()];
      const meta = <T>(key: string, t: ThrottlerOptions) => this.reflector.getAllAndOverride<T | undefined>(key + t.name, targets);
      const cfg = RateLimitGuard.config;
      limits = this.throttlers
        .filter((t) => !meta<boolean>(THROTTLER_SKIP, t))
        .map((t) => {
          const ttl = cfg?.THROTTLE_TTL_MS ?? numeric(meta(THROTTLER_TTL, t) ?? t.ttl, 'ttl');
          const limit = cfg?.THROTTLE_LIMIT ?? numeric(meta(THROTTLER_LIMIT, t) ?? t.limit, 'limit');
          return {
            name: t.name!,
            limit,
            ttl,
            blockDuration: numeric(meta(THROTTLER_BLOCK_DURATION, t) ?? t.blockDuration ?? ttl, 'blockDuration'),
            policy: `"${t.name}";q=${limit};w=${Math.ceil(ttl / 1000)}`,
            skipIf: t.skipIf ?? this.commonOptions.skipIf,
            getTracker: meta<ThrottlerGetTrackerFunction>(THROTTLER_TRACKER, t) ?? t.getTracker ?? this.commonOptions.getTracker!,
            generateKey: meta<ThrottlerGenerateKeyFunction>(THROTTLER_KEY_GENERATOR, t) ?? t.generateKey ?? this.commonOptions.generateKey!,
          };
        });
      this.routes.set(handler, limits);
    }
    return limits;
  }
}

/** Limits are numbers here (read once per route); a limit computed per request would be read as NaN and pass everything. */
function numeric(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`rate limit ${what} must be a number, got ${typeof value}`);
  return value;
}
