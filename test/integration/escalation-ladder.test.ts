// Reps "Available on my devices" and a rule's escalation ladder through the real store and router
// on the demo seed, with a fake clock, a recording DevicePush and a local SMTP server: a rep with
// no tab is offered the lead after the live tab declined, with the site's device timeout; nobody
// accepts, so the whole team is offered it, then the managers are alerted once (push and email);
// every step is in the lead's trail with its time. Runs on SQLite and on PostgreSQL (PGlite).
import { TEST_DEMO_PASSWORD } from '../helpers/test-server';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Qualification } from '../../shared/qualify/types';
import type { Site, Store } from '../../server/db/store';
import { seedDemo } from '../../server/demo/seed';
import { OnlineReps } from '../../server/live/online-reps';
import { createMailer } from '../../server/mail/mailer';
import type { DevicePush, OfferMade, UserNotice } from '../../server/push/device-push';
import { decideRouting } from '../../server/routing/decide-routing.core';
import { createRouter, type Router } from '../../server/routing/router';
import { planCapture } from '../../server/capture/plan-capture.core';
import { storeBackends, type OpenStore } from '../helpers/store-backends';
import { startInbox, type Inbox } from '../helpers/smtp-inbox';
import { FakeClock, FakeScheduler } from '../sim/fake-time';

const MONDAY_10 = Date.parse('2026-11-23T10:00:00Z');
const HOT: Qualification = { fit: { status: 'passes', missing: [] }, score: 70, handRaise: true, mql: true, hot: true, reasons: [], rulesVersion: 1 };

/** A DevicePush that records what routing asked of it; `devices` says who has any. */
function recordingDevices(devices: Map<string, number>) {
  const made: OfferMade[] = [];
  const closed: Array<{ repId: string; offerId: string; reason: string }> = [];
  const notices: Array<{ userId: string; notice: UserNotice }> = [];
  const port: DevicePush = {
    deviceCount: async (userId) => devices.get(userId) ?? 0,
    offerMade: (offer) => void made.push(offer),
    offerClosed: (repId, offerId, reason) => void closed.push({ repId, offerId, reason }),
    notice: (userId, notice) => void notices.push({ userId, notice }),
  };
  return { port, made, closed, notices };
}

describe.each(storeBackends())('on $name', (backend) => {
  let opened: OpenStore;
  let store: Store;
  let router: Router;
  let clock: FakeClock;
  let scheduler: FakeScheduler;
  let online: OnlineReps;
  let site: Site;
  let inbox: Inbox;
  let devices: ReturnType<typeof recordingDevices>;
  let ids: { dana: string; sam: string; admin: string; workspace: string };

  beforeEach(async () => {
    opened = await backend.open();
    store = opened.store;
    inbox = await startInbox();
    clock = new FakeClock(MONDAY_10);
    scheduler = new FakeScheduler(clock);
    online = new OnlineReps();
    const { siteKey } = await seedDemo(store, clock.now, 20_000, TEST_DEMO_PASSWORD);
    site = (await store.siteByKey(siteKey))!;
    const [admin, dana, sam] = await Promise.all(['admin', 'dana', 'sam'].map((n) => store.userByEmail(`${n}@demo.sixty`)));
    ids = { admin: admin!.id, dana: dana!.id, sam: sam!.id, workspace: site.workspaceId };
    devices = recordingDevices(new Map([[ids.sam, 1]]));
    router = createRouter({
      store,
      clock: clock.read,
      online,
      scheduler,
      log: pino({ level: 'silent' }),
      devices: devices.port,
      mailer: createMailer(inbox.url, 'sixty@test.local'),
      consoleUrl: () => 'http://sixty.test/console/',
      notify: { offerNew: () => {}, offerClosed: () => {}, leadUpdated: () => {}, presenceChanged: () => {}, visitorStatus: () => {} },
    });
    await router.start();
  });

  afterEach(async () => {
    router.stop();
    await router.idle();
    await opened.close();
    await inbox.close();
  });

  /** Commits a hot callback without routing it; `capture` then lets the router route it. */
  async function commit(name = 'Ada Lovelace', phoneE164 = '+14155552671'): Promise<string> {
    const answers = { projects: 'commercial', size: '51-200', role: 'decision' };
    const command = {
      site,
      name,
      phoneE164,
      email: null,
      answers,
      pageUrl: null,
      visitorId: null,
      qualification: HOT,
      stage: 'hot' as const,
      idempotency: null,
      now: clock.now,
    };
    const r = await store.commitCapture(planCapture(command), null);
    if (r.kind !== 'created') throw new Error('not created');
    return r.leadId;
  }

  async function capture(): Promise<string> {
    const leadId = await commit();
    await router.leadCaptured(leadId);
    return leadId;
  }

  /** Dana has the console open; Sam chose "Available on my devices" and has no tab. */
  async function danaOnTabSamOnDevices() {
    online.connect(ids.dana, 'dana-socket');
    await store.setPresence(ids.dana, 'available');
    await store.setPresence(ids.sam, 'devices');
  }

  async function ladderOn(teamAllAfterMs: number | null) {
    const [rule] = await store.routingRules(site.id);
    await store.updateRoutingRule(rule!.id, { teamAllAfterMs, alertManagers: true, escalateToEveryone: false });
  }

  const trail = async (leadId: string) => (await store.leadCard(leadId, ids.workspace))!.timeline;

  it('offers a rep on their devices (no tab) after the live tab declines, with the site device timeout, and pushes it', async () => {
    await store.updateSiteRouting(site.id, { deviceTimeoutMs: 60_000 });
    await danaOnTabSamOnDevices();
    const leadId = await capture();
    expect(devices.made.map((o) => [o.repId, o.step, o.expiresAt - MONDAY_10])).toEqual([[ids.dana, 'team', 20_000]]);

    clock.now += 3_000;
    expect((await router.decline(devices.made[0]!.offerId, ids.dana, null)).ok).toBe(true);
    await router.idle();
    expect(devices.closed).toEqual([{ repId: ids.dana, offerId: devices.made[0]!.offerId, reason: 'declined' }]);
    const toSam = devices.made[1]!;
    expect([toSam.repId, toSam.step, toSam.leadId, toSam.workspaceId]).toEqual([ids.sam, 'device', leadId, ids.workspace]);
    expect(toSam.expiresAt).toBe(clock.now + 60_000);
    // Sam accepts from the notification (the same accept as the console).
    expect((await router.accept(toSam.offerId, ids.sam)).ok).toBe(true);
    expect(devices.closed.at(-1)).toEqual({ repId: ids.sam, offerId: toSam.offerId, reason: 'accepted' });
    const lines = await trail(leadId);
    expect(lines.map((l) => l.text)).toContain('Offered to Sam Okafor on their devices (60 s to accept)');
    expect(lines.find((l) => l.text === 'Escalated to reps on their devices (Sales)')?.at).toBe(clock.now);
  });

  it('with the site order "with tabs", a rep on devices is offered in turn with the live tabs', async () => {
    await store.updateSiteRouting(site.id, { deviceOrder: 'with_tabs' });
    await danaOnTabSamOnDevices();
    await capture();
    await capture();
    expect(devices.made.map((o) => [o.repId, o.step, o.expiresAt - MONDAY_10])).toEqual([
      [ids.dana, 'team', 20_000],
      [ids.sam, 'team', 45_000],
    ]);
  });

  it('climbs the ladder when nobody accepts: tab, device, the whole team, managers once by push and email, then the queue', async () => {
    await ladderOn(90_000);
    // Nobody is set away for missing offers here, so the ladder alone decides.
    await store.updateSiteRouting(site.id, { missedOffersBeforeAway: 0 });
    await danaOnTabSamOnDevices();
    const leadId = await capture();
    // Dana's tab offer times out (20 s), Sam's device offer times out (45 s): nobody else is left,
    // so the whole team is offered it at once at 65 s, and it runs out at 110 s.
    await scheduler.advanceTo(MONDAY_10 + 20_000);
    await scheduler.advanceTo(MONDAY_10 + 65_000);
    await router.idle();
    expect(devices.made.map((o) => [o.repId, o.step, o.expiresAt - MONDAY_10])).toEqual([
      [ids.dana, 'team', 20_000],
      [ids.sam, 'device', 65_000],
      [ids.dana, 'team_all', 85_000],
      [ids.sam, 'team_all', 110_000],
    ]);
    expect(devices.notices).toEqual([]);
    // The broadcast runs out at 110 s, past the ladder's 90 s: the managers are alerted.
    await scheduler.advanceTo(MONDAY_10 + 110_000);
    await router.idle();
    expect(devices.notices).toEqual([{ userId: ids.admin, notice: { kind: 'manager_alert', workspaceId: ids.workspace, leadId, at: MONDAY_10 + 110_000 } }]);
    await waitFor(() => inbox.messages.length > 0);
    expect(inbox.messages.map((m) => m.to)).toEqual(['admin@demo.sixty']);
    expect(inbox.messages[0]!.body).toContain('Hot lead waiting: Ada Lovelace');

    // The lead stays queued (its visitor books a time); more routing passes alert nobody again.
    await router.repAvailable(ids.workspace);
    await scheduler.advanceTo(MONDAY_10 + 300_000);
    await router.idle();
    expect(devices.notices).toHaveLength(1);
    expect(await store.claimManagerAlert(leadId, clock.now)).toBeNull();
    await new Promise((r) => setTimeout(r, 200));
    expect(inbox.messages).toHaveLength(1);
    const status = await router.statusOf(leadId);
    expect(status).toMatchObject({ state: 'no_rep' });

    // Every step in the trail, in order, with its time.
    const lines = (await trail(leadId)).map((l) => [l.at - MONDAY_10, l.text]);
    const at = (text: string) => lines.find(([, t]) => t === text)?.[0];
    expect(at('Offered to Dana Reyes')).toBe(0);
    expect(at('Escalated to reps on their devices (Sales)')).toBe(20_000);
    expect(at('Offered to Sam Okafor on their devices (45 s to accept)')).toBe(20_000);
    expect(at('Escalated to every rep of the team at once (Sales)')).toBe(65_000);
    expect(at('Nobody took the lead: managers alerted by push and email')).toBe(110_000);
    expect(at('Nobody accepted after every escalation step: waiting in the queue (the visitor may book a time)')).toBe(110_000);
  });

  it('sends the alert when nobody can take the lead at all, and an alert left unsent is sent once by the sweep', async () => {
    await ladderOn(null);
    // Nobody can take the lead: the ladder goes straight to its manager step, and the router sends it.
    const sent = await capture();
    await router.idle();
    await waitFor(() => inbox.messages.length > 0);
    expect(devices.notices.map((n) => n.userId)).toEqual([ids.admin]);
    const rows = await opened.query<{ a: number | null; s: number | null }>(
      'select manager_alerted_at as a, manager_alert_sent_at as s from leads where id = ?',
      sent,
    );
    expect(rows).toEqual([{ a: MONDAY_10, s: MONDAY_10 }]);

    // A lead whose alert was recorded by a process that stopped before sending it (the store
    // alone routed it): two sweeps at once, as two processes would, send it once.
    const grace = await commit('Grace', '+14155552672');
    const routed = await store.routeLead(grace, clock.now, online.set, (snap) => decideRouting(snap, clock.now));
    expect(routed?.managerAlert).toBe(true);
    expect(await store.pendingManagerAlerts(10)).toEqual([grace]);
    await Promise.all([router.sweep(), router.sweep()]);
    await router.idle();
    await waitFor(() => inbox.messages.length === 2);
    expect(devices.notices.map((n) => [n.userId, n.notice.leadId])).toEqual([
      [ids.admin, sent],
      [ids.admin, grace],
    ]);
    expect(inbox.messages[1]!.body).toContain('Hot lead waiting: Grace');
    expect(await store.pendingManagerAlerts(10)).toEqual([]);
    expect(await store.claimManagerAlert(grace, clock.now)).toBeNull();
    await new Promise((r) => setTimeout(r, 200));
    expect(inbox.messages).toHaveLength(2);
  });
});

async function waitFor(ok: () => boolean, ms = 5000) {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
