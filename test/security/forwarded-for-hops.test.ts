// Issue 14, finding 10: with SIXTY_TRUST_PROXY=1 the first X-Forwarded-For entry was taken as the
// client's address. Behind a proxy that appends (load balancers, CDNs), that entry is whatever
// the client sent, so forging it dodged every per-address limit. The client is now the entry as
// many places from the right as there are trusted proxies.
import { afterEach, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../server/config';
import { DIST, HOST_ORIGIN, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

/** What a chain of appending proxies hands on: what the client sent, then each hop's peer. */
const appended = (forged: string | null, ...hops: string[]) => [...(forged === null ? [] : [forged]), ...hops].join(', ');

/** Statuses of event batches posted with the given X-Forwarded-For headers, one each. */
async function statuses(trustProxy: number, headers: Array<string | null>): Promise<number[]> {
  server = await startTestServer({ trustProxy, limits: { eventsPerIpPerMinute: 2 } });
  const body = JSON.stringify({
    siteKey: server.siteKey,
    visitorId: 'visitor_hops_1',
    events: [{ type: 'page_view', url: `${HOST_ORIGIN}/`, at: Date.now() }],
  });
  const out: number[] = [];
  for (const xff of headers) {
    const res = await fetch(`${server.url}/v1/events`, {
      method: 'POST',
      headers: { origin: HOST_ORIGIN, ...(xff === null ? {} : { 'x-forwarded-for': xff }) },
      body,
    });
    out.push(res.status);
  }
  return out;
}

describe('X-Forwarded-For behind appending proxies', () => {
  it('one trusted proxy (SIXTY_TRUST_PROXY=1): a client forging the first entry is still limited by its real address', async () => {
    const forged = ['10.0.0.1', '10.0.0.2', '10.0.0.3'].map((f) => appended(f, '203.0.113.7'));
    expect(await statuses(1, forged)).toEqual([200, 200, 429]);
  });

  it('one trusted proxy: different real clients are counted apart, whatever they forge', async () => {
    expect(await statuses(1, [appended('10.0.0.1', '203.0.113.7'), appended('10.0.0.1', '203.0.113.8'), appended('10.0.0.1', '203.0.113.9')])).toEqual([
      200, 200, 200,
    ]);
  });

  it('two trusted proxies (a CDN, then a load balancer): the client is the second entry from the right', async () => {
    const forged = ['10.0.0.1', '10.0.0.2', '10.0.0.3'].map((f) => appended(f, '203.0.113.7', '198.51.100.1'));
    expect(await statuses(2, forged)).toEqual([200, 200, 429]);
    await server!.stop();
    // Same CDN edge, different clients behind it: counted apart.
    expect(
      await statuses(2, [
        appended(null, '203.0.113.7', '198.51.100.1'),
        appended(null, '203.0.113.8', '198.51.100.1'),
        appended(null, '203.0.113.9', '198.51.100.1'),
      ]),
    ).toEqual([200, 200, 200]);
  });

  it('fewer entries than trusted proxies: the header is not trusted and the socket peer counts', async () => {
    // A request that reached Sixty directly, forging a single entry each time.
    expect(await statuses(2, ['10.0.0.1', '10.0.0.2', '10.0.0.3'])).toEqual([200, 200, 429]);
  });

  it('no trusted proxy (unset): the header is ignored', async () => {
    expect(await statuses(0, ['10.0.0.1', '10.0.0.2', '10.0.0.3'])).toEqual([200, 200, 429]);
  });

  it('reads SIXTY_TRUST_PROXY as a count of proxies: unset or 0 is none, 1 is one as before', () => {
    const hops = (value?: string) => configFromEnv(value === undefined ? {} : { SIXTY_TRUST_PROXY: value }, { distDir: DIST }).trustProxy;
    expect([hops(), hops(''), hops('0'), hops('1'), hops('2')]).toEqual([0, 0, 0, 1, 2]);
    // Once any value but 1 quietly meant no proxy; now a value that is not a count stops the start.
    expect(() => hops('yes')).toThrow(/SIXTY_TRUST_PROXY must be a non-negative integer/);
  });
});
