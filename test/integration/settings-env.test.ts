// Environment variables that only `npm start`'s process itself can show, read from the real
// environment by server/main.ts: where it listens, which files it serves, what it logs, what it
// prints, the demo users' password and a new site's offer timeout. One process for the file.
// (Variables whose effect a test server shows through their config field are tested in
// settings-effects.test.ts and elsewhere; docs/settings.md lists every one with its test.)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferView } from '../../shared/api';
import { closedPort } from '../helpers/receiver';
import { PROCESS_STARTS, cleanUpSpawned, freePort, start, tempDir } from '../helpers/spawn-sixty';
import { callbackBody, connected, nextEvent, postCallback, repSocket, signIn } from '../helpers/test-server';

/** Any loopback address but 127.0.0.1: Linux answers the whole 127/8 block. */
const HOST = '127.0.0.2';
const PUBLIC_URL = 'https://sixty.example.test';
const PASSWORD = 'a-password-of-this-install';
const LOADER = '/* a build of our own */ window.__sixtyDistUsed = true;';

let base: string;
let port: number;
let p: ReturnType<typeof start>;

beforeAll(async () => {
  const dir = tempDir();
  const dist = join(dir, 'dist');
  mkdirSync(join(dist, 'widget'), { recursive: true });
  mkdirSync(join(dist, 'console'), { recursive: true });
  writeFileSync(join(dist, 'widget', 'sixty.js'), LOADER);
  writeFileSync(join(dist, 'console', 'index.html'), '<!doctype html><title>Console of this dist</title>');
  port = await freePort();
  p = start({
    PORT: String(port),
    HOST,
    SIXTY_DB: join(dir, 'data', 'sixty.db'),
    SIXTY_DIST: dist,
    SIXTY_DEMO_PASSWORD: PASSWORD,
    SIXTY_LOG_LEVEL: 'warn',
    SIXTY_PUBLIC_URL: PUBLIC_URL,
    SIXTY_OFFER_TIMEOUT_MS: '7000',
    // Nothing listens there: sending the invite mail fails, which is logged as a warning.
    SIXTY_SMTP_URL: `smtp://127.0.0.1:${await closedPort()}`,
  });
  await p.waitFor('Print this sign-in again');
  base = `http://${HOST}:${port}`;
});
afterAll(cleanUpSpawned);

describe('the environment of npm start', PROCESS_STARTS, () => {
  it('HOST and PORT: it listens on that address and port only', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('SIXTY_DIST: the widget and the console come from that folder', async () => {
    expect(await (await fetch(`${base}/sixty.js`)).text()).toBe(LOADER);
    expect(await (await fetch(`${base}/console/`)).text()).toContain('Console of this dist');
  });

  it('SIXTY_PUBLIC_URL: the printed snippet and links use the public URL', () => {
    expect(p.output()).toContain(`Rep console:  ${PUBLIC_URL}/console/`);
    expect(p.output()).toMatch(new RegExp(`<script async src="${PUBLIC_URL.replace(/\./g, '\\.')}/s/demo_[\\w-]+\\.js"></script>`));
  });

  it('SIXTY_DEMO_PASSWORD: the demo users sign in with it, and it is what the banner prints', async () => {
    expect(p.output()).toContain(`dana@demo.sixty  password: ${PASSWORD}`);
    await expect(signIn(base, 'admin@demo.sixty', PASSWORD)).resolves.toMatch(/^sixty_session=/);
  });

  it('SIXTY_OFFER_TIMEOUT_MS: the demo site, made at first start, gives reps that long to accept', async () => {
    const dana = repSocket(base, await signIn(base, 'dana@demo.sixty', PASSWORD));
    try {
      await connected(dana);
      await dana.emitWithAck('presence:set', 'available');
      const offered = nextEvent<OfferView>(dana, 'offer:new');
      const siteKey = /\/s\/(demo_[\w-]+)\.js"/.exec(p.output())![1]!;
      expect((await postCallback(base, callbackBody(siteKey))).status).toBe(201);
      const offer = await offered;
      expect(offer.expiresAt - offer.offeredAt).toBe(7000);
    } finally {
      dana.close();
    }
  });

  it('SIXTY_LOG_LEVEL and SIXTY_SMTP_URL: at warn, a failed invite mail is logged and requests are not', async () => {
    const admin = await signIn(base, 'admin@demo.sixty', PASSWORD);
    const res = await fetch(`${base}/v1/console/users/invites`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ email: 'late@demo.sixty', name: 'Late Larry', role: 'rep' }),
    });
    // The mail could not go, so the link is handed back to copy.
    expect(await res.json()).toMatchObject({ emailed: false, link: expect.stringMatching(`^${PUBLIC_URL}/console/invite/`) });
    await p.waitFor('sending mail failed');
    const lines = p
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(lines.some((l) => JSON.parse(l).level === 40)).toBe(true);
    // Every test above made requests; at the default level (info) each would be a line.
    expect(lines.filter((l) => JSON.parse(l).msg === 'request')).toEqual([]);
  });
});
