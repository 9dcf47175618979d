import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';

// Fixed window counter plus an optional block, atomically in one round trip, shared by every API instance.
const SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blocked = redis.call('PTTL', KEYS[2])
if blocked <= 0 and hits > tonumber(ARGV[2]) and tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blocked = tonumber(ARGV[3])
end
return {hits, ttl, blocked}`;

type ThrottleClient = Redis & {
  consultThrottle(key: string, blockKey: string, ttl: number, limit: number, block: number): Promise<number[]>;
};

export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly redis: ThrottleClient;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    // A defined command is sent as EVALSHA (the script's 40-byte hash, not its text) and falls back
    // to EVAL by itself after a Redis restart has flushed the script cache.
    if (!('consultThrottle' in redis)) redis.defineCommand('consultThrottle', { numberOfKeys: 2, lua: SCRIPT });
    this.redis = redis as ThrottleClient;
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    const base = `${this.prefix}:throttle:${throttlerName}:${key}`;
    const [hits, pttl, blocked] = await this.redis.consultThrottle(base, `${base}:block`, ttl, limit, blockDuration);
    const isBlocked = blocked > 0 || hits > limit;
    return {
      totalHits: hits,
      timeToExpire: Math.ceil(Math.max(pttl, 0) / 1000),
      isBlocked,
      timeToBlockExpire: Math.ceil(Math.max(blocked > 0 ? blocked : pttl, 0) / 1000),
    };
  }
}
