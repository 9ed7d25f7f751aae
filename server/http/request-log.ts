import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';

/**
 * One structured line per request: method, path (never the query string, which may carry
 * personal data), status and duration. Bodies, phone numbers and emails are never logged.
 */
export function requestLog(log: Logger): MiddlewareHandler {
  return async function requestLogMiddleware(c, next) {
    const start = performance.now();
    await next();
    log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round((performance.now() - start) * 10) / 10 }, 'request');
  };
}
