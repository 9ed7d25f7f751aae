import type { Context, MiddlewareHandler } from 'hono';
import type { Site } from '../db/store';
import { ApiFailure } from '../http/errors';
import { originAllowed } from '../http/origin';

/**
 * The origin a public request comes from. Browsers omit `Origin` on same-origin GETs (the
 * `/demo` page reading its own server's config), so a missing header means our own origin;
 * a client outside a browser can send any header it likes, so this grants nothing extra.
 */
export function requestOrigin(c: Context): string {
  return c.req.header('origin') ?? new URL(c.req.url).origin;
}

/** Public endpoints answer only the site's own pages: the Origin must be an allowed one. */
export function allowSiteOrigin(c: Context, site: Site): void {
  if (!originAllowed(requestOrigin(c), site.allowedOrigins)) {
    throw new ApiFailure(403, 'origin_not_allowed', 'This page is not allowed to use this site key', { origin: 'Origin not allowed for this site' });
  }
}

/**
 * CORS for the public endpoints, on every response including errors, so the widget can read
 * the real message (a 400's field errors, a 413, a 403) instead of seeing a network failure.
 * Requests carry no credentials, so echoing the Origin exposes nothing but the error text;
 * whether the request is served at all is decided by `allowSiteOrigin`.
 */
export function publicCors(): MiddlewareHandler {
  return async function publicCorsMiddleware(c, next) {
    await next();
    const origin = c.req.header('origin');
    if (origin) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.append('Vary', 'Origin');
    }
  };
}
