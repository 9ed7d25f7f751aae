// Browser calls (issue 23) through the real store and router on the demo seed, with a fake clock,
// on every store backend: a browser-call lead goes only to a rep whose tab can take calls (a tab
// without a microphone and a rep on their devices are skipped), a decline or a timeout moves it
// on; the call's record (start, connect, end, who, how long, quality) and the lead's first call.
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OfferView } from '../../shared/api';
import type { Qualification } from '../../shared/qualify/types';
import type { Site, Store } from '../../server/db/store';
import { seedDemo } from '../../server/demo/seed';
import { OnlineReps } from '../../server/live/online-reps';
import { createRouter, type Router } from '../../server/routing/router';
import { planCapture } from '../../server/capture/plan-capture.core';
import { storeBackends, type OpenStore } from '../helpers/store-backends';
import { TEST_DEMO_PASSWORD } from '../helpers/test-server';
import { FakeClock, FakeScheduler } from '../sim/fake-time';

const MONDAY_10 = Date.parse('2026-11-23T10:00:00Z');
const OFFER_MS = 20_000;
const HOT: Qualification = { fit: { status: 'passes', missing: [] }, score: 70, handRaise: true, mql: true, hot: true, reasons: [], rulesVersion: 1 };

describe.each(storeBackends())('browser calls on $name', (backend) => {
  let opened: OpenStore;
  let store: Store;
  let router: Router;
  let clock: FakeClock;
  let scheduler: FakeScheduler;
  let online: OnlineReps;
  let site: Site;
  let ids: { dana: string; sam: string; workspace: string };
  let offers: Array<{ repId: string; offer: OfferView }>;

  beforeEach(async () => {
    opened = await backend.open();
    store = opened.store;
    clock = new FakeClock(MONDAY_10);
    scheduler = new FakeScheduler(clock);
    online = new OnlineReps();
    offers = [];
    const { siteKey } = await seedDemo(store, clock.now, OFFER_MS, TEST_DEMO_PASSWORD);
    site = (await store.siteByKey(siteKey))!;
    const [dana, sam] = await Promise.all(['dana', 'sam'].map((n) => store.userByEmail(`${n}@demo.sixty`)));
    ids = { dana: dana!.id, sam: sam!.id, workspace: site.workspaceId };
    router = createRouter({
      store,
      clock: clock.read,
      online,
      scheduler,
      log: pino({ level: 'silent' }),
      notify: {
        offerNew: (repId, offer) => void offers.push({ repId, offer }),
        offerClosed: () => {},
        leadUpdated: () => {},
        presenceChanged: () => {},
        visitorStatus: () => {},
      },
    });
    await router.start();
  });

  afterEach(async () => {
    router.stop();
    await router.idle();
    await opened.close();
  });

  /** A rep with a live tab, available; `calls`: the tab can take browser calls. */
  async function tab(repId: string, calls: boolean) {
    online.connect(repId, `tab-${repId}`);
    online.callCapable(repId, `tab-${repId}`, calls);
    await store.setPresence(repId, 'available');
    await router.repAvailable(ids.workspace);
  }

  /** A hot lead, routed; `browser`: its visitor asked to talk in the browser (leads.talk set before it is routed). */
  async function browserLead(browser = true): Promise<string> {
    const r = await store.commitCapture(
      planCapture({
        site,
        name: 'Pat',
        phoneE164: browser ? '+14155552671' : '+14155552672',
        email: null,
        answers: { projects: 'commercial', size: '51-200', role: 'decision' },
        pageUrl: null,
        visitorId: null,
        qualification: HOT,
        stage: 'hot',
        idempotency: null,
        now: clock.now,
      }),
      null,
    );
    if (r.kind !== 'created') throw new Error('not created');
    if (browser) await opened.query(`update leads set talk = 'browser' where id = ? returning id`, r.leadId);
    await router.leadCaptured(r.leadId);
    return r.leadId;
  }

  const offersOf = (leadId: string) => offers.filter((o) => o.offer.leadId === leadId);
  const trail = async (leadId: string) => (await store.leadCard(leadId, ids.workspace))!.timeline.map((e) => e.text);

  it('skips a tab that cannot take calls and a rep on their devices, then reaches the first tab that can; a decline and a timeout move it on', async () => {
    await tab(ids.dana, false);
    await store.setPresence(ids.sam, 'devices');
    const leadId = await browserLead();
    expect(offersOf(leadId)).toEqual([]);
    const waiting = (await trail(leadId)).join('\n');
    expect(waiting).toContain('no console tab that can take a browser call');
    expect(waiting).toMatch(/Dana Reyes.*Sam Okafor|Sam Okafor.*Dana Reyes/);

    // Dana's tab gets a microphone: the lead is offered to her at once.
    online.callCapable(ids.dana, `tab-${ids.dana}`, true);
    await router.repAvailable(ids.workspace);
    expect(offersOf(leadId).map((o) => o.repId)).toEqual([ids.dana]);
    expect(offersOf(leadId)[0]!.offer.lead.talk).toBe('browser');

    // She lets it time out; Sam opens a tab that can take calls: it goes to him.
    await tab(ids.sam, true);
    await scheduler.advanceTo(clock.now + OFFER_MS + 1, async () => router.idle());
    await router.idle();
    expect(offersOf(leadId).map((o) => o.repId)).toEqual([ids.dana, ids.sam]);

    // Sam declines; Dana's miss was only a timeout, so a new round brings it back to her.
    expect((await router.decline(offersOf(leadId)[1]!.offer.offerId, ids.sam, 'on a call')).ok).toBe(true);
    await router.idle();
    expect(offersOf(leadId).map((o) => o.repId)).toEqual([ids.dana, ids.sam, ids.dana]);
  });

  it('records the call: started at the accept, connected (the first call attempt), ended with who, how long and each side’s quality', async () => {
    await tab(ids.dana, true);
    const leadId = await browserLead();
    const { offer } = offersOf(leadId)[0]!;
    expect((await router.accept(offer.offerId, ids.dana)).ok).toBe(true);
    await router.idle();
    const acceptedAt = clock.now;
    expect(await store.browserCallStarted(offer.offerId, clock.now)).toBe(true);
    // Once: a second start (another tab, a retry) adds nothing.
    expect(await store.browserCallStarted(offer.offerId, clock.now + 5)).toBe(true);

    clock.now += 2_500;
    await store.recordCallReport(offer.offerId, 'rep', { offerId: offer.offerId, event: 'connected' }, clock.now);
    const connectedAt = clock.now;
    clock.now += 300;
    await store.recordCallReport(offer.offerId, 'visitor', { offerId: offer.offerId, event: 'connected' }, clock.now);
    expect((await store.leadCard(leadId, ids.workspace))!.firstCallAt).toBe(connectedAt);

    clock.now += 134_000;
    const endedAt = clock.now;
    const visitorQ = { rttMs: 42, packetLossPct: 0.25, jitterMs: 3.2 };
    await store.recordCallReport(offer.offerId, 'visitor', { offerId: offer.offerId, event: 'ended', reason: 'hangup', quality: visitorQ }, clock.now);
    clock.now += 400;
    await store.recordCallReport(
      offer.offerId,
      'rep',
      { offerId: offer.offerId, event: 'ended', reason: 'hangup', quality: { rttMs: 40, packetLossPct: 0, jitterMs: null } },
      clock.now,
    );

    expect(await store.browserCall(offer.offerId)).toEqual({
      offerId: offer.offerId,
      workspaceId: ids.workspace,
      leadId,
      repId: ids.dana,
      acceptedAt,
      connectedAt,
      endedAt,
      endedBy: 'visitor',
      durationMs: endedAt - connectedAt,
      visitorRttMs: 42,
      visitorLossPct: 0.25,
      visitorJitterMs: 3.2,
      repRttMs: 40,
      repLossPct: 0,
      repJitterMs: null,
    });
    const lines = (await trail(leadId)).filter((t) => /browser call|first call/i.test(t));
    expect(lines).toEqual([
      'Browser call started: Dana Reyes accepted, connecting in the browser',
      'Browser call connected 3 s after the accept',
      'First call attempt',
      'Browser call ended after 2 min 14 s: the visitor hung up · round trip 42 ms, loss 0.3%, jitter 3 ms',
    ]);
    // A later click on the phone number is not a first call any more.
    await store.recordCallAttempt(leadId, ids.dana, ids.workspace, clock.now + 1000);
    expect((await store.leadCard(leadId, ids.workspace))!.firstCallAt).toBe(connectedAt);
  });

  it('says the network ended a call that failed, and a call that never connected has no duration and no first call', async () => {
    await tab(ids.dana, true);
    const leadId = await browserLead();
    const { offer } = offersOf(leadId)[0]!;
    expect((await router.accept(offer.offerId, ids.dana)).ok).toBe(true);
    await router.idle();
    clock.now += 9_000;
    await store.recordCallReport(offer.offerId, 'rep', { offerId: offer.offerId, event: 'ended', reason: 'failed' }, clock.now);
    // Connected after the end (a late message): nothing changes.
    await store.recordCallReport(offer.offerId, 'visitor', { offerId: offer.offerId, event: 'connected' }, clock.now + 10);
    expect(await store.browserCall(offer.offerId)).toMatchObject({ connectedAt: null, endedBy: 'network', durationMs: null, endedAt: clock.now });
    expect((await store.leadCard(leadId, ids.workspace))!.firstCallAt).toBeNull();
    expect((await trail(leadId)).at(-1)).toBe('Browser call ended before voice connected: the connection failed');
  });

  it('keeps no record for a phone callback', async () => {
    await tab(ids.dana, true);
    const leadId = await browserLead(false);
    const { offer } = offersOf(leadId)[0]!;
    expect(offer.lead.talk).toBeUndefined();
    expect((await router.accept(offer.offerId, ids.dana)).ok).toBe(true);
    expect(await store.browserCallStarted(offer.offerId, clock.now)).toBe(false);
    expect(await store.recordCallReport(offer.offerId, 'rep', { offerId: offer.offerId, event: 'connected' }, clock.now)).toBe(false);
    expect(await store.browserCall(offer.offerId)).toBeNull();
  });
});
