// Finding 11: eleven wrong passwords from anywhere locked the right owner out for about 11
// minutes. Wrong passwords are now counted per device for browsers that signed in before (a
// signed device cookie), and per account and address with growing waits for everyone else, so an
// attacker elsewhere can slow only clients without the cookie; spraying one address's guesses
// across accounts is still stopped.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, TEST_DEMO_PASSWORD, type TestServer } from '../helpers/test-server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

interface Try {
  status: number;
  retryAfter: number;
  deviceCookie: string | null;
}

async function attempt(s: TestServer, email: string, password: string, from: string, deviceCookie?: string | null): Promise<Try> {
  const res = await fetch(`${s.url}/v1/console/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...(deviceCookie ? { cookie: deviceCookie } : {}) },
    body: JSON.stringify({ email, password }),
  });
  const device = res.headers.getSetCookie().find((c) => c.startsWith('sixty_device='));
  return { status: res.status, retryAfter: Number(res.headers.get('retry-after') ?? 0), deviceCookie: device ? device.split(';')[0]! : null };
}

describe('sign-in throttling', () => {
  it('an attacker elsewhere cannot keep the owner out: the browser that signed in before still signs in', async () => {
    const s = (server = await startTestServer({ trustProxy: 1, limits: { signInsPerAccountPer15Min: 4, signInsPerIpPerMinute: 100 } }));
    const owner = await attempt(s, 'dana@demo.sixty', TEST_DEMO_PASSWORD, '198.51.100.7');
    expect(owner.status).toBe(200);
    expect(owner.deviceCookie).toBeTruthy();

    // Wrong passwords from an attacker's addresses, past the account's limit (4 here; 10 by default).
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await attempt(s, 'dana@demo.sixty', 'guess-' + i, `203.0.113.${i % 3}`)).status);
    expect(codes).toEqual([401, 401, 401, 401, 429]);

    // The owner's browser is not locked out, from home or from another network.
    expect((await attempt(s, 'dana@demo.sixty', TEST_DEMO_PASSWORD, '198.51.100.7', owner.deviceCookie)).status).toBe(200);
    expect((await attempt(s, 'dana@demo.sixty', TEST_DEMO_PASSWORD, '192.0.2.44', owner.deviceCookie)).status).toBe(200);
    // A client without the cookie still waits: guessing the account from many addresses stays stopped.
    const stranger = await attempt(s, 'dana@demo.sixty', TEST_DEMO_PASSWORD, '192.0.2.45');
    expect(stranger.status).toBe(429);
    expect(stranger.retryAfter).toBeGreaterThan(0);
    // A device cookie of another account is no key to this one.
    const sam = await attempt(s, 'sam@demo.sixty', TEST_DEMO_PASSWORD, '192.0.2.46');
    expect((await attempt(s, 'dana@demo.sixty', TEST_DEMO_PASSWORD, '192.0.2.46', sam.deviceCookie)).status).toBe(429);
  });

  it('backs off one address on one account: a minute after 5 wrong passwords, fifteen minutes after 10', async () => {
    let now = Date.parse('2026-12-07T10:00:00Z');
    const s = (server = await startTestServer({ clock: () => now, trustProxy: 1, limits: { signInsPerAccountPer15Min: 0, signInsPerIpPerMinute: 0 } }));
    const wrong = () => attempt(s, 'sam@demo.sixty', 'wrong', '203.0.113.9');
    for (let i = 0; i < 5; i++) expect((await wrong()).status).toBe(401);
    const waitMinute = await wrong();
    expect(waitMinute.status).toBe(429);
    expect(waitMinute.retryAfter).toBeLessThanOrEqual(60);
    now += 61_000;
    for (let i = 0; i < 5; i++) expect((await wrong()).status).toBe(401);
    const waitLonger = await wrong();
    expect(waitLonger.status).toBe(429);
    expect(waitLonger.retryAfter).toBeGreaterThan(60);
    // Another address is not held back by this one's failures.
    expect((await attempt(s, 'sam@demo.sixty', TEST_DEMO_PASSWORD, '198.51.100.8')).status).toBe(200);
  });

  it('still stops one address spraying guesses across accounts', async () => {
    const s = (server = await startTestServer({ limits: { signInsPerIpPerMinute: 5, signInsPerAccountPer15Min: 10 } }));
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await attempt(s, `user${i}@example.test`, 'Winter2026!', '203.0.113.50')).status);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
  });
});
