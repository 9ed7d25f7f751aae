// Who may be offered a browser call: only a rep with a console tab that can take it, never one
// reached by push; a phone callback is routed exactly as before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideRouting } from './decide-routing.core';
import { rep, rule, snapshot, team } from './routing.fixtures';
import type { ChosenPresence, RoutingPlan, RoutingSnapshot, Step } from './routing.types';
import { canTakeCall } from './take-call.core';

const NOW = Date.parse('2026-12-07T15:00:00Z');
const IDS = ['dana', 'sam', 'kim', 'lee', 'ana'];

/** Every rep the plan offers the lead to (none when it waits). */
const offeredTo = (plan: RoutingPlan): string[] => (plan.kind === 'offer' ? plan.repIds : []);

/** A workspace of reps in any state, one team with any rule shape, offers so far, and who has a call tab. */
const world = fc
  .record({
    reps: fc.uniqueArray(
      fc.record({
        id: fc.constantFrom(...IDS),
        online: fc.boolean(),
        chosen: fc.constantFrom<ChosenPresence>('available', 'away', 'devices'),
        openOffers: fc.integer({ min: 0, max: 1 }),
        callTab: fc.boolean(),
      }),
      { selector: (r) => r.id, minLength: 1, maxLength: 5 },
    ),
    strategy: fc.constantFrom('round_robin' as const, 'broadcast' as const, 'weighted' as const),
    escalateToEveryone: fc.boolean(),
    teamAllAfterMs: fc.constantFrom(null, 0, 60_000),
    deviceOrder: fc.constantFrom('tabs_first' as const, 'with_tabs' as const),
    declined: fc.subarray(IDS),
    expired: fc.subarray(IDS),
    previousOwner: fc.constantFrom(null, ...IDS),
  })
  .map((w): { s: RoutingSnapshot; callTabs: Set<string> } => {
    // A tab that can take calls is a live tab: a rep with none reports nothing.
    const callTabs = new Set(w.reps.filter((r) => r.callTab && r.online).map((r) => r.id));
    const reps = w.reps.map((r, i) => rep(r.id, { online: r.online, chosen: r.chosen, openOffers: r.openOffers, joinedAt: i }));
    const ids = reps.map((r) => r.repId);
    return {
      callTabs,
      s: snapshot({
        reps,
        teams: [team('t', ids)],
        rules: [rule('r', 't', { strategy: w.strategy, escalateToEveryone: w.escalateToEveryone, teamAllAfterMs: w.teamAllAfterMs })],
        deviceOrder: w.deviceOrder,
        previousOwnerId: w.previousOwner,
        offers: [
          ...w.declined.filter((id) => ids.includes(id)).map((repId) => ({ repId, status: 'declined' as const, offeredAt: NOW - 5000 })),
          ...w.expired.filter((id) => ids.includes(id)).map((repId) => ({ repId, status: 'expired' as const, offeredAt: NOW - 5000 })),
        ],
        hotAt: NOW - 120_000,
        roundStartedAt: NOW - 120_000,
      }),
    };
  });

describe('canTakeCall', () => {
  it('lets anyone take a phone callback, and only a rep with a call tab, not on their devices, take a browser call', () => {
    const tabs = new Set(['dana']);
    expect(canTakeCall({ repId: 'sam', chosen: 'devices' }, null, tabs)).toBe(true);
    expect(canTakeCall({ repId: 'sam', chosen: 'available' }, 'phone', tabs)).toBe(true);
    expect(canTakeCall({ repId: 'dana', chosen: 'available' }, 'browser', tabs)).toBe(true);
    expect(canTakeCall({ repId: 'sam', chosen: 'available' }, 'browser', tabs)).toBe(false);
    expect(canTakeCall({ repId: 'dana', chosen: 'devices' }, 'browser', tabs)).toBe(false);
  });
});

describe('routing a browser call', () => {
  it('offers a browser call only to reps with a call tab who are not on their devices, whatever the step', () => {
    fc.assert(
      fc.property(world, ({ s, callTabs }) => {
        const plan = decideRouting({ ...s, talk: 'browser', callTabs }, NOW);
        for (const id of offeredTo(plan)) {
          expect(callTabs.has(id)).toBe(true);
          expect(s.reps.find((r) => r.repId === id)!.chosen).not.toBe('devices');
        }
        if (plan.kind === 'offer') expect(['device'] satisfies Step[]).not.toContain(plan.step);
      }),
    );
  });

  it('routes a phone callback as if nobody had a call tab, and a browser call as a phone callback when every rep can take it', () => {
    fc.assert(
      fc.property(world, ({ s, callTabs }) => {
        const phone = decideRouting(s, NOW);
        expect(decideRouting({ ...s, talk: 'phone', callTabs }, NOW)).toEqual(phone);
        expect(decideRouting({ ...s, talk: null, callTabs }, NOW)).toEqual(phone);
        // Everyone live and on a tab that can take calls: the browser call goes where the callback would.
        const allTabs = { ...s, reps: s.reps.map((r) => ({ ...r, online: true, chosen: r.chosen === 'devices' ? ('available' as const) : r.chosen })) };
        expect(decideRouting({ ...allTabs, talk: 'browser', callTabs: new Set(IDS) }, NOW)).toEqual(decideRouting(allTabs, NOW));
      }),
    );
  });

  it('names the reps it skipped for having no call tab, and waits as if nobody were online when nobody has one', () => {
    const s = snapshot({
      reps: [rep('dana'), rep('sam', { chosen: 'devices', online: false }), rep('kim')],
      teams: [team('t', ['dana', 'sam', 'kim'])],
      rules: [rule('r', 't')],
    });
    const none = decideRouting({ ...s, talk: 'browser', callTabs: new Set() }, NOW);
    expect(none).toMatchObject({ kind: 'wait', reason: 'nobody_online' });
    expect(none.skipped.map((k) => [k.repId, k.reason])).toEqual([
      ['dana', 'no_call_tab'],
      ['kim', 'no_call_tab'],
      ['sam', 'no_call_tab'],
    ]);
    const kim = decideRouting({ ...s, talk: 'browser', callTabs: new Set(['kim']) }, NOW);
    expect(kim).toMatchObject({ kind: 'offer', repIds: ['kim'] });
  });
});
