import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';

/**
 * One structured line per request: method, path with its secrets taken out (see `redactPath`;
 * never the query string, which may carry personal data or a token), status and duration.
 * Bodies, phone numbers and emails are never logged. At `info` for JSON logs (the access log);
 * at `debug` on a terminal, where a line per request would push the sign-in banner away.
 */
export function requestLog(log: Logger, level: 'info' | 'debug' = 'info'): MiddlewareHandler {
  return async function requestLogMiddleware(c, next) {
    const start = performance.now();
    await next();
    log[level]({ method: c.req.method, path: redactPath(c.req.path), status: c.res.status, ms: Math.round((performance.now() - start) * 10) / 10 }, 'request');
  };
}

/** Segments after which a one-time link carries its token: `/console/invite/<token>`, `/v1/console/password-resets/<token>`. */
const BEFORE_TOKEN = new Set(['invite', 'invites', 'reset', 'password-resets']);
/**
 * A segment that may be a secret: 20 or more URL-safe characters (tokens are 43). Words of a
 * route are shorter; ids and site keys are not, and go too: a line keeps the route's shape.
 */
const SECRET_LIKE = /^[\w-]{20,}$/;

/** The path as the log may show it: a token and anything like one become `:redacted`. */
export function redactPath(path: string): string {
  const segments = path.split('/');
  const secret = (s: string, i: number) => s !== '' && ((i > 0 && BEFORE_TOKEN.has(segments[i - 1]!)) || SECRET_LIKE.test(s));
  return segments.map((s, i) => (secret(s, i) ? ':redacted' : s)).join('/');
}
