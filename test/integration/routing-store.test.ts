// Routing through the real store and router on the demo seed, with a fake clock: hours and the
// wake-up at opening, leads turned hot by behaviour, presence, warm MQLs, the follow-up cadence.
// The same cases run on every store backend (SQLite always; PostgreSQL with SIXTY_TEST_DATABASE_URL).
import { TEST_DEMO_PASSWORD } from '../helpers/test-server';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OfferView, VisitorStatus } from '../../shared/api';
import type { Qualification } from '../../shared/qualify/types';
import type { Site, Store } from '../../server/db/store';
import { seedDemo } from '../../server/demo/seed';
import { OnlineReps } from '../../server/live/online-reps';
import { weeklyHours } from '../../server/routing/hours.core';
import { createRouter, type Router } from '../../server/routing/router';
import { storeBackends, type OpenStore } from '../helpers/store-backends';
import { FakeClock, FakeScheduler } from '../sim/fake-time';
import { planCapture } from '../../server/capture/plan-capture.core';

const MONDAY_7 = Date.parse('2026-11-23T07:00:00Z');
const HOT: Qualification = { fit: { status: 'passes', missing: [] }, score: 70, handRaise: true, mql: true, hot: true, reasons: [], rulesVersion: 1 };

describe.each(storeBackends())('on $name', (backend) => {
  let opened: OpenStore;
  let store: Store;
  let router: Router;
  let clock: FakeClock;
  let scheduler: FakeScheduler;
  let online: OnlineReps;
  let site: Site;
  let ids: { dana: string; sam: string; admin: string; workspace: string; team: string };
  let offers: Array<{ repId: string; offer: OfferView }>;
  let visitor: Array<{ leadId: string; status: VisitorStatus }>;

  beforeEach(async () => {
    opened = await backend.open();
    store = opened.store;
    clock = new FakeClock(MONDAY_7);
    scheduler = new FakeScheduler(clock);
    online = new OnlineReps();
    offers = [];
    visitor = [];
    const { siteKey } = await seedDemo(store, clock.now, 20_000, TEST_DEMO_PASSWORD);
    site = (await store.siteByKey(siteKey))!;
    const [admin, dana, sam] = await Promise.all(['admin', 'dana', 'sam'].map((n) => store.userByEmail(`${n}@demo.sixty`)));
    const [team] = await store.teams(site.workspaceId);
    ids = { admin: admin!.id, dana: dana!.id, sam: sam!.id, workspace: site.workspaceId, team: team!.id };
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
        visitorStatus: (leadId, status) => void visitor.push({ leadId, status }),
      },
    });
    await router.start();
  });

  afterEach(async () => {
    // Background routing must finish before its database goes.
    router.stop();
    await router.idle();
    await opened.close();
  });

  async function available(repId: string) {
    online.connect(repId, repId);
    await store.setPresence(repId, 'available');
    await router.repAvailable(ids.workspace);
  }

  /**
   * `browser`: the visitor asked to talk in the browser, without a phone number. `inCommit`: routed
   * in the capture's own commit, as a request from the widget is (else routed after it).
   */
  async function lead(hot = true, email: string | null = null, browser = false, inCommit = false): Promise<string> {
    const r = await store.commitCapture(
      planCapture({
        site,
        name: 'Pat',
        phoneE164: browser ? '' : '+14155552671',
        ...(browser ? { talk: 'browser' as const } : {}),
        email,
        answers: { projects: 'commercial', size: '51-200', role: 'decision' },
        pageUrl: null,
        visitorId: null,
        qualification: hot ? HOT : { ...HOT, hot: false, handRaise: false, score: 35 },
        stage: hot ? 'hot' : 'mql',
        idempotency: null,
        now: clock.now,
      }),
      inCommit ? router.captureRouting(clock.now) : null,
    );
    if (r.kind !== 'created') throw new Error('not created');
    if (inCommit) await router.captured(r);
    else if (hot) await router.leadCaptured(r.leadId);
    return r.leadId;
  }

  async function own(leadId: string): Promise<string> {
    const o = offers.find((x) => x.offer.leadId === leadId)!;
    const r = await router.accept(o.offer.offerId, o.repId);
    expect(r.ok).toBe(true);
    // The routing pass an accept starts in the background, done before the next step (over
    // PostgreSQL it is not finished by the time accept returns).
    await router.idle();
    return o.repId;
  }

  describe('the demo seed', () => {
    it('has one team, Sales, with both reps, open around the clock, and a catch-all rule', async () => {
      const teams = await store.teams(ids.workspace);
      expect(teams.map((t) => [t.name, t.members.map((m) => m.name).sort()])).toEqual([['Sales', ['Dana Reyes', 'Sam Okafor']]]);
      expect(teams[0]!.hours.weekly).toHaveLength(7);
      const rules = await store.routingRules(site.id);
      expect(rules).toMatchObject([{ name: 'Everyone else', conditions: [], teamId: ids.team, strategy: 'round_robin' }]);
    });
  });

  describe('rule order', () => {
    it('adds a rule above the catch-all and a catch-all at the end, positions without gaps', async () => {
      const big = await store.createRoutingRule(
        site.id,
        { name: 'Big', conditions: [{ field: 'company_size', op: 'gte', value: 200 }], teamId: ids.team, strategy: 'broadcast' },
        clock.now,
      );
      const night = await store.createRoutingRule(site.id, { name: 'Night', conditions: [], teamId: ids.team, strategy: 'broadcast' }, clock.now);
      const uk = await store.createRoutingRule(
        site.id,
        { name: 'UK', conditions: [{ field: 'country', op: 'in', values: ['GB'] }], teamId: ids.team, strategy: 'broadcast' },
        clock.now,
      );
      const rules = await store.routingRules(site.id);
      expect(rules.map((r) => [r.name, r.position])).toEqual([
        ['Big', 1],
        ['UK', 2],
        ['Everyone else', 3],
        ['Night', 4],
      ]);
      expect([rules[0]!.id, rules[1]!.id, rules[3]!.id]).toEqual([big, uk, night]);
    });
  });

  describe('hours', () => {
    beforeEach(async () => {
      await store.updateTeam(ids.team, { hours: weeklyHours('Europe/London', [1, 2, 3, 4, 5], '09:00', '17:00') });
      const [rule] = await store.routingRules(site.id);
      await store.updateRoutingRule(rule!.id, { escalateToEveryone: false });
    });

    it('out of hours, offers the visitor slots inside the team hours, and offers the lead when the team opens', async () => {
      await available(ids.dana);
      const leadId = await lead();
      expect(offers).toEqual([]);
      const status = await router.statusOf(leadId);
      expect(status).toEqual({
        state: 'no_rep',
        why: 'closed',
        opensAt: '2026-11-23T09:00:00.000Z',
        slots: [
          '2026-11-23T09:00:00.000Z',
          '2026-11-23T09:30:00.000Z',
          '2026-11-23T10:00:00.000Z',
          '2026-11-23T10:30:00.000Z',
          '2026-11-23T11:00:00.000Z',
          '2026-11-23T11:30:00.000Z',
        ],
      });
      // No sweep: a timer set for the opening routes it then.
      await scheduler.advanceTo(Date.parse('2026-11-23T08:59:59Z'), async () => {});
      expect(offers).toEqual([]);
      await scheduler.advanceTo(Date.parse('2026-11-23T09:00:00Z'), async () => {});
      expect(offers.map((o) => [o.repId, o.offer.leadId])).toEqual([[ids.dana, leadId]]);
      const card = await store.leadCard(leadId, ids.workspace);
      expect(card!.timeline.map((e) => e.text)).toEqual(
        expect.arrayContaining(['Skipped Dana Reyes: outside hours; Sam Okafor: offline', 'Out of hours: waiting in the queue', 'Offered to Dana Reyes']),
      );
    });

    it("narrows the slots to a rep's own hours", async () => {
      await store.updateTeam(ids.team, { hours: weeklyHours('UTC', [1, 2, 3, 4, 5], '09:00', '17:00') });
      await store.setTeamMembers(ids.team, [{ repId: ids.dana }]);
      await store.updateRep(ids.dana, { ownHours: weeklyHours('UTC', [1, 2, 3, 4, 5], '13:00', '14:00') });
      const leadId = await lead();
      expect((await router.slotsFor(leadId))!.slots.map((s) => new Date(s.start).toISOString())).toEqual([
        '2026-11-23T13:00:00.000Z',
        '2026-11-23T13:30:00.000Z',
        '2026-11-24T13:00:00.000Z',
        '2026-11-24T13:30:00.000Z',
        '2026-11-25T13:00:00.000Z',
        '2026-11-25T13:30:00.000Z',
      ]);
    });
  });

  describe('a known lead turned hot by behaviour', () => {
    it('is marked waiting and offered at once; an owned or disqualified lead is not', async () => {
      await available(ids.sam);
      const warm = await lead(false);
      expect(offers).toEqual([]);
      await router.leadBecameHot(warm);
      expect(offers.map((o) => o.offer.leadId)).toEqual([warm]);
      expect(offers[0]!.offer.lead.stage).toBe('hot');
      await own(warm);
      await router.leadBecameHot(warm);
      expect(offers).toHaveLength(1);
      const card = await store.leadCard(warm, ids.workspace);
      expect(card!.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['hot', 'offered', 'accepted']));
    });
  });

  describe('a lead back from nurture', () => {
    /** A hot lead one rep took and sent back to nurture; three days later its person raises a hand again. */
    async function nurturedLead(): Promise<{ leadId: string; owner: string; other: string }> {
      await available(ids.dana);
      await available(ids.sam);
      const leadId = await lead();
      const owner = await own(leadId);
      const card = await store.recordOutcome(leadId, owner, ids.workspace, { outcome: 'nurture', reason: 'Budget next year' }, clock.now);
      expect(card && !('error' in card) && card.stage).toBe('nurture');
      clock.now += 3 * 24 * 3600_000;
      offers = [];
      return { leadId, owner, other: owner === ids.dana ? ids.sam : ids.dana };
    }

    it('is offered to the rep who had it first while they are online, though round robin would pick the other', async () => {
      const { leadId, owner } = await nurturedLead();
      await router.leadBecameHot(leadId, { cause: 'hand-raise: demo_request' });
      expect(offers.map((o) => [o.repId, o.offer.leadId])).toEqual([[owner, leadId]]);
      expect(offers[0]!.offer.lead).toMatchObject({ stage: 'hot', ownerName: null, acceptedAt: null, outcome: null });
      const trail = offers[0]!.offer.lead.timeline.map((e) => `${e.kind}: ${e.text}`);
      expect(trail).toEqual(
        expect.arrayContaining([
          'returned: Returned from nurture after 3 days: hand-raise: demo_request. Routing to a rep now, its previous owner first',
          'routing: Back from nurture: offered to the rep who had it before nurture first',
        ]),
      );
      const changes = await opened.query<{ from_stage: string; to_stage: string; reason: string }>(
        'select from_stage, to_stage, reason from stage_changes where lead_id = ? order by id',
        leadId,
      );
      expect(changes.at(-1)).toEqual({ from_stage: 'nurture', to_stage: 'hot', reason: 'Returned from nurture: hand-raise: demo_request' });
      // A second hand-raise while it is already back changes nothing.
      await router.leadBecameHot(leadId, { cause: 'hand-raise: demo_request' });
      expect(offers).toHaveLength(1);
    });

    it('goes to the team at once when that rep is offline, and its SLA runs from the new hand-raise', async () => {
      const { leadId, owner, other } = await nurturedLead();
      online.disconnect(owner, owner);
      await router.leadBecameHot(leadId, { cause: 'asked for a callback' });
      expect(offers.map((o) => [o.repId, o.offer.leadId])).toEqual([[other, leadId]]);
      expect(offers[0]!.offer.lead).toMatchObject({ hotAt: clock.now, slaDueAt: clock.now + site.slaMs });
      // Accepted by the team, it is the new owner's lead; the owner before is on record.
      await own(leadId);
      const [row] = await opened.query<{ owner_id: string; previous_owner_id: string }>('select owner_id, previous_owner_id from leads where id = ?', leadId);
      expect(row).toEqual({ owner_id: other, previous_owner_id: owner });
    });
  });

  describe('warm MQLs and presence', () => {
    it('lists warm MQLs under the team of their rule, oldest first, and never offers them', async () => {
      await available(ids.dana);
      const a = await lead(false);
      clock.now += 1000;
      const b = await lead(false);
      expect(offers).toEqual([]);
      expect((await store.warmLeads(ids.workspace, 10)).map((w) => [w.leadId, w.teamId])).toEqual([
        [a, ids.team],
        [b, ids.team],
      ]);
    });

    it('derives presence from connections, choice and load', async () => {
      await available(ids.dana);
      await lead();
      online.connect(ids.admin, 'x');
      const presence = Object.fromEntries((await router.presenceOf(ids.workspace)).map((p) => [p.name, p.presence]));
      expect(presence).toEqual({ 'Alex Admin': 'away', 'Dana Reyes': 'busy', 'Sam Okafor': 'offline' });
    });
  });

  describe('the follow-up cadence', () => {
    it('schedules six attempts over ten business days, then returns the lead to nurture with the reason', async () => {
      await store.updateTeam(ids.team, { hours: weeklyHours('UTC', [1, 2, 3, 4, 5], '09:00', '17:00') });
      clock.now = Date.parse('2026-11-23T10:00:00Z');
      await available(ids.dana);
      const leadId = await lead();
      const repId = await own(leadId);
      const due: string[] = [];
      for (let attempt = 1; attempt <= 6; attempt++) {
        const outcome = attempt % 2 ? 'no_answer' : 'voicemail';
        const card = await store.recordOutcome(leadId, repId, ids.workspace, { outcome }, clock.now);
        expect(card).not.toBeNull();
        const tasks = await store.followUps(repId);
        if (attempt < 6) {
          expect(tasks).toHaveLength(1);
          expect(tasks[0]).toMatchObject({ leadId, attempt: attempt + 1 });
          due.push(new Date(tasks[0]!.dueAt).toISOString());
          clock.now = tasks[0]!.dueAt;
        } else {
          expect(tasks).toEqual([]);
        }
      }
      expect(due).toEqual([
        '2026-11-24T10:00:00.000Z',
        '2026-11-25T10:00:00.000Z',
        '2026-11-27T10:00:00.000Z',
        '2026-12-02T10:00:00.000Z',
        '2026-12-07T10:00:00.000Z',
      ]);
      const card = await store.leadCard(leadId, ids.workspace);
      expect(card!.stage).toBe('nurture');
      const changes = await opened.query("select actor, reason from stage_changes where lead_id = ? and to_stage = 'nurture'", leadId);
      expect(changes).toEqual([{ actor: 'system', reason: 'no contact after 6 attempts' }]);
    });

    it('closes the open follow-up when contact is made', async () => {
      await available(ids.dana);
      const leadId = await lead();
      const repId = await own(leadId);
      await store.recordOutcome(leadId, repId, ids.workspace, { outcome: 'no_answer' }, clock.now);
      expect(await store.followUps(repId)).toHaveLength(1);
      await store.recordOutcome(leadId, repId, ids.workspace, { outcome: 'connected' }, clock.now + 1000);
      expect(await store.followUps(repId)).toEqual([]);
    });

    it('frees capacity when an outcome is logged, and a waiting lead goes to that rep at once', async () => {
      await store.updateRep(ids.dana, { leadCapacity: 1 });
      await available(ids.dana);
      const first = await lead();
      await own(first);
      const second = await lead();
      expect(offers.map((o) => o.offer.leadId)).toEqual([first]);
      await store.recordOutcome(first, ids.dana, ids.workspace, { outcome: 'connected' }, clock.now);
      await router.outcomeLogged(ids.workspace);
      expect(offers.map((o) => o.offer.leadId)).toEqual([first, second]);
    });
  });

  describe('browser call facts (who may signal a call, calls/may-signal.core.ts)', () => {
    it('reads the offer with its lead: open and unowned while offered, accepted and owned by the rep after, null for no such offer', async () => {
      await available(ids.dana);
      const leadId = await lead();
      const o = offers.find((x) => x.offer.leadId === leadId)!;
      const base = { offerId: o.offer.offerId, leadId, workspaceId: ids.workspace, repId: ids.dana };
      expect(await store.callFacts(o.offer.offerId)).toEqual({ ...base, offerStatus: 'offered', leadRouting: 'offered', leadOwnerId: null });
      await own(leadId);
      expect(await store.callFacts(o.offer.offerId)).toEqual({ ...base, offerStatus: 'accepted', leadRouting: 'owned', leadOwnerId: ids.dana });
      expect(await store.callFacts('no-such-offer')).toBeNull();
    });
  });

  describe('due work (what the cluster sweeper acts on)', () => {
    it('lists offers past expiry and missed SLA deadlines, oldest first, while they are still open', async () => {
      await store.updateRep(ids.dana, { offerCapacity: 2 });
      await available(ids.dana);
      const start = clock.now;
      const first = await lead();
      clock.now += 1000;
      const second = await lead();
      const [a, b] = offers.map((o) => o.offer.offerId);
      const due = (ms: number, limit = 10) => store.dueWork(start + ms, limit);
      expect(await due(19_999)).toEqual({ offers: [], sla: [], scheduled: [], followUps: [] });
      expect((await due(21_000)).offers.map((o) => o.id)).toEqual([a, b]);
      expect((await due(21_000, 1)).offers).toMatchObject([{ id: a, leadId: first, repId: ids.dana, workspaceId: ids.workspace, expiresAt: start + 20_000 }]);
      expect((await due(61_000)).sla).toEqual([first, second]);
      expect((await due(61_000, 1)).sla).toEqual([first]);
      // Once acted on (breach recorded, lead accepted) they drop out: a sweep never repeats them.
      await store.recordSlaBreach(first, start + 61_000);
      await own(second);
      expect(await due(61_000)).toEqual({ offers: [expect.objectContaining({ id: a })], sla: [], scheduled: [], followUps: [] });
    });

    it('lists booked callbacks soonest first with what a rep needs and the teams they will be offered to, until offered at their time', async () => {
      const sales = ids.team;
      const vip = await store.createTeam(
        ids.workspace,
        { name: 'Key accounts', hours: (await store.teams(ids.workspace))[0]!.hours, members: [{ repId: ids.sam }] },
        clock.now,
      );
      await store.createRoutingRule(
        site.id,
        { name: 'Big companies', conditions: [{ field: 'company_size', op: 'gte', value: 200 }], teamId: vip, strategy: 'round_robin', overflowTeamId: sales },
        clock.now,
      );
      const later = await lead();
      const sooner = await lead();
      /** As the slot route books one: the store commits it, the router arms its time. */
      const book = async (leadId: string, at: number) => {
        expect(await store.scheduleCallback(leadId, at, clock.now)).toBe(true);
        await router.scheduled(leadId, at);
      };
      await book(later, clock.now + 7_200_000);
      await book(sooner, clock.now + 3_600_000);
      const booked = await store.bookedCallbacks(ids.workspace, 10);
      expect(booked.map((b) => [b.leadId, b.at])).toEqual([
        [sooner, clock.now + 3_600_000],
        [later, clock.now + 7_200_000],
      ]);
      expect(booked[0]).toMatchObject({ name: 'Pat', phone: '+14155552671', siteName: 'Acme website', score: 70, teams: [{ id: sales, name: 'Sales' }] });
      expect(booked[0]!.answers).toContainEqual({ question: 'How many employees?', answer: '51-200' });
      expect(new Set(booked[0]!.repIds)).toEqual(new Set([ids.dana, ids.sam]));
      // A lead the big-company rule takes goes to its team first, then the overflow: both listed.
      const big = await store.commitCapture(
        planCapture({
          site,
          name: 'Bo Big',
          phoneE164: '+14155550123',
          email: null,
          answers: { projects: 'commercial', size: '201+', role: 'decision' },
          pageUrl: null,
          visitorId: null,
          timeZone: 'America/New_York',
          qualification: HOT,
          stage: 'hot',
          idempotency: null,
          now: clock.now,
        }),
        null,
      );
      if (big.kind !== 'created') throw new Error('not created');
      await router.leadCaptured(big.leadId);
      await book(big.leadId, clock.now + 5_400_000);
      const bo = (await store.bookedCallbacks(ids.workspace, 10)).find((b) => b.leadId === big.leadId)!;
      expect(bo).toMatchObject({
        timeZone: 'America/New_York',
        teams: [
          { id: vip, name: 'Key accounts' },
          { id: sales, name: 'Sales' },
        ],
      });
      // At its time it is offered, and no longer upcoming.
      await available(ids.dana);
      await scheduler.advanceTo(clock.now + 3_600_000, async () => {});
      expect(offers.map((o) => o.offer.leadId)).toEqual([sooner]);
      expect((await store.bookedCallbacks(ids.workspace, 10)).map((b) => b.leadId)).toEqual([big.leadId, later]);
    });

    it('lists a booked callback once its time has come, and never as an SLA miss while it waits for it', async () => {
      const leadId = await lead();
      const slot = clock.now + 3_600_000;
      expect(await store.scheduleCallback(leadId, slot, clock.now)).toBe(true);
      expect((await store.dueWork(slot - 1, 10)).scheduled).toEqual([]);
      expect(await store.dueWork(slot + site.slaMs, 10)).toEqual({ offers: [], sla: [], scheduled: [leadId], followUps: [] });
    });
  });

  describe('a browser call (issue 23)', () => {
    it("names the accepted offer in its visitor's status and says so on the lead card; a phone callback names none", async () => {
      const leadId = await lead(true, null, true);
      await available(ids.dana);
      // Dana's tab can take calls (its microphone granted): only such a tab is offered a browser call.
      online.callCapable(ids.dana, ids.dana, true);
      await router.repAvailable(ids.workspace);
      const offered = offers.find((o) => o.offer.leadId === leadId)!;
      expect(offered.offer.lead).toMatchObject({ talk: 'browser', phone: '' });
      await own(leadId);
      expect(await router.statusOf(leadId)).toMatchObject({ state: 'accepted', call: { offerId: offered.offer.offerId } });
      expect((await store.leadCard(leadId, ids.workspace))!.talk).toBe('browser');

      const phone = await lead();
      await own(phone);
      const status = await router.statusOf(phone);
      expect(status).toMatchObject({ state: 'accepted' });
      expect(status && 'call' in status).toBe(false);
      expect((await store.leadCard(phone, ids.workspace))!.talk).toBeUndefined();
    });
  });

  describe('who the visitor is told is asked while waiting (issue 23)', () => {
    const OFFER_MS = 20_000;
    const waiting = (asking: string[]) => ({ state: 'waiting', since: MONDAY_7, promiseSeconds: 60, asking });
    const firstName = (repId: string) => (repId === ids.dana ? 'Dana' : 'Sam');
    const other = (repId: string) => (repId === ids.dana ? ids.sam : ids.dana);
    /** What the lead's visitor was pushed, in order. */
    const told = (leadId: string) => visitor.filter((v) => v.leadId === leadId).map((v) => v.status);

    beforeEach(async () => {
      await available(ids.dana);
      await available(ids.sam);
    });

    it('answers a request routed in its own commit with the rep offered, and names the next rep once the first declines', async () => {
      const leadId = await lead(true, null, false, true);
      const [first] = offers;
      // The request's answer, pushed to its visitor too.
      expect(told(leadId)).toEqual([waiting([firstName(first!.repId)])]);
      // The store's facts: the open offer with its rep's full name and its times.
      expect((await store.visitorFacts(leadId))!.openOffers).toEqual([
        { repName: first!.repId === ids.dana ? 'Dana Reyes' : 'Sam Okafor', offeredAt: MONDAY_7, expiresAt: MONDAY_7 + OFFER_MS },
      ]);

      clock.now += 3000;
      expect(await router.decline(first!.offer.offerId, first!.repId, 'On another call')).toEqual({ ok: true, data: undefined });
      await router.idle();
      expect(offers[1]!.repId).toBe(other(first!.repId));
      expect(told(leadId).at(-1)).toEqual(waiting([firstName(offers[1]!.repId)]));
      expect(await router.statusOf(leadId)).toEqual(told(leadId).at(-1));
    });

    it('names the next rep when an offer times out, and no rep for an offer past its expiry', async () => {
      const leadId = await lead();
      const [first] = offers;
      // The offer's own timer: the first rep did not answer.
      await scheduler.advanceTo(MONDAY_7 + OFFER_MS);
      const next = offers[1]!;
      expect(next.repId).toBe(other(first!.repId));
      expect(told(leadId).at(-1)).toEqual(waiting([firstName(next.repId)]));
      // Past its expiry but before its timer ran, an offer no longer counts as asking anyone.
      clock.now = next.offer.expiresAt;
      expect(await router.statusOf(leadId)).toEqual(waiting([]));
      expect((await store.visitorFacts(leadId))!.openOffers).toHaveLength(1);
    });

    it('names every rep of a broadcast, and drops the one who declines while the other still holds it', async () => {
      const [rule] = await store.routingRules(site.id);
      await store.updateRoutingRule(rule!.id, { strategy: 'broadcast' });
      const leadId = await lead();
      expect(offers.map((o) => o.repId).sort()).toEqual([ids.dana, ids.sam].sort());
      expect((told(leadId).at(-1) as { asking: string[] }).asking.sort()).toEqual(['Dana', 'Sam']);

      const before = told(leadId).length;
      const dana = offers.find((o) => o.repId === ids.dana)!;
      expect((await router.decline(dana.offer.offerId, ids.dana, null)).ok).toBe(true);
      await router.idle();
      // No new offer, yet the visitor is told Dana is no longer asked.
      expect(offers).toHaveLength(2);
      expect(told(leadId).slice(before)).toEqual([waiting(['Sam'])]);

      const sam = offers.find((o) => o.repId === ids.sam)!;
      expect((await router.accept(sam.offer.offerId, ids.sam)).ok).toBe(true);
      await router.idle();
      expect(await router.statusOf(leadId)).toEqual({ state: 'accepted', repName: 'Sam Okafor', at: MONDAY_7 });
    });
  });
});
