import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * The client's address as rate limits see it. Behind a reverse proxy (`SIXTY_TRUST_PROXY=1`)
 * it is the first address in X-Forwarded-For, which the proxy sets; otherwise the socket's
 * peer, because a client can put anything in that header.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
