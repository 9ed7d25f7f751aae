import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * The client's address as rate limits see it. Behind `trustedProxies` reverse proxies
 * (`SIXTY_TRUST_PROXY=<n>`) it comes from X-Forwarded-For (see `forwardedClient`); with none
 * (0) it is the socket's peer, because a client can put anything in that header.
 */
export function clientIp(c: Context, trustedProxies: number): string {
  const forwarded = trustedProxies > 0 ? forwardedClient(c.req.header('x-forwarded-for'), trustedProxies) : null;
  if (forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Each proxy appends the address it was reached from, so the client is the entry `trustedProxies`
 * places from the right; everything left of it came from the client and may be forged. Fewer
 * entries than that means the request skipped a proxy, and the header proves nothing: null, so
 * the socket's peer counts instead. (A proxy that replaces the header rather than appending to
 * it leaves one entry, the client, which is the rightmost as well.)
 */
export function forwardedClient(header: string | undefined, trustedProxies: number): string | null {
  const chain = (header ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return chain.length >= trustedProxies ? chain[chain.length - trustedProxies]! : null;
}
