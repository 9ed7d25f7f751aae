// Carrying a roster across a burst's decisions: what each plan writes about reps lands in the
// roster the next decision reads, so a burst decided in one transaction shares leads exactly as
// leads decided one by one would (round robin, weighted passes, capacity).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carryRoster, type Roster } from './carry-roster.core';
import { decideRouting } from './decide-routing.core';
import { planApply, type RoutedLead } from './plan-offers.core';
import { lead, rep, rule, snapshot, team } from './routing.fixtures';
import type { RoutingSnapshot } from './routing.types';

const NOW = Date.parse('2026-12-07T10:00:00Z');
const fresh: RoutedLead = { ruleId: null, queueReason: null, firstOfferedAt: null };

/** Decides `count` new leads in turn against the carried roster; the rep each was offered to (null: queued). */
function burst(roster: Roster, rules: RoutingSnapshot['rules'], count: number): { picks: Array<string | null>; roster: Roster } {
  const picks: Array<string | null> = [];
  let ids = 0;
  for (let i = 0; i < count; i++) {
    const s = snapshot({ lead: lead({ id: `lead${i}` }), hotAt: NOW, roundStartedAt: NOW, rules, reps: roster.reps, teams: [...roster.teams.values()] });
    const applied = planApply(fresh, s, decideRouting(s, NOW), { now: NOW, offerTimeoutMs: 20_000, newId: () => `offer${ids++}` });
    picks.push(applied.plan.offers?.[0]?.repId ?? null);
    const next = carryRoster(roster, applied.plan);
    expect(next).not.toBeNull();
    roster = next!;
  }
  return { picks, roster };
}

describe('carryRoster', () => {
  it('counts new offers, round robin’s sequence and the team’s pass', () => {
    const roster: Roster = { reps: [rep('ana'), rep('ben')], teams: new Map([['t', team('t', ['ana', 'ben'])]]) };
    const next = carryRoster(roster, {
      offers: [{ id: 'o1', repId: 'ben', expiresAt: NOW + 1, step: 'team', ruleId: null }],
      reps: [{ kind: 'offered', repId: 'ben', seq: 7 }],
      pass: { teamId: 't', vtime: 3, repId: 'ben', pass: 4 },
    })!;
    expect(next.reps.find((r) => r.repId === 'ben')).toMatchObject({ openOffers: 1, offerSeq: 7 });
    expect(next.reps.find((r) => r.repId === 'ana')).toBe(roster.reps[0]);
    expect(next.teams.get('t')).toMatchObject({
      vtime: 3,
      members: [
        { repId: 'ana', pass: 0 },
        { repId: 'ben', pass: 4 },
      ],
    });
    // The roster it was given is left as it was.
    expect(roster.reps[1]!.openOffers).toBe(0);
  });

  it('marks a rep set away away', () => {
    const next = carryRoster({ reps: [rep('ana')], teams: new Map() }, { reps: [{ kind: 'away', repId: 'ana', reason: 'missed 3' }] })!;
    expect(next.reps[0]!.chosen).toBe('away');
  });

  it('gives up on plans that change ownership, outcomes or take offers (the rows must be read again)', () => {
    const roster: Roster = { reps: [rep('ana')], teams: new Map() };
    expect(carryRoster(roster, { takeOpenOffers: true })).toBeNull();
    expect(carryRoster(roster, { lead: { ownerId: 'ana', routing: 'owned' } })).toBeNull();
    expect(carryRoster(roster, { lead: { outcome: null } })).toBeNull();
    expect(carryRoster(roster, { lead: { routing: 'waiting', queueReason: 'nobody_available' } })).toEqual(roster);
  });

  it('shares a burst round robin, up to every rep’s capacity (open offers count against both), then queues (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 40 }), (reps, capacity, count) => {
        const ids = Array.from({ length: reps }, (_, i) => `rep${i}`);
        const roster: Roster = {
          reps: ids.map((id, i) => rep(id, { offerCapacity: capacity, leadCapacity: capacity, joinedAt: i })),
          teams: new Map([['t', team('t', ids)]]),
        };
        const { picks, roster: after } = burst(roster, [rule('r', 't')], count);
        const offered = picks.filter((p): p is string => p !== null);
        expect(offered.length).toBe(Math.min(count, reps * capacity));
        // Round robin: the first `reps` leads go to every rep once, in join order, and so on.
        expect(offered).toEqual(offered.map((_, i) => ids[i % reps]));
        for (const r of after.reps) expect(r.openOffers).toBe(offered.filter((p) => p === r.repId).length);
      }),
    );
  });

  it('shares a burst by weight on a weighted team (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), (wa, wb) => {
        const t = team('t', ['ana', 'ben']);
        const weighted = {
          ...t,
          members: [
            { repId: 'ana', weight: wa, pass: 0 },
            { repId: 'ben', weight: wb, pass: 0 },
          ],
        };
        const roster: Roster = {
          reps: [rep('ana', { offerCapacity: 100, leadCapacity: 100 }), rep('ben', { offerCapacity: 100, leadCapacity: 100, joinedAt: 1 })],
          teams: new Map([['t', weighted]]),
        };
        const count = (wa + wb) * 4;
        const { picks } = burst(roster, [rule('r', 't', { strategy: 'weighted' })], count);
        // Stride scheduling: each rep within one lead of their share.
        expect(Math.abs(picks.filter((p) => p === 'ana').length - wa * 4)).toBeLessThanOrEqual(1);
        expect(Math.abs(picks.filter((p) => p === 'ben').length - wb * 4)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
