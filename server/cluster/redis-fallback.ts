// Redis first, this process's own answer while Redis is away: the rule every limit the cluster
// shares (rate limits, bot pace) follows, kept in one place so they fail alike. An outage loosens
// a limit by the number of processes, never turns it off, and no request waits for Redis.
import type { Logger } from 'pino';
import type { RedisConnection } from './redis';

/** Asks Redis, or answers locally when Redis is not ready or fails; warns once per outage. */
export function redisOrLocal(redis: RedisConnection, log: Logger, what: string) {
  let failing = false;
  return async function ask<T>(viaRedis: () => Promise<T>, local: () => T): Promise<T> {
    if (!redis.client.isReady) return local();
    try {
      const answer = await viaRedis();
      failing = false;
      return answer;
    } catch (err) {
      if (!failing) log.warn({ err: (err as Error).message }, `${what} fall back to this process until Redis answers`);
      failing = true;
      return local();
    }
  };
}
