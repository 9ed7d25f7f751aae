// Serves every fixture host page from one origin of its own (`http://localhost:PORT`), different
// from the Sixty server's, as a customer's site would: `/<name>/...` serves test/fixtures/<name>.html
// (any path below it, so single-page apps and second pages work), with `{{SIXTY}}`, `{{SITE_KEY}}`
// and `{{NONCE}}` filled in. A fixture's first line may name response headers in an HTML comment
// (`<!-- headers: {"Content-Security-Policy": "... 'nonce-{{NONCE}}' ..."} -->`); the nonce is new
// on every response. `/vendor/<file>` serves another framework's browser build for fixtures that
// bring one.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const VENDOR: Record<string, string> = {
  'preact.js': fileURLToPath(new URL('../../node_modules/preact/dist/preact.umd.js', import.meta.url)),
  'preact-hooks.js': fileURLToPath(new URL('../../node_modules/preact/hooks/dist/hooks.umd.js', import.meta.url)),
};

export interface FixtureSite {
  origin: string;
  /** `url('guest-plain')` -> `http://localhost:PORT/guest-plain/`. */
  url(fixture: string, path?: string): string;
  close(): Promise<void>;
}

/** The fixtures' snippet, `<script src="{{SIXTY}}/sixty.js" data-site="{{SITE_KEY}}" ...>`, as written. */
const GENERIC_TAG = 'src="{{SIXTY}}/sixty.js" data-site="{{SITE_KEY}}"';

/**
 * `loader: 'site'` serves every fixture with the per-site loader (`src="{{SIXTY}}/s/{{SITE_KEY}}.js"`,
 * the console's snippet) in place of the generic one they are written with, their other attributes
 * kept. `SIXTY_TEST_LOADER=site` makes it the default, to run a whole e2e file against it.
 */
export async function serveFixtures(
  sixtyUrl: string,
  siteKey: string,
  { loader = process.env.SIXTY_TEST_LOADER === 'site' ? 'site' : 'generic' }: { loader?: 'site' | 'generic' } = {},
): Promise<FixtureSite> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const [, first = '', rest = ''] = path.match(/^\/([\w-]+)(\/.*)?$/) ?? [];
    if (first === 'vendor' && VENDOR[rest.slice(1)]) {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(VENDOR[rest.slice(1)]!));
      return;
    }
    let html: string;
    try {
      html = readFileSync(`${FIXTURES}${first}.html`, 'utf8');
      if (loader === 'site') html = html.replaceAll(GENERIC_TAG, 'src="{{SIXTY}}/s/{{SITE_KEY}}.js"');
    } catch {
      res.writeHead(404).end();
      return;
    }
    const nonce = randomBytes(12).toString('base64');
    const fill = (text: string) =>
      text
        .replaceAll('{{SIXTY}}', sixtyUrl)
        .replaceAll('{{SIXTY_WS}}', sixtyUrl.replace(/^http/, 'ws'))
        .replaceAll('{{SITE_KEY}}', siteKey)
        .replaceAll('{{NONCE}}', nonce);
    const declared = html.match(/^<!-- headers: (\{.*\}) -->\n/);
    const headers: Record<string, string> = declared ? JSON.parse(fill(declared[1]!)) : {};
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers }).end(fill(html));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (fixture, path = '/') => `${origin}/${fixture}${path}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
