// The callback times a visitor is offered come only from the hours of reps who could take the
// lead: the matched rule's team and overflow team, with the rule's requirements, not declined.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callbackSlots } from '../callbacks/slots';
import { weeklyHours } from './hours.core';
import { lead, rep, rule, snapshot, team } from './routing.fixtures';
import type { RepState, RoutingSnapshot } from './routing.types';
import { slotSchedules } from './slot-schedules.core';

// Monday 2026-11-23 07:00 UTC = 02:00 in New York.
const NOW = Date.parse('2026-11-23T07:00:00Z');
const NY_WEEKDAYS = weeklyHours('America/New_York', [1, 2, 3, 4, 5], '09:00', '17:00');
const NY_MORNINGS = weeklyHours('America/New_York', [1, 2, 3, 4, 5], '09:00', '10:00');
const TOKYO_ALL_WEEK = weeklyHours('Asia/Tokyo', [1, 2, 3, 4, 5, 6, 7], '00:00', '24:00');

const slotsOf = (s: RoutingSnapshot, count = 4) => callbackSlots(NOW, slotSchedules(s), count);

/** Sales (New York, 9 to 5) takes the lead; ann works mornings only. */
function sales(extra: { reps?: RepState[]; salesMembers?: string[]; over?: Parameters<typeof rule>[2] } = {}): RoutingSnapshot {
  const ann = rep('ann', { ownHours: NY_MORNINGS, skills: ['kitchens'], languages: ['en'], territories: ['US'] });
  return snapshot({
    lead: lead({ country: 'US' }),
    rules: [rule('r', 'sales', { requires: { skills: ['kitchens'], languages: ['en'], territory: true }, ...extra.over })],
    teams: [team('sales', ['ann', ...(extra.salesMembers ?? [])], { hours: NY_WEEKDAYS }), team('tokyo', ['kei'], { hours: TOKYO_ALL_WEEK })],
    reps: [ann, rep('kei', { skills: ['kitchens'], languages: ['en'], territories: ['*'] }), ...(extra.reps ?? [])],
  });
}

// Ann's mornings: 09:00 and 09:30 New York (14:00, 14:30 UTC), Monday then Tuesday.
const ANN_ONLY = ['2026-11-23T14:00:00.000Z', '2026-11-23T14:30:00.000Z', '2026-11-24T14:00:00.000Z', '2026-11-24T14:30:00.000Z'];

describe('slotSchedules', () => {
  it('ignores a rep of another team, open around the clock', () => {
    expect(slotsOf(sales())).toEqual(ANN_ONLY);
  });

  it('ignores team members the rule rules out: a missing skill, language or territory', () => {
    const full = { skills: ['kitchens'], languages: ['en'], territories: ['US'] };
    for (const unfit of [{ skills: [] }, { languages: ['de'] }, { territories: ['CA'] }]) {
      // Bo works the team's whole day but cannot take this lead.
      const s = sales({ reps: [rep('bo', { ...full, ...unfit })], salesMembers: ['bo'] });
      expect(slotsOf(s)).toEqual(ANN_ONLY);
    }
    // The same rep, fit for it, widens the times to the team's day.
    expect(slotsOf(sales({ reps: [rep('bo', full)], salesMembers: ['bo'] }), 3)).toEqual([
      '2026-11-23T14:00:00.000Z',
      '2026-11-23T14:30:00.000Z',
      '2026-11-23T15:00:00.000Z',
    ]);
  });

  it('ignores a rep who declined this lead', () => {
    const s = sales({ reps: [rep('bo', { skills: ['kitchens'], languages: ['en'], territories: ['US'] })], salesMembers: ['bo'] });
    s.offers = [{ repId: 'bo', status: 'declined', offeredAt: NOW - 60_000 }];
    expect(slotsOf(s)).toEqual(ANN_ONLY);
  });

  it('counts the overflow team, which the rule reaches before the queue', () => {
    const s = sales({ over: { overflowTeamId: 'tokyo' } });
    // Kei's team is open now: the first slot is the next half hour after the 15-minute lead time.
    expect(slotsOf(s, 1)).toEqual(['2026-11-23T07:30:00.000Z']);
  });

  it('offers the team hours of a team with no members yet, and nothing when nobody fit is left', () => {
    const empty = snapshot({ rules: [rule('r', 'new')], teams: [team('new', [], { hours: NY_WEEKDAYS })] });
    expect(slotsOf(empty, 1)).toEqual(['2026-11-23T14:00:00.000Z']);
    const unfit = sales();
    unfit.reps = unfit.reps.map((r) => ({ ...r, skills: [] }));
    expect(slotsOf(unfit)).toEqual([]);
  });

  it('never widens the times, whatever reps outside the rule are added (property)', () => {
    const hours = fc.record({
      open: fc.integer({ min: 0, max: 22 }),
      length: fc.integer({ min: 1, max: 12 }),
      days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
      zone: fc.constantFrom('UTC', 'Asia/Tokyo', 'Europe/Berlin', 'America/Los_Angeles'),
    });
    const hh = (h: number) => `${String(Math.min(h, 24)).padStart(2, '0')}:00`;
    fc.assert(
      fc.property(fc.array(fc.record({ hours, inSales: fc.boolean(), skilled: fc.boolean() }), { maxLength: 4 }), (extras) => {
        const base = slotsOf(sales(), 6);
        const added = extras.map((x, i) =>
          rep(`x${i}`, {
            ownHours: weeklyHours(x.hours.zone, x.hours.days, hh(x.hours.open), hh(x.hours.open + x.hours.length)),
            skills: x.skilled ? ['kitchens'] : [],
            languages: ['en'],
            territories: ['US'],
          }),
        );
        // Members of sales without the skill, or anyone in the Tokyo team: none can take the lead.
        const s = sales({ reps: added, salesMembers: added.filter((_, i) => extras[i]!.inSales && !extras[i]!.skilled).map((r) => r.repId) });
        s.teams.get('tokyo')!.members.push(...added.filter((_, i) => !extras[i]!.inSales).map((r) => ({ repId: r.repId, weight: 1, pass: 0 })));
        expect(slotsOf(s, 6)).toEqual(base);
      }),
      { numRuns: 60 },
    );
  });
});
