import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OfferStatus, Step, Strategy } from '../routing/routing.types';
import { NO_REASON, repFairness, rotationTeam, type FairnessFacts, type OfferGroup } from './rep-fairness.core';

const group = (repId: string, status: OfferStatus, count: number, extra: Partial<OfferGroup> = {}): OfferGroup => ({
  repId,
  status,
  reason: null,
  step: 'team',
  ruleTeamId: 'inbound',
  ruleOverflowTeamId: 'backup',
  strategy: 'weighted',
  count,
  ...extra,
});

/** `sql` owned leads that became SQL and `other` that did not. */
const owned = (repId: string, sql: number, other: number): FairnessFacts['owned'] => [
  ...Array.from({ length: sql }, () => ({ repId, stage: 'sql', reached: ['hot', 'sal', 'sql'], count: 1 })),
  // The rest as one counted group, as a store reads them.
  ...(other ? [{ repId, stage: 'sal', reached: ['hot', 'sal'], count: other }] : []),
];

const FACTS: FairnessFacts = {
  currency: 'EUR',
  users: [
    { id: 'ana', name: 'Ana', active: true },
    { id: 'bo', name: 'Bo', active: true },
    { id: 'cy', name: 'Cy', active: true },
    { id: 'dee', name: 'Dee', active: true },
    // Deactivated: still a member row in Inbound, but routing no longer picks her.
    { id: 'eve', name: 'Eve', active: false },
  ],
  teams: [
    {
      id: 'inbound',
      name: 'Inbound',
      members: [
        { repId: 'ana', weight: 3 },
        { repId: 'bo', weight: 1 },
        { repId: 'eve', weight: 4 },
      ],
    },
    { id: 'backup', name: 'Backup', members: [{ repId: 'cy', weight: 1 }] },
  ],
  offers: [
    group('ana', 'accepted', 5),
    group('ana', 'declined', 1, { reason: 'On a call' }),
    group('ana', 'expired', 2),
    group('bo', 'accepted', 1),
    group('bo', 'declined', 1, { reason: '  ' }),
    // Overflow into Backup, and a broadcast to everyone: neither is Inbound's rotation.
    group('cy', 'accepted', 2, { step: 'overflow' }),
    group('cy', 'taken', 1, { step: 'everyone', strategy: 'broadcast' }),
    group('ana', 'taken', 1, { step: 'everyone', strategy: 'broadcast' }),
    // Dee left Inbound but got one of its offers in the range.
    group('dee', 'offered', 1),
  ],
  acceptTimes: [
    { repId: 'ana', ms: 4000 },
    { repId: 'ana', ms: 1000 },
    { repId: 'ana', ms: 9000 },
    { repId: 'ana', ms: 2000 },
    { repId: 'ana', ms: 3000 },
    { repId: 'bo', ms: 30_000 },
    { repId: 'cy', ms: 500 },
    { repId: 'cy', ms: 700 },
  ],
  owned: [
    ...owned('ana', 2, 3),
    // Back to nurture after SQL: still an SQL.
    { repId: 'bo', stage: 'nurture', reached: ['hot', 'sal', 'sql', 'nurture'], count: 1 },
    ...owned('cy', 0, 2),
  ],
  closed: [
    { repId: 'ana', stage: 'won', dealValue: 12_000 },
    { repId: 'ana', stage: 'won', dealValue: 500.5 },
    { repId: 'ana', stage: 'lost', dealValue: 9_000 },
    // Cy's lost deal: closed, but neither a won deal nor revenue.
    { repId: 'cy', stage: 'lost', dealValue: 4_000 },
  ],
};

describe('repFairness', () => {
  const r = repFairness(FACTS, 0, 10);

  it('counts offers by ending, declines by reason, the median to accept, leads, SQL rate and revenue per rep', () => {
    expect(r.currency).toBe('EUR');
    expect(r.reps.map((x) => x.name)).toEqual(['Ana', 'Bo', 'Cy', 'Dee']);
    expect(r.reps[0]).toEqual({
      repId: 'ana',
      name: 'Ana',
      offers: { received: 9, accepted: 5, declined: 1, expired: 2, taken: 1, open: 0 },
      declineReasons: [{ reason: 'On a call', count: 1 }],
      medianMsToAccept: 3000,
      leadsOwned: 5,
      sqlLeads: 2,
      sqlRate: 0.4,
      wonDeals: 2,
      wonRevenue: 12_500.5,
    });
    expect(r.reps[1]!.declineReasons).toEqual([{ reason: NO_REASON, count: 1 }]);
    expect(r.reps[3]).toMatchObject({ offers: { received: 1, open: 1 }, medianMsToAccept: null, leadsOwned: 0, sqlRate: null, wonRevenue: 0 });
  });

  it("gives a team its members' combined figures and its rotation's spread beside the weights' expected share", () => {
    const inbound = r.teams.find((t) => t.name === 'Inbound')!;
    expect(inbound).toMatchObject({
      offers: { received: 11, accepted: 6, declined: 2, expired: 2, taken: 1, open: 0 },
      medianMsToAccept: 3000,
      leadsOwned: 6,
      sqlLeads: 3,
      sqlRate: 0.5,
      wonRevenue: 12_500.5,
      rotationOffers: 11,
      strategies: ['weighted'],
    });
    expect(inbound.members).toEqual([
      { repId: 'ana', name: 'Ana', weight: 3, expectedShare: 0.75, rotationOffers: 8, share: 8 / 11 },
      { repId: 'bo', name: 'Bo', weight: 1, expectedShare: 0.25, rotationOffers: 2, share: 2 / 11 },
      { repId: 'dee', name: 'Dee', weight: null, expectedShare: null, rotationOffers: 1, share: 1 / 11 },
    ]);
    const backup = r.teams.find((t) => t.name === 'Backup')!;
    expect(backup.members).toEqual([{ repId: 'cy', name: 'Cy', weight: 1, expectedShare: 1, rotationOffers: 2, share: 1 }]);
  });

  it('expects equal shares under round robin whatever the weights, and mixes strategies by their offers', () => {
    const team = {
      id: 't',
      name: 'T',
      members: [
        { repId: 'a', weight: 3 },
        { repId: 'b', weight: 1 },
      ],
    };
    const base = {
      ...FACTS,
      teams: [team],
      users: [
        { id: 'a', name: 'A', active: true },
        { id: 'b', name: 'B', active: true },
      ],
    };
    const rr = repFairness({ ...base, offers: [group('a', 'accepted', 4, { ruleTeamId: 't', strategy: 'round_robin' })] }, 0, 1);
    expect(rr.teams[0]!.members.map((m) => m.expectedShare)).toEqual([0.5, 0.5]);
    const mixed = repFairness(
      {
        ...base,
        offers: [group('a', 'accepted', 1, { ruleTeamId: 't', strategy: 'round_robin' }), group('b', 'accepted', 1, { ruleTeamId: 't', strategy: 'weighted' })],
      },
      0,
      1,
    );
    // Half the offers at 1/2 each, half at 3/4 and 1/4.
    expect(mixed.teams[0]!.members.map((m) => m.expectedShare)).toEqual([0.625, 0.375]);
    expect(mixed.teams[0]!.strategies).toEqual(['round_robin', 'weighted']);
    const none = repFairness({ ...base, offers: [] }, 0, 1);
    expect(none.teams[0]).toMatchObject({
      rotationOffers: 0,
      members: [
        { expectedShare: null, share: null },
        { expectedShare: null, share: null },
      ],
    });
  });

  it("takes the rotation's team from the step: the rule's team, its overflow team, or none", () => {
    const o = { ruleTeamId: 'a', ruleOverflowTeamId: 'b' };
    expect(rotationTeam({ ...o, step: 'team', strategy: 'round_robin' })).toBe('a');
    expect(rotationTeam({ ...o, step: 'overflow', strategy: 'weighted' })).toBe('b');
    expect(rotationTeam({ ...o, step: 'team', strategy: 'account_owner' })).toBe('a');
    expect(rotationTeam({ ...o, step: 'owner', strategy: 'account_owner' })).toBeNull();
    expect(rotationTeam({ ...o, step: 'team', strategy: 'broadcast' })).toBeNull();
    expect(rotationTeam({ ...o, step: 'everyone', strategy: 'round_robin' })).toBeNull();
    expect(rotationTeam({ ...o, step: 'team', strategy: null })).toBeNull();
  });

  const reps = ['a', 'b', 'c', 'd'];
  const facts: fc.Arbitrary<FairnessFacts> = fc.record({
    currency: fc.constant('USD'),
    users: fc.constant(reps.map((id) => ({ id, name: id.toUpperCase(), active: id !== 'd' }))),
    teams: fc
      .array(
        fc.record({
          id: fc.constantFrom('t1', 't2'),
          name: fc.constantFrom('One', 'Two'),
          members: fc.uniqueArray(fc.record({ repId: fc.constantFrom(...reps), weight: fc.integer({ min: 0, max: 5 }) }), {
            selector: (m) => m.repId,
            maxLength: 4,
          }),
        }),
        { maxLength: 2 },
      )
      .map((ts) => ts.filter((t, i) => ts.findIndex((u) => u.id === t.id) === i)),
    offers: fc.array(
      fc.record({
        repId: fc.constantFrom(...reps),
        status: fc.constantFrom<OfferStatus>('offered', 'accepted', 'declined', 'expired', 'taken'),
        reason: fc.option(fc.constantFrom('busy', 'lunch', ''), { nil: null }),
        step: fc.constantFrom<Step>('team', 'overflow', 'everyone', 'owner'),
        ruleTeamId: fc.option(fc.constantFrom('t1', 't2'), { nil: null }),
        ruleOverflowTeamId: fc.option(fc.constantFrom('t1', 't2'), { nil: null }),
        strategy: fc.option(fc.constantFrom<Strategy>('round_robin', 'weighted', 'broadcast', 'account_owner'), { nil: null }),
        count: fc.integer({ min: 1, max: 20 }),
      }),
      { maxLength: 25 },
    ),
    acceptTimes: fc.array(fc.record({ repId: fc.constantFrom(...reps), ms: fc.nat(100_000) }), { maxLength: 20 }),
    owned: fc.array(
      fc.record({
        repId: fc.constantFrom(...reps),
        stage: fc.constantFrom('sal', 'sql', 'opportunity', 'won', 'lost', 'nurture'),
        reached: fc.subarray(['hot', 'sal', 'sql', 'opportunity', 'nurture']),
        count: fc.integer({ min: 1, max: 3 }),
      }),
      { maxLength: 30 },
    ),
    closed: fc.array(
      fc.record({
        repId: fc.constantFrom(...reps),
        stage: fc.constantFrom('won', 'lost'),
        dealValue: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
      }),
      { maxLength: 10 },
    ),
  });

  it('keeps offers adding up, rates within 0..1, and spreads and expected shares summing to one', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const out = repFairness(f, 0, 1);
        for (const x of [...out.reps, ...out.teams]) {
          const o = x.offers;
          expect(o.accepted + o.declined + o.expired + o.taken + o.open).toBe(o.received);
          expect(x.declineReasons.reduce((s, d) => s + d.count, 0)).toBe(o.declined);
          if (x.sqlRate !== null) expect(x.sqlRate >= 0 && x.sqlRate <= 1).toBe(true);
        }
        // Every offer is some listed rep's.
        expect(out.reps.reduce((s, x) => s + x.offers.received, 0)).toBe(f.offers.reduce((s, o) => s + o.count, 0));
        for (const t of out.teams) {
          const members = t.members.filter((m) => m.weight !== null);
          if (t.rotationOffers === 0) continue;
          expect(t.members.reduce((s, m) => s + m.share!, 0)).toBeCloseTo(1, 9);
          expect(t.members.reduce((s, m) => s + m.rotationOffers, 0)).toBe(t.rotationOffers);
          if (members.length) expect(members.reduce((s, m) => s + m.expectedShare!, 0)).toBeCloseTo(1, 9);
          // The team's figures are its current members' combined.
          const mine = out.reps.filter((r) => members.some((m) => m.repId === r.repId));
          expect(t.offers.received).toBe(mine.reduce((s, r) => s + r.offers.received, 0));
          expect(t.wonRevenue).toBe(mine.reduce((s, r) => s + r.wonRevenue, 0));
        }
      }),
    );
  });
});
