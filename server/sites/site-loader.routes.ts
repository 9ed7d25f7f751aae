// `GET /s/KEY.js`: the per-site loader, the snippet the console shows. The loader's template
// (dist/widget/site-loader.js, from widget/loader/site.ts) with the site's key and config written
// into it, so a page gets the launcher in the site's look from one request: no config request
// after the script, no config-fetching code. Cached briefly with an ETag made of the body, so
// any change to the site's settings (or a new build) is a new ETag and a 304 costs no bytes.
// A script request carries no Origin: the page's origin is read from its Referer, and a page
// outside the site's allowed origins gets the loader without the config, as the generic loader's
// config request is refused there (the launcher in the default look, nothing tracked). A page that
// sends no Referer (`Referrer-Policy: no-referrer`) cannot be told apart and gets the config; every
// request the widget then makes (events, callbacks) is checked against the allowed origins anyway.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { ApiFailure } from '../http/errors';
import { originAllowed } from '../http/origin';
import { negotiated, type Compressed } from '../static/compress';
import { configRateLimit, siteConfig } from './sites.routes';

/** The name the template leaves for the server to write the site in (widget/loader/site.ts). */
const PLACEHOLDER = 'SIXTY_SITE';

/** Compressed bodies kept per ETag, up to this many (then dropped all at once, rebuilt on demand). */
const MAX_CACHED = 500;

/** JSON as a JavaScript expression that also survives being pasted inside a `<script>` element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/[<\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The origin of a Referer; null when it is no URL. */
function pageOrigin(referer: string): string | null {
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}

export function siteLoaderRoutes(deps: AppDeps) {
  const app = new Hono();
  let template: Promise<[string, string] | null> | undefined;
  const compressed: Compressed = new Map();

  /** The template split around its placeholder; null when not built (or built wrong). */
  const parts = () =>
    (template ??= readFile(join(deps.config.distDir, 'widget', 'site-loader.js'), 'utf8').then(
      (code) => {
        const split = code.split(PLACEHOLDER);
        return split.length === 2 ? [split[0]!, split[1]!] : null;
      },
      () => null,
    ));

  app.use('*', configRateLimit(deps));
  app.get('/:file{[A-Za-z0-9_-]+\\.js}', async (c) => {
    const key = c.req.param('file').slice(0, -'.js'.length);
    const site = await deps.sites.byKeyOrNull(key);
    if (!site) throw new ApiFailure(404, 'unknown_site', 'Unknown site key', { siteKey: 'Unknown site key' });
    const code = await parts();
    if (!code) return c.json({ error: { code: 'not_built', message: 'Widget not built: run npm run build' } }, 404);
    const referer = c.req.header('referer');
    const config = referer && !originAllowed(pageOrigin(referer), site.allowedOrigins) ? null : await siteConfig(deps, site);
    const raw = Buffer.from(code[0] + scriptJson({ key, config }) + code[1]);
    const etag = `"${createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"`;
    c.header('ETag', etag);
    // As short as the config's: a published change reaches visitors' pages within seconds.
    c.header('Cache-Control', 'public, max-age=5');
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('Vary', 'Accept-Encoding, Referer');
    const known = (c.req.header('if-none-match') ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    if (known.includes(etag)) return c.body(null, 304);
    if (compressed.size >= MAX_CACHED) compressed.clear();
    const body = negotiated(c, compressed, etag, raw);
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(new Uint8Array(body));
  });
  return app;
}
