import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { MemoryRateLimiter, verdict, type RateHit, type RateLimiter } from '../http/rate-limit';
import type { RedisConnection } from './redis';
import { luaScript, withDeadline } from './lua-script';
import { redisOrLocal } from './redis-fallback';

/** A request never waits longer than this on Redis for its rate limit. */
const DEADLINE_MS = 500;

/**
 * The memory limiter's fixed window, atomically, in one round trip: a window opens at a key's
 * first hit (the caller's `now`, so every process and a test's fake clock agree) and Redis
 * forgets it when it ends. Returns the count so far and when the window opened.
 */
const HIT = luaScript(`
local now = tonumber(ARGV[1])
local start = tonumber(redis.call('HGET', KEYS[1], 'start'))
if not start or now - start >= tonumber(ARGV[2]) then
  start = now
  redis.call('HSET', KEYS[1], 'start', ARGV[1], 'count', 0)
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return { redis.call('HINCRBY', KEYS[1], 'count', 1), start }
`);

/** The count and start of a key's window, for a peek (nothing when no window is open). */
const PEEK = luaScript(`
return { tonumber(redis.call('HGET', KEYS[1], 'count')) or 0, tonumber(redis.call('HGET', KEYS[1], 'start')) or 0, redis.call('PTTL', KEYS[1]) }
`);

/** Every process of a cluster counts against one budget; its own counters while Redis is away (redis-fallback.ts). */
export class RedisRateLimiter implements RateLimiter {
  private readonly fallback = new MemoryRateLimiter();
  private readonly ask: ReturnType<typeof redisOrLocal>;

  constructor(
    private readonly redis: RedisConnection,
    log: Logger,
  ) {
    this.ask = redisOrLocal(redis, log, 'rate limits');
  }

  async hit(key: string, limit: number, windowMs: number, now: number): Promise<RateHit> {
    return this.ask(
      async () => {
        const [count, start] = (await withDeadline(HIT(this.redis.client, [this.keyOf(key)], [now, windowMs]), DEADLINE_MS)) as [number, number];
        return verdict(count, limit, start + windowMs, now);
      },
      () => this.fallback.hitNow(key, limit, windowMs, now),
    );
  }

  async peek(key: string, limit: number, now: number): Promise<RateHit> {
    return this.ask(
      async () => {
        const [count, , ttl] = (await withDeadline(PEEK(this.redis.client, [this.keyOf(key)], []), DEADLINE_MS)) as [number, number, number];
        // The window ends when Redis forgets the key.
        return count === 0 || ttl <= 0 ? { ok: true as const } : verdict(count + 1, limit, now + ttl, now);
      },
      () => this.fallback.peekNow(key, limit, now),
    );
  }

  // Keys carry client addresses and email addresses: hashed, Redis holds neither, and a
  // key's length is bounded whatever a client sends.
  private keyOf(key: string): string {
    return `${this.redis.prefix}:rl:${createHash('sha256').update(key).digest('base64url').slice(0, 27)}`;
  }
}
