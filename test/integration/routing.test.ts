// Routing v1 end to end over real sockets: offer, accept, expiry to the next rep, races.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OfferView, VisitorStatus } from '../../shared/api';
import type { Ack } from '../../shared/live-events';
import {
  callbackBody,
  connected,
  nextEvent,
  postCallback,
  repSocket,
  signIn,
  startTestServer,
  visitorSocket,
  type RepClient,
  type TestServer,
} from '../helpers/test-server';

let server: TestServer;
const open: Array<{ close: () => unknown }> = [];
beforeAll(async () => {
  // The default (long) offer timeout: accepts here may come seconds late on a loaded machine and
  // must still win. Only the expiry test shortens it, for its own lead.
  server = await startTestServer();
});
afterAll(() => server.stop());
afterEach(async () => {
  for (const s of open.splice(0)) s.close();
  // Leave every rep away between tests so each test decides who is available.
  for (const email of ['dana@demo.sixty', 'sam@demo.sixty', 'admin@demo.sixty']) {
    const u = await server.deps.store.userByEmail(email);
    if (u) await server.deps.store.setPresence(u.id, 'away');
  }
});

async function rep(email: string, presence: 'available' | 'away' = 'available'): Promise<RepClient> {
  const socket = repSocket(server.url, await signIn(server.url, email));
  open.push(socket);
  await connected(socket);
  const r = await socket.emitWithAck('presence:set', presence);
  expect(r).toEqual({ ok: true, data: { presence } });
  return socket;
}

describe('routing a hot lead', () => {
  it('offers a hot callback to an available rep, and the accept reaches the visitor with the rep name', async () => {
    const dana = await rep('dana@demo.sixty');
    const offered = nextEvent<OfferView>(dana, 'offer:new');
    const res = await postCallback(server.url, callbackBody(server.siteKey));
    expect(res.status).toBe(201);
    expect(res.body.status.state).toBe('waiting');
    const offer = await offered;
    expect(offer.leadId).toBe(res.body.leadId);
    expect(offer.lead.name).toBe('Pat Lee');
    expect(offer.lead.qualification.reasons.map((r) => r.text)).toContain('Asked for a callback');

    const visitor = visitorSocket(server.url, res.body.visitorToken);
    open.push(visitor);
    expect((await nextEvent<VisitorStatus>(visitor, 'lead:status')).state).toBe('waiting');
    const told = nextEvent<VisitorStatus>(visitor, 'lead:status');
    const ack = await dana.emitWithAck('offer:accept', { offerId: offer.offerId });
    expect(ack.ok).toBe(true);
    if (ack.ok) {
      expect(ack.data.stage).toBe('sal');
      expect(ack.data.phone).toBe('+14155552671');
    }
    expect(await told).toMatchObject({ state: 'accepted', repName: 'Dana Reyes' });
  });

  it('moves an unanswered offer to the next rep after the accept timeout, and refuses the late accept', async () => {
    const dana = await rep('dana@demo.sixty');
    const sam = await rep('sam@demo.sixty');
    const store = server.deps.store;
    const site = (await store.siteByKey(server.siteKey))!;
    // A short timeout for the first offer only (the store's update forgets its cached site, so
    // the next offer reads it).
    await store.updateSiteRouting(site.id, { offerTimeoutMs: 1000 });
    try {
      const first = Promise.race([
        nextEvent<OfferView>(dana, 'offer:new').then((o) => ({ who: dana, other: sam, o })),
        nextEvent<OfferView>(sam, 'offer:new').then((o) => ({ who: sam, other: dana, o })),
      ]);
      await postCallback(server.url, callbackBody(server.siteKey));
      const { who, other, o } = await first;
      expect(o.expiresAt - o.offeredAt).toBe(1000);
      // The long timeout back at once, so the re-offer (made at expiry, reading the site afresh)
      // normally carries it and can be accepted however slow the machine is; the re-offer is
      // also accepted as soon as it arrives, in case it was made before this update landed.
      await store.updateSiteRouting(site.id, { offerTimeoutMs: site.offerTimeoutMs });
      // Expiry is by timer (SQLite) or by the sweeper (~1 s, clustered on PostgreSQL): generous waits.
      const closed = nextEvent<{ offerId: string; reason: string }>(who, 'offer:closed', 10_000);
      const second = await nextEvent<OfferView>(other, 'offer:new', 10_000);
      expect(second.leadId).toBe(o.leadId);
      expect((await other.emitWithAck('offer:accept', { offerId: second.offerId })).ok).toBe(true);
      expect(await closed).toEqual({ offerId: o.offerId, reason: 'expired' });
      // The late accept of the expired offer is refused as expired, not as taken by the other rep.
      expect(await who.emitWithAck('offer:accept', { offerId: o.offerId })).toEqual({ ok: false, error: 'expired' });
      const card = await store.leadCard(o.leadId, (await store.leadWorkspace(o.leadId))!);
      const trail = card!.timeline.map((e) => e.kind);
      expect(trail).toEqual(expect.arrayContaining(['captured', 'offered', 'expired', 'accepted']));
    } finally {
      await store.updateSiteRouting(site.id, { offerTimeoutMs: site.offerTimeoutMs });
    }
  });

  it('gives exactly one winner when two tabs of a rep accept the same offer at once', async () => {
    const tabA = await rep('dana@demo.sixty');
    const cookie = await signIn(server.url, 'dana@demo.sixty');
    const tabB = repSocket(server.url, cookie);
    open.push(tabB);
    await connected(tabB);
    const offered = nextEvent<OfferView>(tabA, 'offer:new');
    const offeredB = nextEvent<OfferView>(tabB, 'offer:new');
    await postCallback(server.url, callbackBody(server.siteKey));
    const offer = await offered;
    expect((await offeredB).offerId).toBe(offer.offerId);
    const results: Ack<unknown>[] = await Promise.all([
      tabA.emitWithAck('offer:accept', { offerId: offer.offerId }),
      tabB.emitWithAck('offer:accept', { offerId: offer.offerId }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: 'already_taken' }]);
  });

  it("refuses a rep accepting another rep's offer", async () => {
    const dana = await rep('dana@demo.sixty');
    const sam = await rep('sam@demo.sixty', 'away');
    const offered = nextEvent<OfferView>(dana, 'offer:new');
    await postCallback(server.url, callbackBody(server.siteKey));
    const offer = await offered;
    const [samTry, danaTry] = await Promise.all([
      sam.emitWithAck('offer:accept', { offerId: offer.offerId }),
      dana.emitWithAck('offer:accept', { offerId: offer.offerId }),
    ]);
    expect(samTry).toEqual({ ok: false, error: 'not_found' });
    expect(danaTry.ok).toBe(true);
  });

  it('keeps a lead waiting while nobody is available, offers callback times, and offers it when a rep becomes available', async () => {
    const res = await postCallback(server.url, callbackBody(server.siteKey));
    expect(res.body.status.state).toBe('no_rep');
    expect(res.body.status.slots.length).toBeGreaterThan(0);
    const visitor = visitorSocket(server.url, res.body.visitorToken);
    open.push(visitor);
    expect((await nextEvent<VisitorStatus>(visitor, 'lead:status')).state).toBe('no_rep');
    const cookie = await signIn(server.url, 'sam@demo.sixty');
    const sam = repSocket(server.url, cookie);
    open.push(sam);
    await connected(sam);
    const offered = nextEvent<OfferView>(sam, 'offer:new');
    const waiting = nextEvent<VisitorStatus>(visitor, 'lead:status');
    await sam.emitWithAck('presence:set', 'available');
    expect((await offered).leadId).toBe(res.body.leadId);
    expect((await waiting).state).toBe('waiting');
    // Re-sync from committed state returns the same open offer.
    const sync = await sam.emitWithAck('offers:sync');
    expect(sync.ok && sync.data.offers.map((o) => o.leadId)).toContain(res.body.leadId);
  });
});

describe('the live channel refuses strangers', () => {
  it('refuses a visitor socket with a forged or missing token, which receives nothing', async () => {
    const res = await postCallback(server.url, callbackBody(server.siteKey));
    const forged = `${res.body.leadId}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
    for (const token of [forged, '', 'garbage']) {
      const s = visitorSocket(server.url, token);
      open.push(s);
      const got: unknown[] = [];
      s.on('lead:status', (p) => got.push(p));
      await expect(connected(s)).rejects.toThrow('forbidden');
      expect(got).toEqual([]);
    }
  });

  it("refuses a visitor token on another site's origin", async () => {
    const res = await postCallback(server.url, callbackBody(server.siteKey));
    const s = visitorSocket(server.url, res.body.visitorToken, 'https://evil.example');
    open.push(s);
    await expect(connected(s)).rejects.toThrow('forbidden');
  });

  it('refuses a rep socket without a session', async () => {
    const s = repSocket(server.url, 'sixty_session=forged');
    open.push(s);
    await expect(connected(s)).rejects.toThrow('unauthenticated');
  });
});
