// Bad input gets a clear error naming the field, and nothing is half-written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackBody, HOST_ORIGIN, postCallback, rows, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

async function leadCount(): Promise<number> {
  return (await rows<{ n: number }>(server, 'select count(*) as n from leads'))[0]!.n;
}

describe('POST /v1/callbacks', () => {
  it('commits a valid callback and answers 201 with a lead-scoped token', async () => {
    const before = await leadCount();
    const res = await postCallback(server.url, callbackBody(server.siteKey));
    expect(res.status).toBe(201);
    expect(res.body.leadId).toMatch(/[0-9a-f-]{36}/);
    expect(res.body.visitorToken.startsWith(`${res.body.leadId}.`)).toBe(true);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5999');
    expect(await leadCount()).toBe(before + 1);
    const [row] = await rows<{ phone: string; stage: string; hot: number }>(server, 'select phone, stage, hot from leads where id = ?', res.body.leadId);
    expect(row).toEqual({ phone: '+14155552671', stage: 'hot', hot: 1 });
  });

  it.each([
    ['a missing name', { name: undefined }, 'name'],
    ['a bad phone', { phone: '12345' }, 'phone'],
    ['a phone over 250 characters', { phone: '1'.repeat(251) }, 'phone'],
    ['an unanswered must-have', { answers: { projects: 'commercial', size: '51-200' } }, 'answers.role'],
    ['an answer that is not an option', { answers: { projects: 'castles', size: '51-200', role: 'decision' } }, 'answers.projects'],
    ['an unknown site key', { siteKey: 'nope' }, 'siteKey'],
    ['an unknown field', { favouriteColour: 'blue' }, 'favouriteColour'],
    ['a bad email', { email: 'not-an-email' }, 'email'],
  ])('refuses %s with 400 naming the field, and stores nothing', async (_what, change, field) => {
    const before = await leadCount();
    const body = { ...callbackBody(server.siteKey), ...change };
    const res = await postCallback(server.url, body);
    expect(res.status).toBe(400);
    // Readable by the widget: errors carry CORS headers too.
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5999');
    expect(res.body.error.fields).toHaveProperty([field]);
    expect(typeof res.body.error.fields[field]).toBe('string');
    expect(await leadCount()).toBe(before);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const res = await postCallback(server.url, null, { raw: '{"siteKey":' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('refuses a page from another origin with 403', async () => {
    const before = await leadCount();
    const res = await postCallback(server.url, callbackBody(server.siteKey), { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('origin_not_allowed');
    expect(res.body.error.fields).toHaveProperty('origin');
    expect(await leadCount()).toBe(before);
  });

  it('refuses an oversized body with 413, and stores nothing', async () => {
    const before = await leadCount();
    const res = await postCallback(server.url, callbackBody(server.siteKey, { pageUrl: 'x'.repeat(64 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5999');
    expect(res.body.error.code).toBe('too_large');
    expect(await leadCount()).toBe(before);
  });

  it('counts the bytes of a body sent without a length (chunked): 413 past the limit, read whole below it', async () => {
    const chunked = (text: string) => {
      const bytes = new TextEncoder().encode(text);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.subarray(i, i + 1000));
          controller.close();
        },
      });
      return fetch(`${server.url}/v1/callbacks`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: HOST_ORIGIN },
        body: stream,
        duplex: 'half',
      } as RequestInit);
    };
    const before = await leadCount();
    const big = await chunked(JSON.stringify(callbackBody(server.siteKey, { pageUrl: 'x'.repeat(64 * 1024) })));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('too_large');
    expect(await leadCount()).toBe(before);
    const small = await chunked(JSON.stringify(callbackBody(server.siteKey, { phone: '+1 415 555 0188', name: 'Chunked Charlie' })));
    expect(small.status).toBe(201);
    expect(await leadCount()).toBe(before + 1);
  });

  it('replays the same idempotency key to the same lead, and 409s a different body', async () => {
    const key = `k-${Date.now()}-replay`;
    const before = await leadCount();
    const bodies = await Promise.all(Array.from({ length: 5 }, () => postCallback(server.url, callbackBody(server.siteKey), { key })));
    const ids = new Set(bodies.map((b) => b.body.leadId));
    expect(ids.size).toBe(1);
    expect(bodies.filter((b) => b.status === 201)).toHaveLength(1);
    expect(bodies.filter((b) => b.status === 200)).toHaveLength(4);
    expect(await leadCount()).toBe(before + 1);
    const other = await postCallback(server.url, callbackBody(server.siteKey, { name: 'Someone Else' }), { key });
    expect(other.status).toBe(409);
    expect(await leadCount()).toBe(before + 1);
  });

  it('creates one lead from the same key sent 20 times at once, some connections dropped mid-flight', async () => {
    const key = `k-${Date.now()}-storm`;
    const before = await leadCount();
    const attempts = Array.from({ length: 20 }, async (_, i) => {
      const abort = new AbortController();
      // Every third client hangs up right after sending: the server must not care.
      if (i % 3 === 0) setTimeout(() => abort.abort(), 1 + (i % 5));
      try {
        const res = await fetch(`${server.url}/v1/callbacks?idempotencyKey=${key}`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain', origin: 'http://localhost:5999' },
          body: JSON.stringify(callbackBody(server.siteKey)),
          signal: abort.signal,
        });
        return { status: res.status, leadId: ((await res.json()) as { leadId: string }).leadId };
      } catch {
        return null;
      }
    });
    const done = (await Promise.all(attempts)).filter((r) => r !== null);
    expect(done.length).toBeGreaterThan(5);
    expect(new Set(done.map((r) => r.leadId)).size).toBe(1);
    expect(await leadCount()).toBe(before + 1);
    // A retry after the storm still answers with the same lead.
    const again = await postCallback(server.url, callbackBody(server.siteKey), { key });
    expect([again.status, again.body.leadId]).toEqual([200, done[0]!.leadId]);
  });

  it('disqualifies by a must-have answer without routing, with the reason recorded', async () => {
    const res = await postCallback(server.url, callbackBody(server.siteKey, { answers: { projects: 'residential', size: '1-10', role: 'decision' } }));
    expect(res.status).toBe(201);
    // The visitor gets the courteous ending, which says nothing of the reason.
    expect(res.body.status).toEqual({ state: 'ended', link: null });
    const [change] = await rows<{ to_stage: string; reason: string }>(server, 'select to_stage, reason from stage_changes where lead_id = ?', res.body.leadId);
    const [offers] = await rows<{ n: number }>(server, 'select count(*) as n from offers where lead_id = ?', res.body.leadId);
    expect(change.to_stage).toBe('disqualified');
    expect(change.reason).toMatch(/Residential-only/);
    expect(offers.n).toBe(0);
  });
});

describe('GET /v1/sites/:key/config', () => {
  it('serves the questions without revealing which answers disqualify', async () => {
    const res = await fetch(`${server.url}/v1/sites/${server.siteKey}/config`, { headers: { origin: 'http://127.0.0.1:8123' } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text).questions).toHaveLength(3);
    expect(text).not.toContain('disqualify');
  });

  it('serves a same-origin page that sends no Origin (the /demo page)', async () => {
    const res = await fetch(`${server.url}/v1/sites/${server.siteKey}/config`);
    expect(res.status).toBe(200);
  });

  it('answers 404 for an unknown key and 403 for a foreign origin', async () => {
    expect((await fetch(`${server.url}/v1/sites/nope/config`, { headers: { origin: 'http://localhost:1' } })).status).toBe(404);
    expect((await fetch(`${server.url}/v1/sites/${server.siteKey}/config`, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
  });
});

describe('repeat requests', () => {
  // With the repeat window on, a double submit (or a retry without an idempotency key, or the same
  // person on two tabs) must make one lead, not one per request. On PostgreSQL, and across
  // processes, the requests really do run side by side: the later ones wait for the first's lead.
  let repeats: TestServer;
  beforeAll(async () => {
    repeats = await startTestServer({ limits: { duplicateWindowMs: 60_000 } });
  });
  afterAll(() => repeats.stop());

  it('joins simultaneous repeats (a double submit) to the one lead the first is making', async () => {
    const phone = '+1 415 555 0177';
    for (let round = 0; round < 3; round++) {
      const burst = await Promise.all(
        Array.from({ length: 10 }, (_, i) => postCallback(repeats.url, callbackBody(repeats.siteKey, { phone, email: `round${round}.${i}@x.test` }))),
      );
      const leadIds = new Set(burst.map((r) => r.body.leadId));
      expect(leadIds.size, `round ${round}: leads made`).toBe(1);
      expect(burst.map((r) => r.status).sort()).toEqual(round === 0 ? [...Array(9).fill(200), 201] : Array(10).fill(200));
    }
    const [lead] = await rows<{ n: number }>(repeats, "select count(*) as n from leads where phone = '+14155550177'");
    expect(Number(lead!.n)).toBe(1);
    const [joined] = await rows<{ n: number }>(repeats, "select count(*) as n from lead_events where kind = 'repeat'");
    expect(Number(joined!.n)).toBe(29);
    const [pending] = await rows<{ n: number }>(repeats, 'select count(*) as n from callback_requests where lead_id is null');
    expect(Number(pending!.n)).toBe(0);
  });

  it('answers the same request resent under its idempotency key while the first runs as a replay, not a repeat', async () => {
    // The widget resends until it hears back, with the same key: one submission, one slot of the
    // phone's daily cap, no "asked again" on the timeline.
    const body = callbackBody(repeats.siteKey, { phone: '+1 415 555 0178', email: 'resent@x.test' });
    const sent = await Promise.all(Array.from({ length: 5 }, () => postCallback(repeats.url, body, { key: 'resend-key-0178' })));
    expect(sent.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(sent.map((r) => r.body.leadId)).size).toBe(1);
    const leadId = sent[0]!.body.leadId;
    const [again] = await rows<{ n: number }>(repeats, "select count(*) as n from lead_events where kind = 'repeat' and lead_id = ?", leadId);
    expect(Number(again!.n)).toBe(0);
    const [slots] = await rows<{ n: number }>(repeats, "select count(*) as n from callback_requests where phone = '+14155550178'");
    expect(Number(slots!.n)).toBe(1);
    // The key with another body is still a conflict.
    const other = await postCallback(repeats.url, { ...body, name: 'Someone Else' }, { key: 'resend-key-0178' });
    expect(other.status).toBe(409);
  });
});
