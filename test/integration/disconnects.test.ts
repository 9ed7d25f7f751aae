// A rep's connection drops during an offer for 0 to 3 offer timeouts: the offer is recovered on
// reconnect while it lasts, or rerouted after its timeout; nothing stays offered past its
// timeout. The server runs on fake time (test/sim/fake-time): a drop moves the clock on by its
// length and runs the routing timers due on the way, so no case waits on the real clock.
// Also: session cookies are Secure behind an HTTPS proxy.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferView } from '../../shared/api';
import {
  TEST_DEMO_PASSWORD,
  callbackBody,
  connected,
  postCallback,
  repSocket,
  signIn,
  startTestServer,
  type RepClient,
  type TestServer,
} from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { fakeTime } from '../sim/fake-time';

/** The offer timeout; on fake time its length costs nothing. */
const TIMEOUT = 3000;
const time = fakeTime();
let server: TestServer;
let sam: RepClient;
const samOffers: OfferView[] = [];
beforeAll(async () => {
  server = await startTestServer({ offerTimeoutMs: TIMEOUT, ...time.server });
  sam = repSocket(server.url, await signIn(server.url, 'sam@demo.sixty'));
  sam.on('offer:new', (o) => samOffers.push(o));
  await connected(sam);
});
afterAll(async () => {
  sam.close();
  await server.stop();
});

/** Waits for the offer of this lead among those a socket was pushed (an earlier case's lead is not it). */
const offerOf = (offers: OfferView[], leadId: string) => waitFor(`an offer for lead ${leadId}`, () => offers.find((o) => o.leadId === leadId), 5000);

function staleOffers(): number {
  const db = new Database(server.deps.config.dbPath, { readonly: true });
  try {
    return (db.prepare("select count(*) as n from offers where status = 'offered' and expires_at < ?").get(time.clock.now) as { n: number }).n;
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
      const danaOffers: OfferView[] = [];
      dana.on('offer:new', (o) => danaOffers.push(o));
      await connected(dana);
      await dana.emitWithAck('presence:set', 'available');
      const lead = await postCallback(server.url, callbackBody(server.siteKey));
      const offer = await offerOf(danaOffers, lead.body.leadId);
      // Sam comes back so there is someone to reroute to, and takes this lead the moment it is
      // rerouted to him: it cannot expire on him too (and come back to Dana, or linger into the
      // next case), however long the drop. Dana's connection drops.
      let samAccepted: Promise<unknown> | undefined;
      const takeOnSam = (o: OfferView) => {
        if (o.leadId === lead.body.leadId) samAccepted ??= sam.emitWithAck('offer:accept', { offerId: o.offerId });
      };
      sam.on('offer:new', takeOnSam);
      try {
        await sam.emitWithAck('presence:set', 'available');
        const danaId = (await server.deps.store.userByEmail('dana@demo.sixty'))!.id;
        dana.close();
        // The server has seen the drop before time moves, as it would during a real wait.
        await expect.poll(() => server.deps.online.set.has(danaId)).toBe(false);
        const until = time.clock.now + timeouts * TIMEOUT;
        if (until >= offer.expiresAt) {
          // Up to the expiry: the lead goes to Sam, whose accept crosses the socket before time
          // moves on (as it would in the milliseconds a real clock gives it).
          await time.scheduler.advanceTo(offer.expiresAt);
          await offerOf(samOffers, lead.body.leadId);
          await waitFor('Sam to take the rerouted lead', () => samAccepted, 5000);
          await samAccepted;
        }
        await time.scheduler.advanceTo(until);
        const back = repSocket(server.url, cookie);
        await connected(back);
        const sync = await back.emitWithAck('offers:sync');
        const recovered = sync.ok && sync.data.offers.some((o) => o.offerId === offer.offerId);
        if (time.clock.now < offer.expiresAt) {
          expect(recovered).toBe(true);
          expect((await back.emitWithAck('offer:accept', { offerId: offer.offerId })).ok).toBe(true);
        } else {
          expect(recovered).toBe(false);
          const rerouted = await offerOf(samOffers, lead.body.leadId);
          // At the moment it expired: its timer ran at its own time.
          expect(rerouted.offeredAt).toBe(offer.expiresAt);
          expect(await samAccepted).toMatchObject({ ok: true });
        }
        expect(staleOffers()).toBe(0);
        await back.emitWithAck('presence:set', 'away');
        back.close();
      } finally {
        sam.off('offer:new', takeOnSam);
      }
    });
  }
});

describe('session cookies behind a proxy', () => {
  it('are Secure when a trusted proxy says the request came over HTTPS, and not from an untrusted header', async () => {
    const body = JSON.stringify({ email: 'dana@demo.sixty', password: TEST_DEMO_PASSWORD });
    const direct = await fetch(`${server.url}/v1/console/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body,
    });
    expect(direct.headers.get('set-cookie')).not.toMatch(/Secure/i);
    const proxied = await startTestServer({ trustProxy: 1 });
    try {
      const res = await fetch(`${proxied.url}/v1/console/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body,
      });
      expect(res.headers.get('set-cookie')).toMatch(/Secure/i);
    } finally {
      await proxied.stop();
    }
  });
});
