// A rep's connection drops during an offer for 0 to 3 offer timeouts: the offer is recovered on
// reconnect while it lasts, or rerouted after its timeout; nothing stays offered past its
// timeout plus a second. Also: session cookies are Secure behind an HTTPS proxy.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferView } from '../../shared/api';
import { callbackBody, connected, postCallback, repSocket, signIn, startTestServer, type RepClient, type TestServer } from '../helpers/test-server';

const TIMEOUT = 1200;
let server: TestServer;
let sam: RepClient;
const samOffers: OfferView[] = [];
beforeAll(async () => {
  server = await startTestServer({ offerTimeoutMs: TIMEOUT });
  sam = repSocket(server.url, await signIn(server.url, 'sam@demo.sixty'));
  sam.on('offer:new', (o) => samOffers.push(o));
  await connected(sam);
});
afterAll(async () => {
  sam.close();
  await server.stop();
});

function staleOffers(): number {
  const db = new Database(server.deps.config.dbPath, { readonly: true });
  try {
    return (db.prepare("select count(*) as n from offers where status = 'offered' and expires_at < ?").get(Date.now() - 1000) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('disconnects during an offer', () => {
  for (const timeouts of [0, 0.5, 1.5, 3]) {
    it(`a drop of ${timeouts} offer timeouts: recovered while it lasts, rerouted after`, async () => {
      await sam.emitWithAck('presence:set', 'away');
      const cookie = await signIn(server.url, 'dana@demo.sixty');
      const dana = repSocket(server.url, cookie);
      const first = new Promise<OfferView>((r) => dana.once('offer:new', r));
      await connected(dana);
      await dana.emitWithAck('presence:set', 'available');
      const lead = await postCallback(server.url, callbackBody(server.siteKey));
      const offer = await first;
      expect(offer.leadId).toBe(lead.body.leadId);
      // Sam comes back so there is someone to reroute to; Dana's connection drops.
      await sam.emitWithAck('presence:set', 'available');
      dana.close();
      await new Promise((r) => setTimeout(r, timeouts * TIMEOUT));
      const back = repSocket(server.url, cookie);
      await connected(back);
      const sync = await back.emitWithAck('offers:sync');
      const recovered = sync.ok && sync.data.offers.some((o) => o.offerId === offer.offerId);
      if (Date.now() < offer.expiresAt - 100) {
        expect(recovered).toBe(true);
        expect((await back.emitWithAck('offer:accept', { offerId: offer.offerId })).ok).toBe(true);
      } else {
        expect(recovered).toBe(false);
        for (let i = 0; i < 60 && !samOffers.some((o) => o.leadId === lead.body.leadId); i++) await new Promise((r) => setTimeout(r, 50));
        const rerouted = samOffers.find((o) => o.leadId === lead.body.leadId)!;
        expect(rerouted?.leadId).toBe(lead.body.leadId);
        expect(rerouted.offeredAt - offer.expiresAt).toBeLessThan(1000);
        await sam.emitWithAck('offer:accept', { offerId: rerouted.offerId });
      }
      expect(staleOffers()).toBe(0);
      await back.emitWithAck('presence:set', 'away');
      back.close();
    });
  }
});

describe('session cookies behind a proxy', () => {
  it('are Secure when a trusted proxy says the request came over HTTPS, and not from an untrusted header', async () => {
    const body = JSON.stringify({ email: 'dana@demo.sixty', password: 'sixty-demo' });
    const direct = await fetch(`${server.url}/v1/console/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' }, body });
    expect(direct.headers.get('set-cookie')).not.toMatch(/Secure/i);
    const proxied = await startTestServer({ trustProxy: true });
    try {
      const res = await fetch(`${proxied.url}/v1/console/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' }, body });
      expect(res.headers.get('set-cookie')).toMatch(/Secure/i);
    } finally {
      await proxied.stop();
    }
  });
});
