import { createHash } from 'node:crypto';
import type { RedisClient } from './redis';

/** A Lua script run by its SHA (one round trip), loaded on first use or after Redis restarts. */
export function luaScript(source: string) {
  const sha = createHash('sha1').update(source).digest('hex');
  return async function run(client: RedisClient, keys: string[], args: Array<string | number>): Promise<unknown> {
    const options = { keys, arguments: args.map(String) };
    try {
      return await client.evalSha(sha, options);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return client.eval(source, options);
    }
  };
}

/** Rejects after `ms`, so a hung Redis cannot hold a request. */
export function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
