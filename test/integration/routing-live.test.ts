// Routing over a real server and real socket.io clients, with timeouts shortened through
// configuration: decline, expiry to auto-away, reconnect, restart mid-offer, broadcast, SLA
// breaches and booked callbacks. Each test gets its own server, so no lead waits from another.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OfferView, VisitorStatus } from '../../shared/api';
import {
  callbackBody,
  connected,
  nextEvent,
  postCallback,
  repSocket,
  rows,
  signIn,
  startTestServer,
  visitorSocket,
  type RepClient,
  type TestServer,
} from '../helpers/test-server';
import { postEvents } from '../helpers/events';
import { fakeTime } from '../sim/fake-time';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function server(offerTimeoutMs = 800): Promise<TestServer> {
  const s = await startTestServer({ offerTimeoutMs });
  cleanup.push(() => s.stop());
  return s;
}

async function rep(s: TestServer, email: string, presence: 'available' | 'away' = 'available', cookie?: string): Promise<RepClient> {
  const socket = repSocket(s.url, cookie ?? (await signIn(s.url, email)));
  cleanup.push(() => socket.close());
  await connected(socket);
  await socket.emitWithAck('presence:set', presence);
  return socket;
}

async function siteId(s: TestServer): Promise<string> {
  return (await s.deps.store.siteByKey(s.siteKey))!.id;
}

async function timeline(s: TestServer, leadId: string): Promise<string[]> {
  const card = await s.deps.store.leadCard(leadId, (await s.deps.store.leadWorkspace(leadId))!);
  return card!.timeline.map((e) => `${e.kind}: ${e.text}`);
}

describe('reservations', () => {
  it('moves a declined offer to the next rep, keeps the reason on the trail, and the decliner is not asked again', async () => {
    const s = await server(5000);
    const dana = await rep(s, 'dana@demo.sixty');
    const sam = await rep(s, 'sam@demo.sixty');
    const first = Promise.race([
      nextEvent<OfferView>(dana, 'offer:new').then((o) => ({ who: dana, other: sam, o })),
      nextEvent<OfferView>(sam, 'offer:new').then((o) => ({ who: sam, other: dana, o })),
    ]);
    const res = await postCallback(s.url, callbackBody(s.siteKey));
    const { who, other, o } = await first;
    const closed = nextEvent<{ offerId: string; reason: string }>(who, 'offer:closed');
    const next = nextEvent<OfferView>(other, 'offer:new');
    expect(await who.emitWithAck('offer:decline', { offerId: o.offerId, reason: 'In a meeting' })).toEqual({ ok: true });
    expect(await closed).toEqual({ offerId: o.offerId, reason: 'declined' });
    const second = await next;
    expect(second.leadId).toBe(res.body.leadId);
    // A late accept of the declined offer is refused.
    expect((await who.emitWithAck('offer:accept', { offerId: o.offerId })).ok).toBe(false);
    const trail = await timeline(s, res.body.leadId);
    expect(trail).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^rule: Rule "Everyone else" matched: team Sales, round robin$/),
        expect.stringMatching(/^declined: Declined by .+: In a meeting$/),
      ]),
    );
    // The other declines too: nobody left who has not declined -> queued with the reason.
    expect((await other.emitWithAck('offer:decline', { offerId: second.offerId })).ok).toBe(true);
    await s.deps.router.idle();
    expect((await rows<{ queue_reason: string }>(s, 'select queue_reason from leads where id = ?', res.body.leadId))[0]!.queue_reason).toBe('all_declined');
  });

  it('after K missed offers in a row sets the rep away and tells them why', async () => {
    const s = await server(400);
    const dana = await rep(s, 'dana@demo.sixty');
    const away = nextEvent<{ presence: string; reason?: string }>(dana, 'presence:changed', 4000);
    const res = await postCallback(s.url, callbackBody(s.siteKey));
    // Dana is the only one online: offered, missed, offered again (new round), missed -> away.
    const changed = await away;
    expect(changed.presence).toBe('away');
    expect(changed.reason).toMatch(/missed 2 offers in a row/);
    const sync = await dana.emitWithAck('offers:sync');
    expect(sync.ok && sync.data.presence).toBe('away');
    const trail = await timeline(s, res.body.leadId);
    expect(trail.filter((t) => t.startsWith('expired:'))).toHaveLength(2);
    expect(trail.some((t) => t.startsWith('away: Dana Reyes set away after 2 missed'))).toBe(true);
    expect((await rows<{ n: number }>(s, "select missed_in_a_row as n from users where email = 'dana@demo.sixty'"))[0]!.n).toBe(0);
  });

  it('keeps the missed count in the database: one miss before a restart and one after make two in a row', async () => {
    // After the miss the lead is offered to Dana again at once (she is the only one online). That
    // offer must still be open when s1 stops (else it is a second miss before the restart) and when
    // Dana is back on s2 (its expiry there is the miss after the restart, pushed to her). On fake
    // time each expiry happens when the test moves the clock, however long a restart takes.
    const time = fakeTime();
    const s1 = await startTestServer({ offerTimeoutMs: 3000, ...time.server });
    cleanup.push(() => rmSync(dirname(dirname(s1.deps.config.dbPath)), { recursive: true, force: true }));
    const dana1 = await rep(s1, 'dana@demo.sixty');
    const cookie = await signIn(s1.url, 'dana@demo.sixty');
    const closed = nextEvent<{ offerId: string; reason: string }>(dana1, 'offer:closed', 8000);
    const offered = nextEvent<OfferView>(dana1, 'offer:new');
    await postCallback(s1.url, callbackBody(s1.siteKey));
    await offered;
    await time.advance(3000);
    expect((await closed).reason).toBe('expired');
    dana1.close();
    await s1.close();
    expect((await rows<{ n: number }>(s1, "select missed_in_a_row as n from users where email = 'dana@demo.sixty'"))[0]!.n).toBe(1);

    const s2 = await startTestServer({ dbPath: s1.deps.config.dbPath, offerTimeoutMs: 400, ...time.server });
    cleanup.push(() => s2.close());
    const dana = repSocket(s2.url, cookie);
    cleanup.push(() => dana.close());
    await connected(dana);
    await dana.emitWithAck('presence:set', 'available');
    const changed = nextEvent<{ presence: string; reason?: string }>(dana, 'presence:changed', 8000);
    // Past the second offer's expiry (made on s1 with its 3 s timeout): the miss after the restart.
    await time.advance(3000);
    const away = await changed;
    expect(away.presence).toBe('away');
  });
});

describe('recovery', () => {
  it('recovers an offer after a reconnect through offers:sync, and the accept still works', async () => {
    const s = await server(5000);
    const cookie = await signIn(s.url, 'dana@demo.sixty');
    const dana = await rep(s, 'dana@demo.sixty', 'available', cookie);
    const offered = nextEvent<OfferView>(dana, 'offer:new');
    await postCallback(s.url, callbackBody(s.siteKey));
    const offer = await offered;
    dana.close();
    // A new connection (another tab, or the same after a network drop) gets it from the database.
    const again = repSocket(s.url, cookie);
    cleanup.push(() => again.close());
    await connected(again);
    const sync = await again.emitWithAck('offers:sync');
    expect(sync.ok && sync.data.offers.map((o) => o.offerId)).toEqual([offer.offerId]);
    expect((await again.emitWithAck('offer:accept', { offerId: offer.offerId })).ok).toBe(true);
  });

  it('keeps a pending offer across a restart: the rep re-syncs it and accepts', async () => {
    const s1 = await startTestServer({ offerTimeoutMs: 4000 });
    cleanup.push(() => rmSync(dirname(dirname(s1.deps.config.dbPath)), { recursive: true, force: true }));
    const cookie = await signIn(s1.url, 'dana@demo.sixty');
    const dana1 = await rep(s1, 'dana@demo.sixty', 'available', cookie);
    const offered = nextEvent<OfferView>(dana1, 'offer:new');
    const res = await postCallback(s1.url, callbackBody(s1.siteKey));
    const offer = await offered;
    await s1.close();

    const s2 = await startTestServer({ dbPath: s1.deps.config.dbPath, offerTimeoutMs: 4000 });
    cleanup.push(() => s2.close());
    const dana = repSocket(s2.url, cookie);
    cleanup.push(() => dana.close());
    await connected(dana);
    const sync = await dana.emitWithAck('offers:sync');
    expect(sync.ok && sync.data.offers.map((o) => [o.offerId, o.expiresAt])).toEqual([[offer.offerId, offer.expiresAt]]);
    const visitor = visitorSocket(s2.url, res.body.visitorToken);
    cleanup.push(() => visitor.close());
    expect((await nextEvent<VisitorStatus>(visitor, 'lead:status')).state).toBe('waiting');
    const told = nextEvent<VisitorStatus>(visitor, 'lead:status');
    expect((await dana.emitWithAck('offer:accept', { offerId: offer.offerId })).ok).toBe(true);
    expect(await told).toMatchObject({ state: 'accepted', repName: 'Dana Reyes' });
  });

  it('expires an offer that ran out while the server was down, and re-offers the lead at once when the rep comes back', async () => {
    // Fake time: the downtime is a move of the clock, and "at once" is "before time moves again".
    const time = fakeTime();
    const s1 = await startTestServer({ offerTimeoutMs: 300, ...time.server });
    cleanup.push(() => rmSync(dirname(dirname(s1.deps.config.dbPath)), { recursive: true, force: true }));
    const cookie = await signIn(s1.url, 'dana@demo.sixty');
    const dana1 = await rep(s1, 'dana@demo.sixty', 'available', cookie);
    const offered = nextEvent<OfferView>(dana1, 'offer:new');
    const res = await postCallback(s1.url, callbackBody(s1.siteKey));
    const offer = await offered;
    await s1.close();
    time.clock.now = offer.expiresAt + 200;

    const s2 = await startTestServer({ dbPath: s1.deps.config.dbPath, offerTimeoutMs: 3000, ...time.server });
    cleanup.push(() => s2.close());
    // Expired by the restart itself, before anyone connects: it arms the past-due expiry, which
    // runs as soon as timers run, without the clock moving. In cluster mode (PostgreSQL or Redis)
    // no process keeps expiry timers: the first sweep, one sweep interval after start, expires it.
    const clustered = s2.deps.config.databaseUrl !== null || s2.deps.config.redisUrl !== null;
    await time.advance(clustered ? s2.deps.config.sweepMs : 0);
    await expect
      .poll(async () => (await rows<{ status: string }>(s2, 'select status from offers where id = ?', offer.offerId))[0]!.status, { timeout: 2000 })
      .toBe('expired');
    const dana = repSocket(s2.url, cookie);
    cleanup.push(() => dana.close());
    const again = nextEvent<OfferView>(dana, 'offer:new', 3000);
    await connected(dana);
    const reoffer = await again;
    expect(reoffer.leadId).toBe(res.body.leadId);
    expect(reoffer.offerId).not.toBe(offer.offerId);
    // Made by her coming back, not by a timer: the clock has not moved since.
    expect(reoffer.offeredAt).toBe(time.clock.now);
    // The old one cannot be accepted any more; the new one can.
    expect(await dana.emitWithAck('offer:accept', { offerId: offer.offerId })).toEqual({ ok: false, error: 'expired' });
    expect((await dana.emitWithAck('offer:accept', { offerId: reoffer.offerId })).ok).toBe(true);
  });
});

describe('broadcast', () => {
  it('offers every rep at once; the first accept wins and the others are told it was taken', async () => {
    const s = await server(5000);
    const [rule] = await s.deps.store.routingRules(await siteId(s));
    await s.deps.store.updateRoutingRule(rule!.id, { strategy: 'broadcast' });
    const dana = await rep(s, 'dana@demo.sixty');
    const sam = await rep(s, 'sam@demo.sixty');
    const toDana = nextEvent<OfferView>(dana, 'offer:new');
    const toSam = nextEvent<OfferView>(sam, 'offer:new');
    const res = await postCallback(s.url, callbackBody(s.siteKey));
    const [a, b] = await Promise.all([toDana, toSam]);
    expect(a.leadId).toBe(res.body.leadId);
    expect(b.leadId).toBe(res.body.leadId);
    expect(a.offerId).not.toBe(b.offerId);
    const samClosed = nextEvent<{ offerId: string; reason: string }>(sam, 'offer:closed');
    const danaClosed = nextEvent<{ offerId: string; reason: string }>(dana, 'offer:closed');
    const [ra, rb] = await Promise.all([dana.emitWithAck('offer:accept', { offerId: a.offerId }), sam.emitWithAck('offer:accept', { offerId: b.offerId })]);
    expect([ra.ok, rb.ok].filter(Boolean)).toHaveLength(1);
    const loser = ra.ok ? { ack: rb, closed: samClosed, offerId: b.offerId } : { ack: ra, closed: danaClosed, offerId: a.offerId };
    expect(loser.ack).toEqual({ ok: false, error: 'already_taken' });
    expect(await loser.closed).toEqual({ offerId: loser.offerId, reason: 'taken' });
    expect(await rows(s, "select id from offers where lead_id = ? and status = 'accepted'", res.body.leadId)).toHaveLength(1);
  });
});

describe('the SLA and the nobody-online path', () => {
  it('records an SLA breach with its cause and puts the event in the outbox', async () => {
    const s = await server();
    await s.deps.store.updateSiteRouting(await siteId(s), { slaMs: 300 });
    const res = await postCallback(s.url, callbackBody(s.siteKey));
    expect(res.body.status).toMatchObject({ state: 'no_rep' });
    await expect
      .poll(() => rows(s, 'select cause from sla_breaches where lead_id = ?', res.body.leadId), { timeout: 3000 })
      .toEqual([{ cause: 'nobody_online' }]);
    const [event] = await rows<{ topic: string; payload: string }>(s, 'select topic, payload from outbox');
    expect(event!.topic).toBe('lead.sla_breached');
    expect(JSON.parse(event!.payload)).toMatchObject({ leadId: res.body.leadId, cause: 'nobody_online' });
    expect((await timeline(s, res.body.leadId)).some((t) => t.startsWith('sla_breached: SLA missed'))).toBe(true);
    // The webhook dispatcher, the outbox's reader, takes it on its next tick and marks it delivered.
    await expect.poll(() => rows(s, 'select topic from outbox where delivered_at is not null')).toEqual([{ topic: 'lead.sla_breached' }]);
  });

  it('offers callback slots from the team hours, books one, and offers the lead at its time', async () => {
    // Fake time: the wait for the booked slot is a move of the clock.
    const time = fakeTime();
    const s = await startTestServer({ offerTimeoutMs: 5000, ...time.server });
    cleanup.push(() => s.stop());
    const res = await postCallback(s.url, callbackBody(s.siteKey));
    // The demo team is open around the clock: the first slot is the next half hour after 15 minutes.
    const slots: string[] = res.body.status.slots;
    expect(slots).toHaveLength(6);
    expect(Date.parse(slots[0]!) - time.clock.now).toBeGreaterThanOrEqual(15 * 60_000);
    const booked = await fetch(`${s.url}/v1/callbacks/${res.body.leadId}/slot`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'http://localhost:5999' },
      body: JSON.stringify({ token: res.body.visitorToken, slot: slots[1] }),
    });
    expect(booked.status).toBe(200);
    // A meeting with a rep of the team, 30 minutes long (the default).
    expect((await booked.json()).status).toEqual({
      state: 'scheduled',
      slot: slots[1],
      meeting: { repName: 'Dana Reyes', endsAt: new Date(Date.parse(slots[1]!) + 30 * 60_000).toISOString() },
    });
    // The reps of the team it will be offered to see it coming; a rep outside that team does not.
    const cookies = {
      dana: await signIn(s.url, 'dana@demo.sixty'),
      sam: await signIn(s.url, 'sam@demo.sixty'),
      admin: await signIn(s.url, 'admin@demo.sixty'),
    };
    const get = async (path: string, cookie: string) => (await fetch(`${s.url}/v1/console${path}`, { headers: { cookie } })).json();
    const [team] = await s.deps.store.teams((await s.deps.store.leadWorkspace(res.body.leadId))!);
    await s.deps.store.setTeamMembers(team!.id, [{ repId: (await s.deps.store.userByEmail('dana@demo.sixty'))!.id }]);
    expect(await get('/upcoming', cookies.dana)).toEqual([
      expect.objectContaining({
        leadId: res.body.leadId,
        name: 'Pat Lee',
        at: Date.parse(slots[1]!),
        teams: [{ id: team!.id, name: 'Sales' }],
        score: expect.any(Number),
      }),
    ]);
    expect(await get('/upcoming', cookies.sam)).toEqual([]);
    expect((await get('/supervisor', cookies.admin)).booked.map((b: { leadId: string }) => b.leadId)).toEqual([res.body.leadId]);
    // A rep online before the time is not offered it early...
    const dana = await rep(s, 'dana@demo.sixty', 'available', cookies.dana);
    const got: OfferView[] = [];
    dana.on('offer:new', (o) => got.push(o));
    const at = Date.parse(slots[1]!);
    await time.scheduler.advanceTo(at - 1);
    expect(await rows(s, 'select id from offers where lead_id = ?', res.body.leadId)).toEqual([]);
    expect(got).toEqual([]);
    // ...and is when it comes.
    await time.scheduler.advanceTo(at);
    await expect.poll(() => got.map((o) => o.leadId), { timeout: 3000 }).toEqual([res.body.leadId]);
    expect(got[0]!.offeredAt).toBe(at);
    expect(await get('/upcoming', cookies.dana)).toEqual([]);
  });
});

describe('a lead back from nurture', () => {
  /**
   * A visitor's callback, accepted by whoever round robin offered it to, who then logs nurture.
   * Both reps stay online and available.
   */
  async function nurturedLead(s: TestServer, visitorId: string) {
    const cookies = { dana: await signIn(s.url, 'dana@demo.sixty'), sam: await signIn(s.url, 'sam@demo.sixty') };
    const dana = await rep(s, 'dana@demo.sixty', 'available', cookies.dana);
    const sam = await rep(s, 'sam@demo.sixty', 'available', cookies.sam);
    const first = Promise.race([
      nextEvent<OfferView>(dana, 'offer:new').then((o) => ({ owner: dana, other: sam, cookie: cookies.dana, o })),
      nextEvent<OfferView>(sam, 'offer:new').then((o) => ({ owner: sam, other: dana, cookie: cookies.sam, o })),
    ]);
    const res = await postCallback(s.url, callbackBody(s.siteKey, { visitorId }));
    const { owner, other, cookie, o } = await first;
    expect((await owner.emitWithAck('offer:accept', { offerId: o.offerId })).ok).toBe(true);
    const nurture = await fetch(`${s.url}/v1/console/leads/${o.leadId}/outcome`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ outcome: 'nurture', reason: 'Budget opens next year' }),
    });
    expect(nurture.status).toBe(200);
    await s.deps.router.idle();
    return { leadId: res.body.leadId as string, owner, other };
  }

  it('offers it to its owner first when they are online, after an identify and a hand-raise event', async () => {
    const s = await server(5000);
    const { leadId, owner, other } = await nurturedLead(s, 'visitor_back_events');
    const got: OfferView[] = [];
    other.on('offer:new', (o) => got.push(o));
    const offered = nextEvent<OfferView>(owner, 'offer:new');
    const at = Date.now();
    const sent = await postEvents(s.url, {
      siteKey: s.siteKey,
      visitorId: 'visitor_back_events',
      events: [
        { type: 'identify', at, props: { name: 'Pat Lee', phone: '+1 415 555 2671' } },
        { type: 'custom', name: 'demo_request', url: 'http://localhost:5999/demo', at },
      ],
    });
    expect(sent.status).toBe(200);
    const offer = await offered;
    expect(offer.leadId).toBe(leadId);
    expect(offer.lead.stage).toBe('hot');
    expect(got).toEqual([]);
    const trail = await timeline(s, leadId);
    expect(trail).toContainEqual(
      expect.stringMatching(/^returned: Returned from nurture after \d+ min: hand-raise: demo_request\. Routing to a rep now, its previous owner first$/),
    );
    // One lead, not two.
    expect(await rows(s, 'select id from leads')).toHaveLength(1);
  });

  it('offers it to the team when its owner is offline, after a new callback from the same person', async () => {
    const s = await server(5000);
    const { leadId, owner, other } = await nurturedLead(s, 'visitor_back_callback');
    owner.close();
    await expect.poll(() => s.deps.online.set.size).toBe(1);
    const offered = nextEvent<OfferView>(other, 'offer:new');
    const again = await postCallback(s.url, callbackBody(s.siteKey, { answers: { projects: 'both', size: '201+', role: 'decision' } }));
    expect(again.status).toBe(200);
    expect(again.body.leadId).toBe(leadId);
    const offer = await offered;
    expect(offer.leadId).toBe(leadId);
    // Re-qualified with the answers it brought.
    expect(offer.lead.answers).toContainEqual({ question: 'How many employees?', answer: '201 or more' });
    const trail = await timeline(s, leadId);
    expect(trail).toContainEqual(
      expect.stringMatching(/^returned: Returned from nurture after \d+ min: asked for a callback\. Routing to a rep now, its previous owner first$/),
    );
    expect(trail).toContainEqual(expect.stringMatching(/^skipped: Skipped .+: offline$/));
    expect(await rows(s, 'select id from leads')).toHaveLength(1);
  });
});

describe('what the visitor is told when nobody can call', () => {
  /** Sunday 2026-12-13 03:00 in New York, moving on in real time. */
  const SUNDAY_NIGHT = Date.parse('2026-12-13T08:00:00Z');
  const NY_WEEKDAYS = { timeZone: 'America/New_York', weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:00' })), holidays: [] };

  async function admin(s: TestServer, method: string, path: string, body: unknown) {
    const res = await fetch(`${s.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', origin: new URL(s.url).origin, cookie: await signIn(s.url, 'admin@demo.sixty') },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return res.json() as Promise<any>;
  }

  it('tells queued (inside hours, nobody on) from busy (the rep on is occupied)', async () => {
    const s = await server(60_000);
    const queued = await postCallback(s.url, callbackBody(s.siteKey));
    expect(queued.body.status).toMatchObject({ state: 'no_rep', why: 'queued', opensAt: null });
    expect(queued.body.status.slots).toHaveLength(6);
    // Dana comes on and is offered the queued lead: her one offer slot is taken.
    const dana = await rep(s, 'dana@demo.sixty');
    await expect
      .poll(async () => {
        const sync = await dana.emitWithAck('offers:sync');
        return sync.ok ? sync.data.offers.map((o) => o.leadId) : null;
      })
      .toEqual([queued.body.leadId]);
    const busy = await postCallback(s.url, callbackBody(s.siteKey, { phone: '+1 415 555 2672' }));
    expect(busy.body.status).toMatchObject({ state: 'no_rep', why: 'busy', opensAt: null });
  });

  it('says closed, and when it opens, when nobody who could take it is inside their hours', async () => {
    const s = await startTestServer({
      clock: (
        (t0) => () =>
          SUNDAY_NIGHT + (Date.now() - t0)
      )(Date.now()),
    });
    cleanup.push(() => s.stop());
    const [sales] = await s.deps.store.teams((await s.deps.store.siteByKey(s.siteKey))!.workspaceId);
    await admin(s, 'PUT', `/v1/console/teams/${sales!.id}`, { name: sales!.name, hours: NY_WEEKDAYS });
    // Nobody is on, and it is Sunday night for the team: closed, not queued.
    const res = await postCallback(s.url, callbackBody(s.siteKey));
    expect(res.body.status).toMatchObject({ state: 'no_rep', why: 'closed', opensAt: '2026-12-14T14:00:00.000Z' });
    expect(res.body.status.slots[0]).toBe('2026-12-14T14:00:00.000Z');
    // The live channel says the same.
    const visitor = visitorSocket(s.url, res.body.visitorToken);
    cleanup.push(() => visitor.close());
    expect(await nextEvent<VisitorStatus>(visitor, 'lead:status')).toEqual(res.body.status);
  });

  it('gives disqualified and suspect visitors the site’s ending link, the same for both, never "closed"', async () => {
    const s = await server();
    const site = await siteId(s);
    const none = await postCallback(s.url, callbackBody(s.siteKey, { answers: { projects: 'residential', size: '1-10', role: 'decision' } }));
    expect(none.body.status).toEqual({ state: 'ended', link: null });
    await admin(s, 'PUT', `/v1/console/sites/${site}/appearance`, {
      accentColor: '#1746d1',
      position: 'right',
      zIndex: 10000,
      texts: {},
      endingUrl: 'https://acme.example/guides',
    });
    const disqualified = await postCallback(
      s.url,
      callbackBody(s.siteKey, { phone: '+1 415 555 2673', answers: { projects: 'residential', size: '1-10', role: 'decision' } }),
    );
    const suspect = await postCallback(
      s.url,
      callbackBody(s.siteKey, { phone: '+1 415 555 2674', answers: { projects: 'commercial', size: '1-10', role: 'student' } }),
    );
    expect(disqualified.body.status).toEqual({ state: 'ended', link: 'https://acme.example/guides' });
    expect(suspect.body.status).toEqual(disqualified.body.status);
    const visitor = visitorSocket(s.url, suspect.body.visitorToken);
    cleanup.push(() => visitor.close());
    expect(await nextEvent<VisitorStatus>(visitor, 'lead:status')).toEqual({ state: 'ended', link: 'https://acme.example/guides' });
  });
});
