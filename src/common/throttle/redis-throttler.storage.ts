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

export class RedisThrottlerStorage implements ThrottlerStorage {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    const base = `${this.prefix}:throttle:${throttlerName}:${key}`;
    const [hits, pttl, blocked] = (await this.redis.eval(SCRIPT, 2, base, `${base}:block`, ttl, limit, blockDuration)) as number[];
    const isBlocked = blocked > 0 || hits > limit;
    return {
      totalHits: hits,
      timeToExpire: Math.ceil(Math.max(pttl, 0) / 1000),
      isBlocked,
      timeToBlockExpire: Math.ceil(Math.max(blocked > 0 ? blocked : pttl, 0) / 1000),
    };
  }
}
