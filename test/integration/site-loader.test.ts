// `GET /s/KEY.js`, the per-site loader (issue 24): the loader's template with the site's key and
// its config (the same object `GET /v1/sites/KEY/config` answers) written in, runnable as it is;
// a 5-second cache with an ETag that a 304 answers and any settings change replaces; compressed
// like the other widget files; unknown keys and names that are no key are refused, not a 500.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, HOST_ORIGIN, signIn, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let admin: string;
let siteId: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await signIn(server.url, 'admin@demo.sixty');
  const workspaceId = (await server.deps.store.userByEmail('admin@demo.sixty'))!.workspaceId;
  siteId = (await server.deps.store.sitesOfWorkspace(workspaceId))[0]!.id;
});
afterAll(() => server.stop());

/** Raw bytes as sent (fetch would decompress them). */
function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** What the served file hands the loader: evaluates it with `boot` caught before it touches a DOM. */
function carried(code: string): { key: string; config: Record<string, unknown> } {
  const template = readFileSync(join(DIST, 'widget', 'site-loader.js'), 'utf8');
  const [before, after] = template.split('SIXTY_SITE');
  expect(code.startsWith(before!) && code.endsWith(after!)).toBe(true);
  // The written part alone is one JavaScript expression.
  return runInNewContext(`(${code.slice(before!.length, code.length - after!.length)})`) as { key: string; config: Record<string, unknown> };
}

const config = async () => (await fetch(`${server.url}/v1/sites/${server.siteKey}/config`, { headers: { origin: HOST_ORIGIN } })).json();

describe('the per-site loader', () => {
  it('is the loader with the site’s key and the config the config endpoint answers, cacheable for 5 s with an ETag', async () => {
    const res = await get(`/s/${server.siteKey}.js`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=5');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers.etag).toMatch(/^"[\w-]{27}"$/);
    expect(carried(res.body.toString('utf8'))).toEqual({ key: server.siteKey, config: await config() });
  });

  it('answers 304 to its ETag, and a new ETag and config once the site’s settings change', async () => {
    const first = await get(`/s/${server.siteKey}.js`);
    const etag = first.headers.etag as string;
    const again = await get(`/s/${server.siteKey}.js`, { 'if-none-match': `W/${etag}, "other"` });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);

    const res = await fetch(`${server.url}/v1/console/sites/${siteId}/appearance`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ accentColor: '#6d28d9', position: 'left', zIndex: 12345, texts: { en: { launcher: 'Ring me back </script>' } } }),
    });
    expect(res.status).toBe(200);
    const changed = await get(`/s/${server.siteKey}.js`, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    const code = changed.body.toString('utf8');
    // Safe to paste inside a <script> element too.
    expect(code).not.toContain('</script>');
    expect(carried(code).config).toMatchObject({
      appearance: { accentColor: '#6d28d9', position: 'left', texts: { en: { launcher: 'Ring me back </script>' } } },
    });
    expect(carried(code).config).toEqual(await config());
  });

  it('comes gzip-compressed when asked, byte-identical once decoded', async () => {
    const plain = await get(`/s/${server.siteKey}.js`);
    const gz = await get(`/s/${server.siteKey}.js`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/Accept-Encoding/);
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
  });

  it('leaves the config out for a page outside the site’s allowed origins (by its Referer), as the config endpoint refuses it', async () => {
    const elsewhere = await get(`/s/${server.siteKey}.js`, { referer: 'https://elsewhere.example/page' });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.headers.vary).toMatch(/Referer/);
    expect(carried(elsewhere.body.toString('utf8'))).toEqual({ key: server.siteKey, config: null });
    expect((await fetch(`${server.url}/v1/sites/${server.siteKey}/config`, { headers: { origin: 'https://elsewhere.example' } })).status).toBe(403);
    const allowed = await get(`/s/${server.siteKey}.js`, { referer: `${HOST_ORIGIN}/pricing` });
    expect(carried(allowed.body.toString('utf8')).config).toEqual(await config());
  });

  it('refuses an unknown key with 404, and a name that is no key as not found', async () => {
    const unknown = await fetch(`${server.url}/s/site_nope.js`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'unknown_site' } });
    for (const path of ['/s/bad%22key.js', '/s/a/b.js', '/s/key.css']) expect((await fetch(`${server.url}${path}`)).status).toBe(404);
  });
});
