// The device tier and a rule's escalation ladder with a fake clock: live tabs -> devices ->
// every rep of the team -> manager alert -> queue, played through until nobody is left, as the
// store would commit each step (offers expire, the alert is recorded once).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideRouting } from './decide-routing.core';
import { planApply, type RoutedLead } from './plan-offers.core';
import { rep, rule, snapshot as baseSnapshot, team } from './routing.fixtures';
import type { ChosenPresence, DeviceOrder, RoutingPlan, RoutingRule, RoutingSnapshot, Step } from './routing.types';

const NOW = Date.parse('2026-12-07T10:00:00Z');
const TAB_MS = 20_000;
const DEVICE_MS = 45_000;
/** A lead that raised its hand at NOW. */
const snapshot = (over: Parameters<typeof baseSnapshot>[0]) => baseSnapshot({ hotAt: NOW, roundStartedAt: NOW, ...over });
const fresh: RoutedLead = { ruleId: null, queueReason: null, firstOfferedAt: null };

/** One thing the ladder did, with its time. */
type Happened = { at: number; step: Step; repIds: string[]; expiresAt: number[] } | { at: number; step: 'manager_alert' };

/**
 * Plays a lead through routing as the store and router would when nobody accepts: each offer
 * expires at its expiry, the next decision runs then; a wait with a wake-up runs again then; a
 * manager alert is recorded once. Stops when routing waits for an event that never comes, or
 * after `limit` decisions (without a ladder, rounds go on as long as someone is reachable).
 */
function play(s: RoutingSnapshot, limit = 60, start = NOW): Happened[] {
  const happened: Happened[] = [];
  let now = start;
  let n = 0;
  for (let i = 0; i < limit; i++) {
    const plan: RoutingPlan = decideRouting(s, now);
    const applied = planApply(fresh, s, plan, { now, offerTimeoutMs: TAB_MS, deviceTimeoutMs: DEVICE_MS, newId: () => `o${++n}` });
    if (plan.kind === 'wait') {
      if (plan.alertManagers) {
        happened.push({ at: now, step: 'manager_alert' });
        s.managerAlertedAt = now;
      }
      if (plan.wakeAt === null || plan.wakeAt <= now) return happened;
      now = plan.wakeAt;
      continue;
    }
    happened.push({ at: now, step: plan.step, repIds: plan.repIds, expiresAt: applied.offers.map((o) => o.expiresAt) });
    for (const o of applied.offers) s.offers.push({ repId: o.repId, status: 'expired', offeredAt: now, step: o.step });
    for (const id of plan.repIds) s.reps.find((r) => r.repId === id)!.offerSeq = ++n;
    now = Math.max(...applied.offers.map((o) => o.expiresAt));
  }
  return happened;
}

const steps = (h: Happened[]) => h.map((x) => x.step);

describe('reps on their devices', () => {
  it('are offered after the live tabs let it pass, with the device timeout', () => {
    const s = snapshot({
      reps: [rep('tab'), rep('phone', { online: false, chosen: 'devices' })],
      teams: [team('t', ['tab', 'phone'])],
      rules: [rule('r', 't')],
    });
    const h = play(s, 2);
    expect(h.map((x) => ('repIds' in x ? x.repIds : []))).toEqual([['tab'], ['phone']]);
    expect(steps(h)).toEqual(['team', 'device']);
    const device = h[1]!;
    expect('expiresAt' in device && device.expiresAt).toEqual([device.at + DEVICE_MS]);
    expect(device.at).toBe(NOW + TAB_MS);
  });

  it('are offered together with live tabs when the site says so, still with the device timeout', () => {
    const s = snapshot({
      reps: [rep('phone', { online: false, chosen: 'devices', joinedAt: 0 }), rep('tab', { joinedAt: 1 })],
      teams: [team('t', ['tab', 'phone'])],
      rules: [rule('r', 't')],
      deviceOrder: 'with_tabs',
    });
    const plan = decideRouting(s, NOW);
    expect(plan.kind === 'offer' && [plan.step, plan.repIds]).toEqual(['team', ['phone']]);
    const applied = planApply(fresh, s, plan, { now: NOW, offerTimeoutMs: TAB_MS, deviceTimeoutMs: DEVICE_MS, newId: () => 'o1' });
    expect(applied.offers[0]!.expiresAt).toBe(NOW + DEVICE_MS);
    expect(applied.plan.trail?.at(-1)?.text).toBe('Offered to phone on their devices (45 s to accept)');
  });

  it('are not offered while away, and a rep with neither a tab nor devices is offline', () => {
    const s = snapshot({
      reps: [rep('gone', { online: false }), rep('resting', { chosen: 'away' })],
      teams: [team('t', ['gone', 'resting'])],
      rules: [rule('r', 't')],
    });
    const plan = decideRouting(s, NOW);
    expect(plan.kind === 'wait' && plan.skipped.map((k) => k.reason)).toEqual(['offline', 'away']);
  });
});

describe('the escalation ladder', () => {
  const ladder = (over: Partial<RoutingRule> = {}) =>
    snapshot({
      reps: [rep('tab'), rep('phone', { online: false, chosen: 'devices' }), rep('late', { chosen: 'away' })],
      teams: [team('t', ['tab', 'phone'])],
      rules: [rule('r', 't', { teamAllAfterMs: 120_000, alertManagers: true, ...over })],
    });

  it('goes tabs -> devices -> every rep of the team -> managers, each once, then keeps the lead queued', () => {
    const s = ladder();
    const h = play(s);
    expect(steps(h)).toEqual(['team', 'device', 'team_all', 'manager_alert']);
    const [tab, device, all, alert] = h;
    expect(tab!.at).toBe(NOW);
    expect(device!.at).toBe(NOW + TAB_MS);
    // Nobody else to try: the whole team at once without waiting for the 120 s.
    expect(all!.at).toBe(NOW + TAB_MS + DEVICE_MS);
    expect('repIds' in all! && all.repIds).toEqual(['tab', 'phone']);
    // The broadcast ran out at +110 s; the managers are alerted once the ladder's 120 s are up.
    expect(all!.at + DEVICE_MS).toBe(NOW + 110_000);
    expect(alert!.at).toBe(NOW + 120_000);
    // No new round: the lead stays queued (its visitor books a time), and the alert is not sent again.
    const after = decideRouting(s, alert!.at + 60_000);
    expect(after.kind === 'wait' && [after.reason, after.alertManagers]).toEqual(['unanswered', undefined]);
    // A rep who comes back is still offered it.
    s.reps.find((r) => r.repId === 'late')!.chosen = 'available';
    s.teams.get('t')!.members.push({ repId: 'late', weight: 1, pass: 0 });
    const back = decideRouting(s, alert!.at + 60_000);
    expect(back.kind === 'offer' && back.repIds).toEqual(['late']);
  });

  it('jumps to every rep of the team when its time is up, before the rest of the chain', () => {
    const s = snapshot({
      reps: ['a', 'b', 'c', 'd'].map((id, i) => rep(id, { joinedAt: i })),
      teams: [team('t', ['a', 'b', 'c', 'd'])],
      rules: [rule('r', 't', { teamAllAfterMs: 30_000, alertManagers: true })],
    });
    const h = play(s);
    expect(steps(h)).toEqual(['team', 'team', 'team_all', 'manager_alert']);
    expect(h[2]!.at).toBe(NOW + 2 * TAB_MS);
    expect('repIds' in h[2]! && h[2].repIds).toEqual(['a', 'b', 'c', 'd']);
  });

  it('alerts managers no earlier than N seconds after the hand-raise when nobody is online', () => {
    const s = snapshot({
      reps: [rep('gone', { online: false })],
      teams: [team('t', ['gone'])],
      rules: [rule('r', 't', { teamAllAfterMs: 90_000, alertManagers: true })],
    });
    const first = decideRouting(s, NOW);
    expect(first.kind === 'wait' && [first.reason, first.wakeAt, first.alertManagers]).toEqual(['nobody_online', NOW + 90_000, undefined]);
    const later = decideRouting(s, NOW + 90_000);
    expect(later.kind === 'wait' && later.alertManagers).toBe(true);
    const applied = planApply(fresh, s, later, { now: NOW + 90_000, offerTimeoutMs: TAB_MS, newId: () => 'x' });
    expect(applied.plan.lead?.managerAlertedAt).toBe(NOW + 90_000);
    expect(applied.plan.trail?.map((l) => l.kind)).toEqual(['rule', 'skipped', 'manager_alert', 'queued']);
    expect(applied.managerAlert).toBe(true);
  });

  it('does not alert managers out of hours: the visitor books a time, as without a ladder', () => {
    const closed = { timeZone: 'UTC', weekly: [], holidays: [] };
    const s = snapshot({ reps: [rep('a')], teams: [team('t', ['a'], { hours: closed })], rules: [rule('r', 't', { alertManagers: true })] });
    const plan = decideRouting(s, NOW);
    expect(plan.kind === 'wait' && [plan.reason, plan.alertManagers]).toEqual(['out_of_hours', undefined]);
  });

  it('without a ladder, nothing changes: a new round starts at once', () => {
    const s = snapshot({ reps: [rep('a')], teams: [team('t', ['a'])], rules: [rule('r', 't')] });
    s.offers.push({ repId: 'a', status: 'expired', offeredAt: NOW, step: 'team' });
    const plan = decideRouting(s, NOW);
    expect(plan.kind === 'offer' && plan.newRound).toBe(true);
  });
});

/** The ladder's order: a step never comes before one it follows. */
const RANK: Record<Step | 'manager_alert', number> = {
  previous_owner: 0,
  booked_rep: 0,
  owner: 0,
  team: 1,
  overflow: 2,
  everyone: 3,
  device: 4,
  team_all: 5,
  manager_alert: 6,
};

describe('any team and ladder (property)', () => {
  const repArb = fc.record({
    chosen: fc.constantFrom<ChosenPresence>('available', 'away', 'devices'),
    online: fc.boolean(),
    team: fc.constantFrom('t', 'o', 'none'),
    offerCapacity: fc.integer({ min: 1, max: 2 }),
  });

  it('plays each step in order, never repeats the team-wide step or the alert, and gives device offers the device timeout', () => {
    fc.assert(
      fc.property(
        fc.array(repArb, { maxLength: 7 }),
        fc.option(fc.integer({ min: 0, max: 200 }).map((s) => s * 1000)),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom<DeviceOrder>('tabs_first', 'with_tabs'),
        fc.constantFrom('round_robin' as const, 'broadcast' as const, 'weighted' as const),
        (raw, teamAllAfterMs, alertManagers, overflow, everyone, deviceOrder, strategy) => {
          const reps = raw.map((r, i) => rep(`r${i}`, { chosen: r.chosen, online: r.online, offerCapacity: r.offerCapacity, joinedAt: i }));
          const s = snapshot({
            reps,
            teams: [
              team(
                't',
                reps.filter((_, i) => raw[i]!.team === 't').map((r) => r.repId),
              ),
              team(
                'o',
                reps.filter((_, i) => raw[i]!.team === 'o').map((r) => r.repId),
              ),
            ],
            rules: [rule('r', 't', { teamAllAfterMs, alertManagers, overflowTeamId: overflow ? 'o' : null, escalateToEveryone: everyone, strategy })],
            deviceOrder,
          });
          const ladder = teamAllAfterMs !== null || alertManagers;
          const h = play(s, ladder ? 60 : 12);
          // With a ladder, routing settles: nobody is offered the lead twice in turn.
          if (ladder) expect(h.length).toBeLessThan(60);
          const devices = new Set(reps.filter((r) => r.chosen === 'devices').map((r) => r.repId));
          for (const x of h) {
            if (!('repIds' in x)) continue;
            // Expiry = offered at + the timeout of the rep's tier.
            x.repIds.forEach((id, i) => expect(x.expiresAt[i]).toBe(x.at + (devices.has(id) ? DEVICE_MS : TAB_MS)));
            if (deviceOrder === 'with_tabs') expect(x.step).not.toBe('device');
          }
          expect(steps(h).filter((st) => st === 'team_all').length).toBeLessThanOrEqual(1);
          expect(steps(h).filter((st) => st === 'manager_alert').length).toBeLessThanOrEqual(alertManagers ? 1 : 0);
          if (!ladder) return;
          // The alert comes last, never before N seconds after the hand-raise.
          const alert = h.findIndex((x) => x.step === 'manager_alert');
          if (alert >= 0) {
            expect(alert).toBe(h.length - 1);
            expect(h[alert]!.at).toBeGreaterThanOrEqual(NOW + (teamAllAfterMs ?? 0));
          }
          // Steps in order; the team-wide step may come early only because its time was up.
          const inOrder = h.filter((x) => !(x.step === 'team_all' && teamAllAfterMs !== null && x.at >= NOW + teamAllAfterMs));
          for (let i = 1; i < inOrder.length; i++) expect(RANK[inOrder[i]!.step]).toBeGreaterThanOrEqual(RANK[inOrder[i - 1]!.step]);
        },
      ),
      { numRuns: 500 },
    );
  });
});
