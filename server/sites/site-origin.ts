import type { Context } from 'hono';
import type { Site } from '../db/store';
import { ApiFailure } from '../http/errors';
import { originAllowed } from '../http/origin';

/**
 * Public endpoints answer only the site's own pages: the Origin must be one of the site's
 * allowed origins, and the CORS header names exactly that origin (never `*`).
 */
export function allowSiteOrigin(c: Context, site: Site): void {
  const origin = c.req.header('origin');
  if (!originAllowed(origin, site.allowedOrigins)) {
    throw new ApiFailure(403, 'origin_not_allowed', 'This page is not allowed to use this site key', { origin: 'Origin not allowed for this site' });
  }
  c.header('Access-Control-Allow-Origin', origin!);
  c.header('Vary', 'Origin');
}
