import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type Redis from 'ioredis';

// Per limit: a fixed window counter plus an optional block, all of a request's limits atomically in
// one round trip, shared by every API instance. KEYS: counter, block key (per limit); ARGV: ttl,
// limit, block duration (per limit). Returns hits, the counter's ttl and the block's, per limit.
const SCRIPT = `
local out = {}
for i = 1, #KEYS / 2 do
  local key, blockKey = KEYS[2 * i - 1], KEYS[2 * i]
  local limit, block = tonumber(ARGV[3 * i - 1]), tonumber(ARGV[3 * i])
  local hits = redis.call('INCR', key)
  if hits == 1 then redis.call('PEXPIRE', key, ARGV[3 * i - 2]) end
  local ttl = redis.call('PTTL', key)
  local blocked = redis.call('PTTL', blockKey)
  if blocked <= 0 and hits > limit and block > 0 then
    redis.call('SET', blockKey, '1', 'PX', block)
    blocked = block
  end
  out[#out + 1] = hits
  out[#out + 1] = ttl
  out[#out + 1] = blocked
end
return out`;

type ThrottleClient = Redis & {
  consultThrottles(numberOfKeys: number, ...keysThenArgs: Array<string | number>): Promise<number[]>;
};

/** One limit to count a request against. */
export interface ThrottleCheck {
  name: string;
  key: string;
  limit: number;
  ttl: number;
  blockDuration: number;
}

export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly redis: ThrottleClient;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    // A defined command is sent as EVALSHA (the script's 40-byte hash, not its text) and falls back
    // to EVAL by itself after a Redis restart has flushed the script cache.
    if (!('consultThrottles' in redis)) redis.defineCommand('consultThrottles', { lua: SCRIPT });
    this.redis = redis as ThrottleClient;
  }

  /** Counts the request against every limit at once; the records in the same order. */
  async incrementAll(checks: readonly ThrottleCheck[]): Promise<ThrottlerStorageRecord[]> {
    const keys: string[] = [];
    const args: number[] = [];
    for (const c of checks) {
      const base = `${this.prefix}:throttle:${c.name}:${c.key}`;
      keys.push(base, `${base}:block`);
      args.push(c.ttl, c.limit, c.blockDuration);
    }
    const out = await this.redis.consultThrottles(keys.length, ...keys, ...args);
    return checks.map((c, i) => {
      const [hits, pttl, blocked] = out.slice(3 * i, 3 * i + 3);
      return {
        totalHits: hits,
        timeToExpire: Math.ceil(Math.max(pttl, 0) / 1000),
        isBlocked: blocked > 0 || hits > c.limit,
        timeToBlockExpire: Math.ceil(Math.max(blocked > 0 ? blocked : pttl, 0) / 1000),
      };
    });
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const [record] = await this.incrementAll([{ name: throttlerName, key, limit, ttl, blockDuration }]);
    return record;
  }
}
