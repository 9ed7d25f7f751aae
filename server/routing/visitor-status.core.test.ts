// What the visitor is told, decided from the lead's facts and a fake clock.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weeklyHours } from './hours.core';
import { rep, rule, snapshot, team } from './routing.fixtures';
import type { RoutingSnapshot } from './routing.types';
import { askingNow, decideVisitorStatus, waitsInQueue, type VisitorFacts } from './visitor-status.core';

// Sunday 2026-12-13 03:00 in New York (08:00 UTC).
const SUNDAY_NIGHT = Date.parse('2026-12-13T08:00:00Z');
// Monday 2026-12-14 10:00 in New York (15:00 UTC).
const MONDAY_MORNING = Date.parse('2026-12-14T15:00:00Z');
const NY_WEEKDAYS = weeklyHours('America/New_York', [1, 2, 3, 4, 5], '09:00', '17:00');

const facts = (over: Partial<VisitorFacts> = {}): VisitorFacts => ({
  routing: 'waiting',
  stage: 'hot',
  ownerId: null,
  ownerName: null,
  acceptedAt: null,
  capturedAt: 1000,
  hotAt: 1000,
  scheduledFor: null,
  queueReason: null,
  promiseSeconds: 60,
  endingUrl: 'https://example.com/guides',
  openOffers: [],
  ...over,
});

const sales = (): RoutingSnapshot =>
  snapshot({ rules: [rule('r', 'sales')], teams: [team('sales', ['ann'], { hours: NY_WEEKDAYS })], reps: [rep('ann', { online: false })] });

describe('decideVisitorStatus', () => {
  it('counts down while the lead is being offered, and names the rep who accepted', () => {
    expect(decideVisitorStatus(facts({ routing: 'offered' }), null, SUNDAY_NIGHT)).toEqual({
      state: 'waiting',
      since: 1000,
      promiseSeconds: 60,
      asking: [],
    });
    // Waiting a few seconds for the account owner is still "finding someone".
    expect(decideVisitorStatus(facts({ queueReason: 'owner_wait' }), sales(), SUNDAY_NIGHT).state).toBe('waiting');
    expect(decideVisitorStatus(facts({ routing: 'owned', ownerId: 'ann', ownerName: 'Ann', acceptedAt: 2000 }), null, SUNDAY_NIGHT)).toEqual({
      state: 'accepted',
      repName: 'Ann',
      at: 2000,
    });
  });

  it('names the reps asked right now by first name, first offered first, and drops an offer past its expiry', () => {
    const now = SUNDAY_NIGHT;
    const openOffers = [
      { repName: 'Sam Okafor', offeredAt: now - 2000, expiresAt: now + 18_000 },
      { repName: '  Dana   Reyes ', offeredAt: now - 5000, expiresAt: now + 15_000 },
      // Its timer has not closed it yet, but an accept could no longer claim it.
      { repName: 'Priya Nair', offeredAt: now - 20_000, expiresAt: now },
    ];
    expect(decideVisitorStatus(facts({ routing: 'offered', openOffers }), null, now)).toMatchObject({ state: 'waiting', asking: ['Dana', 'Sam'] });
    // Nobody offered yet (the account owner's wait): nobody named.
    expect(decideVisitorStatus(facts({ queueReason: 'owner_wait' }), sales(), now)).toMatchObject({ state: 'waiting', asking: [] });
    // Once a rep accepted, the visitor reads their full name instead.
    expect(decideVisitorStatus(facts({ routing: 'owned', ownerId: 'sam', ownerName: 'Sam Okafor', openOffers }), null, now)).not.toHaveProperty('asking');
  });

  it('lists exactly the reps whose offers are open at now, each once, first offered first', () => {
    // One offer per rep (the store allows one open offer per lead and rep), each rep its own first name.
    const offer = fc.record({
      first: fc.stringMatching(/^[A-Z][a-z]{0,7}$/),
      last: fc.constantFrom('', ' Reyes', ' de la Cruz'),
      offeredAt: fc.integer({ min: 0, max: 1_000_000 }),
      life: fc.integer({ min: 1, max: 600_000 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(offer, { selector: (o) => o.first, maxLength: 8 }), fc.integer({ min: 0, max: 1_600_000 }), (drawn, now) => {
        const asking = askingNow(
          drawn.map((o) => ({ repName: o.first + o.last, offeredAt: o.offeredAt, expiresAt: o.offeredAt + o.life })),
          now,
        );
        const open = drawn.filter((o) => o.offeredAt + o.life > now);
        expect([...asking].sort()).toEqual(open.map((o) => o.first).sort());
        const offeredAt = new Map(open.map((o) => [o.first, o.offeredAt]));
        for (let i = 1; i < asking.length; i++) expect(offeredAt.get(asking[i - 1]!)!).toBeLessThanOrEqual(offeredAt.get(asking[i]!)!);
      }),
    );
  });

  it('says closed, and when it opens, when nobody who could take the lead is inside their hours', () => {
    // Offline at night is "closed", not "queued": the visitor is told when the team opens.
    const status = decideVisitorStatus(facts({ queueReason: 'nobody_online' }), sales(), SUNDAY_NIGHT);
    expect(status).toEqual({
      state: 'no_rep',
      why: 'closed',
      opensAt: '2026-12-14T14:00:00.000Z',
      slots: [
        '2026-12-14T14:00:00.000Z',
        '2026-12-14T14:30:00.000Z',
        '2026-12-14T15:00:00.000Z',
        '2026-12-14T15:30:00.000Z',
        '2026-12-14T16:00:00.000Z',
        '2026-12-14T16:30:00.000Z',
      ],
    });
  });

  it('tells busy (reps on, all occupied) from queued (inside hours, nobody free)', () => {
    const busy = decideVisitorStatus(facts({ queueReason: 'all_busy' }), sales(), MONDAY_MORNING);
    expect(busy).toMatchObject({ state: 'no_rep', why: 'busy', opensAt: null });
    for (const reason of ['nobody_online', 'nobody_available', 'all_declined', 'no_match', 'out_of_hours'] as const) {
      expect(decideVisitorStatus(facts({ queueReason: reason }), sales(), MONDAY_MORNING)).toMatchObject({ state: 'no_rep', why: 'queued', opensAt: null });
    }
    // Inside hours the times start at the next half hour after the 15-minute lead time.
    expect(busy.state === 'no_rep' && busy.slots[0]).toBe('2026-12-14T15:30:00.000Z');
  });

  it('queues without times when nobody could take the lead at all', () => {
    const nobody = snapshot({
      rules: [rule('r', 'sales', { requires: { skills: ['kitchens'], languages: [], territory: false } })],
      teams: [team('sales', ['ann'])],
      reps: [rep('ann')],
    });
    expect(decideVisitorStatus(facts({ queueReason: 'no_match' }), nobody, SUNDAY_NIGHT)).toEqual({ state: 'no_rep', why: 'queued', opensAt: null, slots: [] });
  });

  it('confirms a booked time', () => {
    expect(decideVisitorStatus(facts({ routing: 'scheduled', scheduledFor: Date.parse('2026-12-14T14:00:00Z') }), null, SUNDAY_NIGHT)).toEqual({
      state: 'scheduled',
      slot: '2026-12-14T14:00:00.000Z',
    });
  });

  it('gives disqualified and suspect visitors the same courteous ending with the site’s link, never "closed"', () => {
    const disqualified = decideVisitorStatus(facts({ routing: 'closed', stage: 'disqualified', hotAt: null }), null, SUNDAY_NIGHT);
    const suspect = decideVisitorStatus(facts({ routing: 'closed', stage: 'suspect', hotAt: null }), null, SUNDAY_NIGHT);
    expect(disqualified).toEqual({ state: 'ended', link: 'https://example.com/guides' });
    expect(suspect).toEqual(disqualified);
    expect(decideVisitorStatus(facts({ routing: 'closed', stage: 'disqualified', endingUrl: null }), null, SUNDAY_NIGHT)).toEqual({
      state: 'ended',
      link: null,
    });
    // A lead a rep took and later ruled out stays "accepted" for the visitor they called.
    expect(decideVisitorStatus(facts({ routing: 'owned', stage: 'disqualified', ownerId: 'ann', ownerName: 'Ann' }), null, SUNDAY_NIGHT).state).toBe(
      'accepted',
    );
    // A warm lead (not offered live) is kept for follow-up.
    expect(decideVisitorStatus(facts({ routing: 'closed', stage: 'mql' }), null, SUNDAY_NIGHT)).toEqual({ state: 'closed' });
  });

  it('needs the routing snapshot only for a lead waiting in the queue', () => {
    expect(waitsInQueue(facts({ queueReason: 'nobody_online' }))).toBe(true);
    expect(waitsInQueue(facts({ queueReason: 'owner_wait' }))).toBe(false);
    expect(waitsInQueue(facts({ routing: 'offered' }))).toBe(false);
    expect(waitsInQueue(facts({ routing: 'closed', stage: 'disqualified' }))).toBe(false);
  });
});
