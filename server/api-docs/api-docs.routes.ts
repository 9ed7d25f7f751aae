import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { buildOpenApi } from './openapi';

/** `GET /v1/openapi.json`: the API described, for client generators and API explorers. */
export function apiDocsRoutes() {
  const app = new Hono();
  // Built once: it changes only with the code.
  const body = JSON.stringify(buildOpenApi(packageVersion()));
  app.get('/', (c) => {
    // Public and the same for everyone: any origin may read it, caches may keep it a while.
    c.header('Cache-Control', 'public, max-age=3600');
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Content-Type', 'application/json; charset=utf-8');
    return c.body(body);
  });
  return app;
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
