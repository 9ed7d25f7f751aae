// Finding 5: leads made through `/v1/events` identify skipped the callback protections. Thirty
// identify batches from one address made thirty hot routed leads while `/v1/callbacks` answered
// 429 from the 11th, and a capped phone got more leads through identify and through a second site
// of the same workspace. Every way of capturing a lead now passes one admission
// (server/capture/admit-lead.ts): one test per path.
import { afterEach, describe, expect, it } from 'vitest';
import { BROWSER_UA, callbackBody, HOST_ORIGIN, PASSING_ANSWERS, postCallback, rows, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { pageView, postEvents } from '../helpers/events';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

let n = 0;
const phone = () => `+1 415 555 ${String(3000 + n++).padStart(4, '0')}`;

/** An identify that passes the must-haves and raises a hand: a hot lead, routed at once, if admitted. */
function hotIdentify(siteKey: string, visitorId: string, phoneNumber: string, email?: string) {
  return {
    siteKey,
    visitorId,
    events: [
      { type: 'identify', at: Date.now(), props: { name: 'Ida Known', phone: phoneNumber, ...(email ? { email } : {}), ...PASSING_ANSWERS } },
      { type: 'custom', name: 'demo_request', url: `${HOST_ORIGIN}/demo`, at: Date.now() },
      pageView('/pricing'),
    ],
  };
}

const leadCount = async (s: TestServer, where = '1 = 1', ...p: unknown[]) =>
  (await rows<{ n: number }>(s, `select count(*) as n from leads where ${where}`, ...p))[0]!.n;

async function secondSite(s: TestServer): Promise<string> {
  const admin = await signIn(s.url, 'admin@demo.sixty');
  const res = await fetch(`${s.url}/v1/console/sites`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin, origin: s.url },
    body: JSON.stringify({ name: 'Second site', allowedOrigins: [HOST_ORIGIN], phoneRegion: 'US' }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { siteKey: string }).siteKey;
}

describe('identify from /v1/events', () => {
  it('counts against the per-address limit of new leads, shared with callbacks: 429 with Retry-After from the 11th', async () => {
    const s = (server = await startTestServer({ limits: { callbacksPerIpPerMinute: 10 } }));
    const codes: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 30; i++) {
      const res = await fetch(`${s.url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: HOST_ORIGIN, 'user-agent': BROWSER_UA },
        body: JSON.stringify(hotIdentify(s.siteKey, `visitor_flood_${i}`, phone())),
      });
      codes.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(codes.slice(10)).toEqual(Array(20).fill(429));
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(await leadCount(s)).toBe(10);
    // The same budget: a callback from this address is refused too.
    expect((await postCallback(s.url, callbackBody(s.siteKey, { phone: phone() }))).status).toBe(429);
    // Behaviour of a visitor who is already a lead is never held back by the limit.
    const known = await postEvents(s.url, { siteKey: s.siteKey, visitorId: 'visitor_flood_0', events: [pageView('/pricing')] });
    expect(known.status).toBe(200);
  });

  it('joins a repeat (same email, within the window) to the open lead instead of making a second one', async () => {
    const s = (server = await startTestServer({ limits: { duplicateWindowMs: 600_000 } }));
    // Duplicate join: a new phone with the email of a lead made a moment ago joins that lead.
    const first = await postCallback(s.url, callbackBody(s.siteKey, { phone: phone(), email: 'pat.join@example.com' }));
    expect(first.status).toBe(201);
    const joined = await postEvents(s.url, hotIdentify(s.siteKey, 'visitor_join', phone(), 'pat.join@example.com'));
    expect(joined.status).toBe(200);
    const [visitor] = await rows<{ lead_id: string }>(s, 'select lead_id from visitors where visitor_id = ?', 'visitor_join');
    expect(visitor!.lead_id).toBe(first.body.leadId);
    const notes = await rows<{ text: string }>(s, "select text from lead_events where lead_id = ? and kind = 'repeat'", first.body.leadId);
    expect(notes.map((x) => x.text)).toEqual(['Identified again on the site (joined this lead)']);
  });
});

describe('the per-phone daily cap is per workspace', () => {
  it('a second site of the same workspace is no way around it, by callback or by identify', async () => {
    const s = (server = await startTestServer({ limits: { callbacksPerPhonePerDay: 3 } }));
    const other = await secondSite(s);
    const capped = phone();
    const e164 = '+1415555' + capped.slice(-4);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await postCallback(s.url, callbackBody(s.siteKey, { phone: capped }))).status);
    expect(codes).toEqual([201, 201, 201]);
    const viaOtherSite = await postCallback(s.url, callbackBody(other, { phone: capped }));
    expect(viaOtherSite.status).toBe(429);
    expect(Number(viaOtherSite.headers.get('retry-after'))).toBeGreaterThan(0);
    const identify = await postEvents(s.url, hotIdentify(other, 'visitor_other_site', capped));
    expect(identify.status).toBe(429);
    expect(await leadCount(s, 'phone = ?', e164)).toBe(3);
    // Another phone on the second site is not affected.
    expect((await postCallback(s.url, callbackBody(other, { phone: phone() }))).status).toBe(201);
  });
});

describe('the bot filter applies to callback requests', () => {
  it("keeps a callback sent by a program's User-Agent as a suspect lead, never routed", async () => {
    const s = (server = await startTestServer());
    const scripted = await postCallback(s.url, callbackBody(s.siteKey, { phone: phone() }), { userAgent: 'python-requests/2.32.3' });
    expect(scripted.status).toBe(201);
    const [lead] = await rows<{ stage: string; fit_reason: string; routing: string }>(
      s,
      'select stage, fit_reason, routing from leads where id = ?',
      scripted.body.leadId,
    );
    expect(lead).toMatchObject({ stage: 'suspect', fit_reason: expect.stringMatching(/User-Agent/) });
    expect(await rows(s, 'select id from offers where lead_id = ?', scripted.body.leadId)).toEqual([]);
    // A person's browser passes.
    const person = await postCallback(s.url, callbackBody(s.siteKey, { phone: phone() }));
    expect((await rows<{ stage: string }>(s, 'select stage from leads where id = ?', person.body.leadId))[0]!.stage).toBe('hot');
  });
});
