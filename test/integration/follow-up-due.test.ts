// A follow-up coming due (issue 22) through the real store and router on the demo seed, with a
// fake clock and a recording DevicePush: the owner's devices are told once at its time; a moved
// follow-up is told at its new time only; a done or cleared one never; a router started later
// rebuilds the timer from the rows; two sweeping processes tell it once (the claim).
// Runs on SQLite and on PostgreSQL (PGlite).
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Qualification } from '../../shared/qualify/types';
import type { OutcomeInput } from '../../shared/schemas/console.schema';
import type { Site, Store } from '../../server/db/store';
import { seedDemo } from '../../server/demo/seed';
import { OnlineReps } from '../../server/live/online-reps';
import type { DevicePush, UserNotice } from '../../server/push/device-push';
import { createRouter, type Router } from '../../server/routing/router';
import { planCapture } from '../../server/capture/plan-capture.core';
import { storeBackends, type OpenStore } from '../helpers/store-backends';
import { TEST_DEMO_PASSWORD } from '../helpers/test-server';
import { FakeClock, FakeScheduler } from '../sim/fake-time';

const MONDAY_10 = Date.parse('2026-11-23T10:00:00Z');
const HOT: Qualification = { fit: { status: 'passes', missing: [] }, score: 70, handRaise: true, mql: true, hot: true, reasons: [], rulesVersion: 1 };

/** A DevicePush that records the notices routing asked for; every user has a device. */
function recordingDevices() {
  const notices: Array<{ userId: string; notice: UserNotice }> = [];
  const port: DevicePush = {
    deviceCount: async () => 1,
    offerMade: () => {},
    offerClosed: () => {},
    notice: (userId, notice) => void notices.push({ userId, notice }),
  };
  return { port, notices };
}

describe.each(storeBackends())('on $name', (backend) => {
  let opened: OpenStore;
  let store: Store;
  let clock: FakeClock;
  let site: Site;
  let ids: { dana: string; sam: string; workspace: string };
  const routers: Router[] = [];

  /** A router on the shared store with its own scheduler and devices, as one process would have. */
  async function process(clustered = false) {
    const scheduler = new FakeScheduler(clock);
    const devices = recordingDevices();
    const online = new OnlineReps();
    const router = createRouter({
      store,
      clock: clock.read,
      online,
      scheduler,
      clustered,
      log: pino({ level: 'silent' }),
      devices: devices.port,
      notify: { offerNew: () => {}, offerClosed: () => {}, leadUpdated: () => {}, presenceChanged: () => {}, visitorStatus: () => {} },
    });
    routers.push(router);
    await router.start();
    return { router, scheduler, online, notices: devices.notices };
  }

  beforeEach(async () => {
    opened = await backend.open();
    store = opened.store;
    clock = new FakeClock(MONDAY_10);
    const { siteKey } = await seedDemo(store, clock.now, 20_000, TEST_DEMO_PASSWORD);
    site = (await store.siteByKey(siteKey))!;
    const [dana, sam] = await Promise.all(['dana', 'sam'].map((n) => store.userByEmail(`${n}@demo.sixty`)));
    ids = { dana: dana!.id, sam: sam!.id, workspace: site.workspaceId };
  });

  afterEach(async () => {
    for (const r of routers.splice(0)) {
      r.stop();
      await r.idle();
    }
    await opened.close();
  });

  /** A hot lead offered to Dana (the only rep with a tab) and accepted by her: she owns it. */
  async function danaOwnsALead(p: Awaited<ReturnType<typeof process>>): Promise<string> {
    p.online.connect(ids.dana, 'dana-socket');
    await store.setPresence(ids.dana, 'available');
    const r = await store.commitCapture(
      planCapture({
        site,
        name: 'Ada Lovelace',
        phoneE164: '+14155552671',
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
    await p.router.leadCaptured(r.leadId);
    const [offer] = await store.openOffersForRep(ids.dana);
    expect(offer?.leadId).toBe(r.leadId);
    expect((await p.router.accept(offer!.offerId, ids.dana)).ok).toBe(true);
    await p.router.idle();
    return r.leadId;
  }

  /** Dana logs a call result (or decision) on her lead, as POST /v1/console/leads/:id/outcome does. */
  async function logOutcome(router: Router, leadId: string, input: OutcomeInput) {
    const card = await store.recordOutcome(leadId, ids.dana, ids.workspace, input, clock.now);
    expect(card && 'id' in card).toBe(true);
    await router.outcomeLogged(ids.workspace, leadId);
  }

  async function dueAt(leadId: string): Promise<number> {
    // One open, unsent follow-up for this lead: its notice is still to come.
    const notices = await store.followUpNotices(leadId);
    expect(notices).toEqual([{ leadId, at: expect.any(Number) }]);
    return notices[0]!.at;
  }

  it('tells the owner’s devices once, at the follow-up’s time, and nobody else', async () => {
    const p = await process();
    const leadId = await danaOwnsALead(p);
    await logOutcome(p.router, leadId, { outcome: 'no_answer' });
    const at = await dueAt(leadId);
    expect(at).toBeGreaterThan(clock.now);

    await p.scheduler.advanceTo(at - 1);
    expect(p.notices).toEqual([]);
    await p.scheduler.advanceTo(at);
    expect(p.notices).toEqual([{ userId: ids.dana, notice: { kind: 'follow_up_due', workspaceId: ids.workspace, leadId, at } }]);

    // Later sweeps, timers and claims find nothing more to tell.
    await p.router.sweep();
    await p.scheduler.advanceTo(at + 86_400_000);
    expect(await store.claimFollowUpNotice(leadId, clock.now)).toBeNull();
    expect(p.notices).toHaveLength(1);
    const [row] = await opened.query<{ sent: number | null }>('select notice_sent_at as sent from follow_ups where lead_id = ? and status = ?', leadId, 'open');
    expect(row?.sent).toBe(at);
  });

  it('tells a moved follow-up at its new time only', async () => {
    const p = await process();
    const leadId = await danaOwnsALead(p);
    await logOutcome(p.router, leadId, { outcome: 'no_answer' });
    const first = await dueAt(leadId);
    // Dana tries again before it is due and gets voicemail: the next attempt is later.
    await p.scheduler.advanceTo(first - 60_000);
    await logOutcome(p.router, leadId, { outcome: 'voicemail' });
    const second = await dueAt(leadId);
    expect(second).toBeGreaterThan(first);

    await p.scheduler.advanceTo(first);
    await p.router.sweep();
    expect(p.notices).toEqual([]);
    await p.scheduler.advanceTo(second);
    expect(p.notices.map((n) => [n.userId, n.notice.kind, n.notice.at])).toEqual([[ids.dana, 'follow_up_due', second]]);
  });

  it.each([
    ['cleared (wrong number)', { outcome: 'wrong_number' } as OutcomeInput],
    ['done (connected)', { outcome: 'connected' } as OutcomeInput],
  ])('tells nothing for a follow-up %s before its time', async (_, closing) => {
    const p = await process();
    const leadId = await danaOwnsALead(p);
    await logOutcome(p.router, leadId, { outcome: 'no_answer' });
    const at = await dueAt(leadId);
    await logOutcome(p.router, leadId, closing);
    expect(await store.followUpNotices(leadId)).toEqual([]);

    await p.scheduler.advanceTo(at + 86_400_000);
    await p.router.sweep();
    expect(p.notices).toEqual([]);
  });

  it('rebuilds the timer on start: a router started after the follow-up was set tells it at its time', async () => {
    const first = await process();
    const leadId = await danaOwnsALead(first);
    await logOutcome(first.router, leadId, { outcome: 'no_answer' });
    const at = await dueAt(leadId);
    first.router.stop();

    const restarted = await process();
    await restarted.scheduler.advanceTo(at - 1);
    expect(restarted.notices).toEqual([]);
    await restarted.scheduler.advanceTo(at);
    expect(restarted.notices.map((n) => [n.userId, n.notice.kind, n.notice.leadId])).toEqual([[ids.dana, 'follow_up_due', leadId]]);
    expect(first.notices).toEqual([]);
  });

  it('in a cluster, two processes sweeping at once tell it once', async () => {
    const one = await process(true);
    const two = await process(true);
    const leadId = await danaOwnsALead(one);
    // Set through another path than process one's timer: only the sweep can find it.
    expect(await store.recordOutcome(leadId, ids.dana, ids.workspace, { outcome: 'no_answer' }, clock.now)).toMatchObject({ id: leadId });
    const at = await dueAt(leadId);

    clock.now = at - 1;
    await Promise.all([one.router.sweep(), two.router.sweep()]);
    expect([...one.notices, ...two.notices]).toEqual([]);
    clock.now = at + 5_000;
    expect((await store.dueWork(clock.now, 10)).followUps).toEqual([leadId]);
    await Promise.all([one.router.sweep(), two.router.sweep(), one.router.sweep(), two.router.sweep()]);
    const told = [...one.notices, ...two.notices];
    expect(told.map((n) => [n.userId, n.notice.kind, n.notice.leadId, n.notice.at])).toEqual([[ids.dana, 'follow_up_due', leadId, at]]);
    expect((await store.dueWork(clock.now, 10)).followUps).toEqual([]);
  });
});
