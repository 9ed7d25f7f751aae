// Issue 14, finding 9: 5,000 nested `[` with a NUL inside, posted to /v1/events, overflowed the
// recursive walk that looks for NUL characters and answered 500. Absurd nesting gets a 400 that
// names the field, with or without a NUL, and the server carries on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postEvents } from '../helpers/events';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const nested = (depth: number, leaf: string) => '['.repeat(depth) + leaf + ']'.repeat(depth);
const NUL = '"\\u0000"';

describe('deeply nested bodies', () => {
  it('answers 5,000 nested arrays around a NUL with a 400, not a 500', async () => {
    const res = await postEvents(server.url, nested(5000, NUL));
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ _: 'Nested more than 64 levels deep' });
  });

  it('names the field that nests too deeply', async () => {
    const body = `{"siteKey":"x","visitorId":"visitor_deep_1","events":${nested(5000, NUL)}}`;
    const res = await postEvents(server.url, body);
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ events: 'Nested more than 64 levels deep' });
  });

  it('still names the field holding a NUL at an ordinary depth', async () => {
    const body = `{"siteKey":"x","visitorId":"visitor_deep_2","events":[{"type":"page_view","at":1,"url":"/a\\u0000"}]}`;
    const res = await postEvents(server.url, body);
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ 'events.0.url': 'Must not contain NUL characters' });
  });

  it('refuses deep nesting without a NUL through the schema (400), up to the body limit', async () => {
    const deepest = Math.floor((server.deps.config.maxBodyBytes - 2) / 2);
    for (const depth of [5000, deepest]) {
      const res = await postEvents(server.url, nested(depth, ''));
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual(['_']);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
