// Fairness as a fixed scenario, through the real store and router: every rep available and
// accepting at once, leads arriving one after another.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { OfferView } from '../../shared/api';
import type { Qualification } from '../../shared/qualify/types';
import { openDatabase } from '../../server/db/sqlite/open';
import { createSqliteStore } from '../../server/db/sqlite/sqlite-store';
import { OnlineReps } from '../../server/live/online-reps';
import { ALWAYS_OPEN } from '../../server/routing/hours.core';
import { createRouter } from '../../server/routing/router';
import type { Strategy } from '../../server/routing/routing.types';
import { DEFAULT_SITE } from '../../server/sites/default-site';
import { FakeClock, FakeScheduler } from './fake-time';
import { planCapture } from '../../server/capture/plan-capture.core';
import { storeRules } from '../../server/routing/store-rules';

const HOT: Qualification = { fit: { status: 'passes', missing: [] }, score: 70, handRaise: true, mql: true, hot: true, reasons: [], rulesVersion: 1 };

/** Routes `leads` leads over reps with these weights; every offer is accepted and worked at once. */
async function assignments(weights: number[], strategy: Strategy, leads: number): Promise<number[]> {
  const db = openDatabase(':memory:');
  const store = createSqliteStore(db, storeRules);
  const clock = new FakeClock(Date.parse('2026-11-23T10:00:00Z'));
  const { workspaceId, userIds, siteIds } = await store.createWorkspace(
    {
      workspace: { name: 'Fair' },
      sites: [{ ...DEFAULT_SITE(20_000), name: 'Fair', siteKey: 'fair', allowedOrigins: [] }],
      users: weights.map((_, i) => ({ email: `r${i}@fair.test`, name: `r${i}`, role: 'rep' as const, passwordHash: 'x' })),
    },
    clock.now,
  );
  const team = await store.createTeam(
    workspaceId,
    { name: 'Team', hours: ALWAYS_OPEN, members: userIds.map((repId, i) => ({ repId, weight: weights[i]! })) },
    clock.now,
  );
  await store.createRoutingRule(siteIds[0]!, { name: 'All', conditions: [], teamId: team, strategy }, clock.now);
  const site = (await store.siteByKey('fair'))!;
  const online = new OnlineReps();
  const offered: Array<{ repId: string; offer: OfferView }> = [];
  const router = createRouter({
    store,
    clock: clock.read,
    online,
    log: pino({ level: 'silent' }),
    scheduler: new FakeScheduler(clock),
    notify: {
      offerNew: (repId, offer) => void offered.push({ repId, offer }),
      offerClosed: () => {},
      leadUpdated: () => {},
      presenceChanged: () => {},
      visitorStatus: () => {},
    },
  });
  for (const repId of userIds) {
    online.connect(repId, repId);
    await store.setPresence(repId, 'available');
  }
  const count = new Map<string, number>();
  for (let i = 0; i < leads; i++) {
    clock.now += 1000;
    const r = await store.commitCapture(
      planCapture({
        site,
        name: `L${i}`,
        phoneE164: '+14155552671',
        email: null,
        answers: {},
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
    await router.leadCaptured(r.leadId);
    const pushed = offered.shift();
    if (!pushed || offered.length) throw new Error(`lead ${i} was not offered to exactly one rep`);
    const { repId, offer } = pushed;
    const accepted = await router.accept(offer.offerId, repId);
    expect(accepted.ok).toBe(true);
    await store.recordOutcome(r.leadId, repId, workspaceId, { outcome: 'connected' }, clock.now);
    await router.outcomeLogged(workspaceId);
    await router.idle();
    count.set(repId, (count.get(repId) ?? 0) + 1);
  }
  router.stop();
  db.$client.close();
  return userIds.map((id) => count.get(id) ?? 0);
}

describe('fairness', () => {
  it('deals 1,000 leads over 10 equal reps under strict round robin: most and least assigned differ by at most 1', async () => {
    const counts = await assignments(Array(10).fill(1), 'round_robin', 1000);
    expect(counts.reduce((a, b) => a + b)).toBe(1000);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  }, 60_000);

  it('follows weights 1:2:3 within 2% of the shares', async () => {
    const weights = [1, 2, 3];
    const counts = await assignments(weights, 'weighted', 1000);
    for (const [i, n] of counts.entries()) expect(Math.abs(n / 1000 - weights[i]! / 6)).toBeLessThanOrEqual(0.02);
  }, 60_000);
});
