// Site administration: snippet and install check, origins, key rotation without downtime.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackBody, HOST_ORIGIN, postCallback, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { pageView, postEvents } from '../helpers/events';

let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await signIn(server.url, 'admin@demo.sixty');
});
afterAll(() => server.stop());

async function call(path: string, init: RequestInit = {}, cookie = admin) {
  const res = await fetch(`${server.url}/v1/console/sites${path}`, { ...init, headers: { 'content-type': 'application/json', cookie } });
  return { status: res.status, body: (await res.json()) as any };
}

describe('sites', () => {
  it('lists the snippet and where the snippet was last seen', async () => {
    await postEvents(server.url, { siteKey: server.siteKey, visitorId: 'visitor_install_1', events: [pageView('/pricing?utm_source=x')] });
    const [site] = (await call('')).body;
    expect(site.snippet).toBe(`<script async src="${new URL(server.url).origin}/s/${server.siteKey}.js"></script>`);
    expect(site.installs).toEqual([expect.objectContaining({ origin: HOST_ORIGIN, lastUrl: `${HOST_ORIGIN}/pricing` })]);
  });

  it('validates updates field by field, and a changed origin list takes effect', async () => {
    const [site] = (await call('')).body;
    const bad = await call(`/${site.id}`, { method: 'PUT', body: JSON.stringify({ ...pick(site), allowedOrigins: ['example.com/path'], offerTimeoutMs: 10 }) });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['allowedOrigins.0', 'offerTimeoutMs']);
    const ok = await call(`/${site.id}`, { method: 'PUT', body: JSON.stringify({ ...pick(site), allowedOrigins: ['https://shop.example'] }) });
    expect(ok.status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect((await postCallback(server.url, callbackBody(server.siteKey))).status).toBe(403);
    expect((await postCallback(server.url, callbackBody(server.siteKey), { origin: 'https://shop.example' })).status).toBe(201);
    await call(`/${site.id}`, { method: 'PUT', body: JSON.stringify(pick(site)) });
  });

  it('rotates the key without downtime: the old key keeps working during its grace period', async () => {
    const [site] = (await call('')).body;
    const rotated = await call(`/${site.id}/rotate-key`, { method: 'POST' });
    expect(rotated.status).toBe(200);
    expect(rotated.body.siteKey).not.toBe(server.siteKey);
    expect((await postCallback(server.url, callbackBody(rotated.body.siteKey))).status).toBe(201);
    expect((await postCallback(server.url, callbackBody(server.siteKey))).status).toBe(201);
  });

  it('has one launcher text: the appearance page’s, per language (the site form refuses the old field)', async () => {
    const [site] = (await call('')).body;
    expect(site).not.toHaveProperty('launcherText');
    const old = await call(`/${site.id}`, { method: 'PUT', body: JSON.stringify({ ...pick(site), launcherText: 'Talk now' }) });
    expect(old.status).toBe(400);
    expect(JSON.stringify(old.body.error)).toContain('launcherText');
  });

  it('validates the appearance field by field, and serves it to the widget with the text colour its accent needs', async () => {
    const [site] = (await call('')).body;
    expect(site.appearance).toEqual({ accentColor: '#1746d1', position: 'right', zIndex: 10000, texts: {}, endingUrl: null });
    const bad = await call(`/${site.id}/appearance`, {
      method: 'PUT',
      body: JSON.stringify({ accentColor: 'teal', position: 'top', zIndex: 1.5, texts: { english: {} } }),
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['accentColor', 'position', 'texts.english', 'zIndex']);

    const config = async () => (await (await fetch(`${server.url}/v1/sites/${server.siteKey}/config`, { headers: { origin: HOST_ORIGIN } })).json()) as any;
    expect((await config()).appearance).toMatchObject({ accentColor: '#1746d1', textColor: '#ffffff', accentOnWhite: '#1746d1' });
    const saved = { accentColor: '#ffd400', position: 'left', zIndex: 500, texts: { en: { launcher: 'Ring me' }, fr: { launcher: 'Appelez-moi' } } };
    expect((await call(`/${site.id}/appearance`, { method: 'PUT', body: JSON.stringify(saved) })).status).toBe(200);
    // A light accent: dark text on it, and ink where the accent would have to read on white.
    expect((await config()).appearance).toEqual({ ...saved, textColor: '#1a1d23', accentOnWhite: '#1a1d23' });
    await call(`/${site.id}/appearance`, { method: 'PUT', body: JSON.stringify(site.appearance) });
  });

  it('keeps the ending link for visitors it will not call: http(s) only, kept when left out, never in the public config', async () => {
    const [site] = (await call('')).body;
    const look = { accentColor: '#1746d1', position: 'right', zIndex: 10000, texts: {} };
    for (const endingUrl of ['javascript:alert(1)', 'example.com/guides', '']) {
      const bad = await call(`/${site.id}/appearance`, { method: 'PUT', body: JSON.stringify({ ...look, endingUrl }) });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields).toEqual({ endingUrl: 'Use a web address starting with https://' });
    }
    const saved = await call(`/${site.id}/appearance`, { method: 'PUT', body: JSON.stringify({ ...look, endingUrl: 'https://example.com/guides' }) });
    expect(saved.body).toEqual({ ...look, endingUrl: 'https://example.com/guides' });
    // An older client that does not know the field does not erase it.
    expect((await call(`/${site.id}/appearance`, { method: 'PUT', body: JSON.stringify({ ...look, zIndex: 20 }) })).body.endingUrl).toBe(
      'https://example.com/guides',
    );
    const config = (await (await fetch(`${server.url}/v1/sites/${server.siteKey}/config`, { headers: { origin: HOST_ORIGIN } })).json()) as any;
    expect(JSON.stringify(config)).not.toContain('example.com/guides');
    expect((await call(`/${site.id}/appearance`, { method: 'PUT', body: JSON.stringify({ ...look, endingUrl: null }) })).body.endingUrl).toBeNull();
  });

  it('is not for reps', async () => {
    const rep = await signIn(server.url, 'dana@demo.sixty');
    expect((await call('', {}, rep)).status).toBe(403);
  });
});

function pick(site: { name: string; allowedOrigins: string[]; phoneRegion: string; offerTimeoutMs: number }) {
  return { name: site.name, allowedOrigins: site.allowedOrigins, phoneRegion: site.phoneRegion, offerTimeoutMs: site.offerTimeoutMs };
}
