import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseRep, type RepCandidate } from './routing.core';

function rep(id: string, over: Partial<RepCandidate> = {}): RepCandidate {
  return { repId: id, name: id, online: true, presence: 'available', openOffers: 0, activeLeads: 0, lastOfferedAt: null, alreadyTried: false, joinedAt: 0, ...over };
}

describe('chooseRep', () => {
  it('skips offline, away, at-capacity and already-tried reps, saying why', () => {
    const d = chooseRep(
      [
        rep('off', { online: false }),
        rep('away', { presence: 'away' }),
        rep('busy', { openOffers: 1 }),
        rep('full', { activeLeads: 5 }),
        rep('tried', { alreadyTried: true }),
        rep('ok'),
      ],
      0,
    );
    expect(d.repId).toBe('ok');
    expect(d.skipped.map((s) => [s.repId, s.reason])).toEqual([
      ['off', 'offline'],
      ['away', 'away'],
      ['busy', 'at_capacity'],
      ['full', 'at_capacity'],
      ['tried', 'already_tried'],
    ]);
  });

  it('picks the least recently offered; never-offered first, by join order (never random)', () => {
    const reps = [rep('b', { lastOfferedAt: 50 }), rep('a', { lastOfferedAt: 10 }), rep('new2', { joinedAt: 2 }), rep('new1', { joinedAt: 1 })];
    expect(chooseRep(reps, 100).repId).toBe('new1');
    expect(chooseRep(reps.slice(0, 2), 100).repId).toBe('a');
  });

  it('returns nobody when nobody is eligible', () => {
    expect(chooseRep([rep('x', { online: false })], 0).repId).toBeNull();
    expect(chooseRep([], 0).repId).toBeNull();
  });

  it('always picks an eligible rep when one exists, and the pick is eligible', () => {
    const arb = fc.array(
      fc.record({
        online: fc.boolean(),
        presence: fc.constantFrom('available' as const, 'away' as const),
        openOffers: fc.integer({ min: 0, max: 2 }),
        activeLeads: fc.integer({ min: 0, max: 6 }),
        lastOfferedAt: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
        alreadyTried: fc.boolean(),
        joinedAt: fc.integer({ min: 0, max: 100 }),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(arb, (raw) => {
        const reps = raw.map((r, i) => rep(`r${i}`, r));
        const eligible = reps.filter((r) => r.online && r.presence === 'available' && !r.alreadyTried && r.openOffers < 1 && r.activeLeads < 5);
        const d = chooseRep(reps, 0);
        expect(d.repId === null).toBe(eligible.length === 0);
        expect(d.skipped.length + (d.repId ? 1 : 0) <= reps.length).toBe(true);
        if (d.repId) {
          const pick = eligible.find((r) => r.repId === d.repId)!;
          expect(pick).toBeDefined();
          for (const e of eligible) expect((pick.lastOfferedAt ?? -Infinity) <= (e.lastOfferedAt ?? -Infinity)).toBe(true);
        }
      }),
    );
  });

  it('deals leads evenly over equal reps (round robin, spread at most 1)', () => {
    const reps = Array.from({ length: 10 }, (_, i) => rep(`r${i}`, { joinedAt: i }));
    const counts = new Map<string, number>();
    for (let now = 1; now <= 1000; now++) {
      const { repId } = chooseRep(reps, now);
      counts.set(repId!, (counts.get(repId!) ?? 0) + 1);
      reps.find((r) => r.repId === repId)!.lastOfferedAt = now;
    }
    const values = [...counts.values()];
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
  });
});
