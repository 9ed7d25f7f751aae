import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { negotiated, type Compressed } from './compress';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
};

/** Security headers for console pages: no framing, no sniffing, scripts only from us; the
 * installed app's manifest and service worker (/console/sw.js) only from us too. */
const CONSOLE_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss:; worker-src 'self'; manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/** Serves the built widget files at the site root and the console app under /console. */
export function assetRoutes(deps: AppDeps) {
  const dist = deps.config.distDir;
  const app = new Hono();
  const cache = new Map<string, Buffer>();
  const compressed: Compressed = new Map();

  async function file(path: string): Promise<Buffer | null> {
    const hit = cache.get(path);
    if (hit) return hit;
    try {
      const buf = await readFile(path);
      // Built assets do not change while the server runs; keep them in memory.
      cache.set(path, buf);
      return buf;
    } catch {
      return null;
    }
  }

  function type(path: string): string {
    return TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
  }

  // The widget files: sixty.js (loader) and the lazily loaded bundles next to it.
  app.get('/:name{sixty(-[a-z]+)?\\.js}', async (c) => {
    const path = join(dist, 'widget', c.req.param('name'));
    const raw = await file(path);
    if (!raw) return c.json({ error: { code: 'not_built', message: 'Widget not built: run npm run build' } }, 404);
    const body = negotiated(c, compressed, path, raw);
    c.header('Vary', 'Accept-Encoding');
    c.header('Content-Type', TYPES['.js']!);
    // Short cache so a new version reaches sites quickly; CORS so the loader can be fetched anywhere.
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    return c.body(new Uint8Array(body));
  });

  // The console's icon at the site root too, where browsers look for it on any page (/demo).
  app.get('/:name{favicon\\.(ico|svg)}', async (c) => {
    const name = c.req.param('name');
    const body = await file(join(dist, 'console', name));
    if (!body) return c.json({ error: { code: 'not_built', message: 'Console not built: run npm run build' } }, 404);
    c.header('Content-Type', type(name));
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(new Uint8Array(body));
  });

  app.get('/console', (c) => c.redirect('/console/', 302));
  app.get('/console/*', async (c) => {
    const rel = normalize(c.req.path.slice('/console/'.length)).replace(/^(\.\.(\/|\\|$))+/, '');
    const asset = rel && rel !== '.' ? await file(join(dist, 'console', rel)) : null;
    // Unknown paths under /console get the app shell (client-side routes).
    const body = asset ?? (await file(join(dist, 'console', 'index.html')));
    if (!body) return c.text('Console not built: run npm run build', 404);
    for (const [k, v] of Object.entries(CONSOLE_HEADERS)) c.header(k, v);
    c.header('Content-Type', asset ? type(rel) : TYPES['.html']!);
    c.header('Cache-Control', asset && rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    return c.body(new Uint8Array(body));
  });

  return app;
}
