// Each protection, on through its documented setting, proving it works: per-address and
// per-site rate limits (429 + Retry-After), sign-in limits, the per-phone daily cap, repeat
// requests joining the open lead, the honeypot and time-to-submit checks, and trust-proxy.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { callbackBody, HOST_ORIGIN, postCallback, startTestServer, type TestServer, type TestServerOptions } from '../helpers/test-server';
import { pageView, postEvents } from '../helpers/events';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});
async function start(o: TestServerOptions) {
  server = await startTestServer(o);
  return server;
}
const rows = (s: TestServer, sql: string, ...p: unknown[]) => {
  const db = new Database(s.deps.config.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...p) as any[];
  } finally {
    db.close();
  }
};
let phone = 100;
const freshPhone = () => `+1 415 555 0${phone++}`;

describe('rate limits', () => {
  it('callbacks per address: 429 with Retry-After past the limit', async () => {
    const s = await start({ limits: { callbacksPerIpPerMinute: 3 } });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await postCallback(s.url, callbackBody(s.siteKey, { phone: freshPhone() }))).status);
    expect(codes).toEqual([201, 201, 201, 429]);
    const res = await postCallback(s.url, callbackBody(s.siteKey, { phone: freshPhone() }));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.body.error.code).toBe('rate_limited');
  });

  it('callbacks per site, whatever the address', async () => {
    const s = await start({ limits: { callbacksPerSitePerMinute: 2 } });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await postCallback(s.url, callbackBody(s.siteKey, { phone: freshPhone() }))).status);
    expect(codes).toEqual([201, 201, 429]);
  });

  it('event batches and config reads per address', async () => {
    const s = await start({ limits: { eventsPerIpPerMinute: 2, configPerIpPerMinute: 2 } });
    const ev = () => postEvents(s.url, { siteKey: s.siteKey, visitorId: 'visitor_limits_1', events: [pageView('/')] });
    expect([(await ev()).status, (await ev()).status, (await ev()).status]).toEqual([200, 200, 429]);
    const cfg = () => fetch(`${s.url}/v1/sites/${s.siteKey}/config`, { headers: { origin: HOST_ORIGIN } }).then((r) => r.status);
    expect([await cfg(), await cfg(), await cfg()]).toEqual([200, 200, 429]);
  });

  it('sign-in attempts per address and per account', async () => {
    const s = await start({ limits: { signInsPerIpPerMinute: 3 } });
    let url = s.url;
    const attempt = (email: string, extra: Record<string, string> = {}) =>
      fetch(`${url}/v1/console/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...extra },
        body: JSON.stringify({ email, password: 'wrong' }),
      }).then((r) => r.status);
    expect([await attempt('a@x.test'), await attempt('b@x.test'), await attempt('c@x.test'), await attempt('d@x.test')]).toEqual([401, 401, 401, 429]);
    await s.stop();
    url = (await start({ limits: { signInsPerAccountPer15Min: 2 }, trustProxy: 1 })).url;
    // Different addresses (through a trusted proxy), one account: the account limit holds.
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push(await attempt('dana@demo.sixty', { 'x-forwarded-for': `203.0.113.${i}` }));
    expect(codes).toEqual([401, 401, 429]);
  });

  it('trusts X-Forwarded-For only behind a proxy (SIXTY_TRUST_PROXY=1)', async () => {
    const s = await start({ limits: { callbacksPerIpPerMinute: 1 } });
    const post = (ip: string) =>
      fetch(`${s.url}/v1/callbacks`, {
        method: 'POST',
        headers: { origin: HOST_ORIGIN, 'x-forwarded-for': ip },
        body: JSON.stringify(callbackBody(s.siteKey, { phone: freshPhone() })),
      }).then((r) => r.status);
    // Not trusted: a client cannot dodge the limit by inventing addresses.
    expect([await post('198.51.100.1'), await post('198.51.100.2')]).toEqual([201, 429]);
  });
});

describe('callback abuse', () => {
  it('caps callbacks per phone number per day at 3 (429), counting a retried request once', async () => {
    const s = await start({ limits: { callbacksPerPhonePerDay: 3 } });
    const p = freshPhone();
    const first = await postCallback(s.url, callbackBody(s.siteKey, { phone: p }), { key: 'phone-cap-key-1' });
    expect(first.status).toBe(201);
    // A retry of the same request (same idempotency key) is not a new request.
    expect((await postCallback(s.url, callbackBody(s.siteKey, { phone: p }), { key: 'phone-cap-key-1' })).status).toBe(200);
    expect((await postCallback(s.url, callbackBody(s.siteKey, { phone: p, email: 'b@x.test' }))).status).toBe(201);
    expect((await postCallback(s.url, callbackBody(s.siteKey, { phone: p, email: 'c@x.test' }))).status).toBe(201);
    const fourth = await postCallback(s.url, callbackBody(s.siteKey, { phone: p, email: 'd@x.test' }));
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(23 * 3600);
    expect((await postCallback(s.url, callbackBody(s.siteKey, { phone: freshPhone() }))).status).toBe(201);
  });

  it('holds the per-phone cap against a burst of simultaneous requests, and gives back the slot of a request that made no lead', async () => {
    const s = await start({ limits: { callbacksPerPhonePerDay: 3 } });
    const p = freshPhone();
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) => postCallback(s.url, callbackBody(s.siteKey, { phone: p, email: `burst${i}@x.test` }))),
    );
    const codes = burst.map((r) => r.status).sort();
    expect(codes).toEqual([...Array(3).fill(201), ...Array(17).fill(429)]);
    expect(rows(s, 'select count(*) as n from leads where phone = ?', '+14155550' + p.slice(-3))[0].n).toBe(3);
    expect(rows(s, 'select count(*) as n from callback_requests where lead_id is null')[0].n).toBe(0);

    // A request refused after admission (an idempotency key reused with another body) holds no slot.
    const q = freshPhone();
    expect((await postCallback(s.url, callbackBody(s.siteKey, { phone: q }), { key: 'burst-key-1' })).status).toBe(201);
    expect((await postCallback(s.url, callbackBody(s.siteKey, { phone: q, name: 'Someone Else' }), { key: 'burst-key-1' })).status).toBe(409);
    expect((await postCallback(s.url, callbackBody(s.siteKey, { phone: q, email: 'q2@x.test' }))).status).toBe(201);
    expect((await postCallback(s.url, callbackBody(s.siteKey, { phone: q, email: 'q3@x.test' }))).status).toBe(201);
    expect((await postCallback(s.url, callbackBody(s.siteKey, { phone: q, email: 'q4@x.test' }))).status).toBe(429);
  });

  it('joins a repeat request from the same phone or email within the window to the open lead', async () => {
    const s = await start({ limits: { duplicateWindowMs: 60_000 } });
    const a = await postCallback(s.url, callbackBody(s.siteKey, { phone: '+1 415 555 0301', email: 'same@x.test' }));
    const b = await postCallback(s.url, callbackBody(s.siteKey, { phone: '+1 415 555 0301', email: 'other@x.test' }));
    const c = await postCallback(s.url, callbackBody(s.siteKey, { phone: '+1 415 555 0302', email: 'same@x.test' }));
    expect(a.status).toBe(201);
    expect([b.status, c.status]).toEqual([200, 200]);
    expect(b.body.leadId).toBe(a.body.leadId);
    expect(c.body.leadId).toBe(a.body.leadId);
    expect(rows(s, 'select count(*) as n from leads')[0].n).toBe(1);
    expect(rows(s, "select count(*) as n from lead_events where kind = 'repeat'")[0].n).toBe(2);
  });

  it('keeps a honeypot-filled or too-fast form as a suspect lead that is never routed', async () => {
    const s = await start({ minSubmitMs: 2000 });
    const honeypot = await postCallback(s.url, callbackBody(s.siteKey, { phone: freshPhone(), hp: 'http://spam.example' }));
    const fast = await postCallback(s.url, callbackBody(s.siteKey, { phone: freshPhone(), tts: 300 }));
    const human = await postCallback(s.url, callbackBody(s.siteKey, { phone: freshPhone(), tts: 9000 }));
    expect([honeypot.status, fast.status, human.status]).toEqual([201, 201, 201]);
    expect(honeypot.body.status.state).toBe('ended');
    expect(fast.body.status.state).toBe('ended');
    expect(human.body.status.state).not.toBe('ended');
    const stages = rows(s, 'select id, stage, fit_reason as reason from leads');
    expect(stages.find((r) => r.id === honeypot.body.leadId)).toMatchObject({ stage: 'suspect', reason: expect.stringMatching(/hidden form field/) });
    expect(stages.find((r) => r.id === fast.body.leadId)).toMatchObject({ stage: 'suspect', reason: expect.stringMatching(/300 ms/) });
    expect(rows(s, 'select count(*) as n from offers where lead_id in (?, ?)', honeypot.body.leadId, fast.body.leadId)[0].n).toBe(0);
  });
});
