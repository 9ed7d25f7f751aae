// The console's HTTP API: sign-in, CSRF, outcomes with reasons, first call attempt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DEMO_PASSWORD, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { acceptedLead as accept } from '../helpers/accepted-lead';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

async function api(path: string, cookie: string, init: RequestInit = {}) {
  const res = await fetch(`${server.url}${path}`, { ...init, headers: { 'content-type': 'application/json', cookie, ...(init.headers ?? {}) } });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

let phoneSuffix = 10;

/** A lead accepted by Dana, ready for outcomes, each from its own phone. */
const acceptedLead = () => accept(server, 'dana@demo.sixty', { phone: `+1 415 555 02${phoneSuffix++}` });

describe('console sign-in', () => {
  it('refuses a wrong password and an unknown email the same way', async () => {
    for (const body of [
      { email: 'dana@demo.sixty', password: 'wrong' },
      { email: 'nobody@demo.sixty', password: 'wrong' },
    ]) {
      const res = await fetch(`${server.url}/v1/console/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('bad_credentials');
    }
  });

  it('sets an HttpOnly SameSite=Lax session cookie, and signing out ends the session', async () => {
    const res = await fetch(`${server.url}/v1/console/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'DANA@demo.sixty', password: TEST_DEMO_PASSWORD }),
    });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(';')[0]!;
    expect(cookie.split('=')[1]!.length).toBeGreaterThanOrEqual(43);
    expect((await api('/v1/console/me', cookie)).body.name).toBe('Dana Reyes');
    expect((await api('/v1/console/session', cookie, { method: 'DELETE' })).status).toBe(204);
    expect((await api('/v1/console/me', cookie)).status).toBe(401);
  });

  it('refuses cookie-authenticated writes from another origin (CSRF)', async () => {
    const { cookie, lead } = await acceptedLead();
    const res = await api(`/v1/console/leads/${lead.id}/outcome`, cookie, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      body: JSON.stringify({ outcome: 'connected' }),
    });
    expect(res.status).toBe(403);
  });
});

describe('after the call', () => {
  it('records the first call attempt once, then outcomes with reasons where the stage needs one', async () => {
    const { cookie, lead } = await acceptedLead();
    const call = await api(`/v1/console/leads/${lead.id}/call`, cookie, { method: 'POST' });
    expect(call.status).toBe(200);
    const firstCallAt = call.body.firstCallAt;
    expect(firstCallAt).toBeGreaterThan(0);
    expect((await api(`/v1/console/leads/${lead.id}/call`, cookie, { method: 'POST' })).body.firstCallAt).toBe(firstCallAt);

    const missing = await api(`/v1/console/leads/${lead.id}/outcome`, cookie, { method: 'POST', body: JSON.stringify({ outcome: 'nurture' }) });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.reason).toMatch(/reason is required/i);

    const nurture = await api(`/v1/console/leads/${lead.id}/outcome`, cookie, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'nurture', reason: 'Budget opens in Q3' }),
    });
    expect(nurture.status).toBe(200);
    expect(nurture.body.stage).toBe('nurture');
    expect(nurture.body.timeline.at(-1).text).toContain('Budget opens in Q3');
    const mine = await api('/v1/console/leads/mine', cookie);
    expect(mine.body.find((l: { id: string }) => l.id === lead.id).stage).toBe('nurture');
  });

  it("refuses another rep's outcome on a lead they do not own", async () => {
    const { lead } = await acceptedLead();
    const sam = await signIn(server.url, 'sam@demo.sixty');
    const res = await api(`/v1/console/leads/${lead.id}/outcome`, sam, { method: 'POST', body: JSON.stringify({ outcome: 'connected' }) });
    expect(res.status).toBe(403);
  });
});
