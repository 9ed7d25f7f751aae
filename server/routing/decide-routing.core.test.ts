// The routing decision with a fake clock: every strategy, the escalation chain, rounds,
// account ownership, skills, languages, territories, hours and holidays.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideRouting } from './decide-routing.core';
import { weeklyHours } from './hours.core';
import { lead, rep, rule, snapshot, team } from './routing.fixtures';
import type { RepState, RoutingPlan, RoutingSnapshot, Team } from './routing.types';

const NOW = Date.parse('2026-11-23T15:00:00Z'); // Monday 15:00 UTC

function offered(plan: RoutingPlan): string[] {
  if (plan.kind !== 'offer') throw new Error(`expected an offer, got wait (${plan.reason})`);
  return plan.repIds;
}

function waited(plan: RoutingPlan) {
  if (plan.kind !== 'wait') throw new Error(`expected a wait, got an offer to ${plan.repIds.join(', ')}`);
  return plan;
}

/** Applies a plan to the snapshot as the store would (offer order, passes), for sequences. */
function commit(s: RoutingSnapshot, plan: RoutingPlan, seq: { n: number }): void {
  if (plan.kind !== 'offer') return;
  for (const id of plan.repIds) s.reps.find((r) => r.repId === id)!.offerSeq = ++seq.n;
  if (plan.pass) {
    const t = s.teams.get(plan.pass.teamId)!;
    t.vtime = plan.pass.vtime;
    t.members.find((m) => m.repId === plan.pass!.repId)!.pass = plan.pass.pass;
  }
}

function tally(s: RoutingSnapshot, leads: number, between?: (i: number) => void): Map<string, number> {
  const counts = new Map<string, number>();
  const seq = { n: 0 };
  for (let i = 0; i < leads; i++) {
    between?.(i);
    const plan = decideRouting(s, NOW + i);
    for (const id of offered(plan)) counts.set(id, (counts.get(id) ?? 0) + 1);
    commit(s, plan, seq);
  }
  return counts;
}

describe('round robin', () => {
  it('offers the least recently offered; never-offered reps first by join order, never at random', () => {
    const reps = [rep('b', { offerSeq: 5 }), rep('a', { offerSeq: 2 }), rep('new2', { joinedAt: 2 }), rep('new1', { joinedAt: 1 })];
    const s = snapshot({ reps, teams: [team('t', ['a', 'b', 'new1', 'new2'])], rules: [rule('r', 't')] });
    expect(offered(decideRouting(s, NOW))).toEqual(['new1']);
    expect(offered(decideRouting({ ...s, reps: reps.slice(0, 2) }, NOW))).toEqual(['a']);
  });

  it('deals 1,000 leads over 10 equal reps with a spread of at most 1', () => {
    const reps = Array.from({ length: 10 }, (_, i) => rep(`r${i}`, { joinedAt: i }));
    const s = snapshot({
      reps,
      teams: [
        team(
          't',
          reps.map((r) => r.repId),
        ),
      ],
      rules: [rule('r', 't')],
    });
    const counts = [...tally(s, 1000).values()];
    expect(counts).toHaveLength(10);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it('stays fair when someone comes back from a break: one turn, not a burst', () => {
    const reps = ['a', 'b', 'c'].map((id, i) => rep(id, { joinedAt: i }));
    const s = snapshot({ reps, teams: [team('t', ['a', 'b', 'c'])], rules: [rule('r', 't')] });
    const order: string[] = [];
    const seq = { n: 0 };
    for (let i = 0; i < 12; i++) {
      reps[2]!.chosen = i >= 3 && i < 8 ? 'away' : 'available';
      const plan = decideRouting(s, NOW + i);
      order.push(...offered(plan));
      commit(s, plan, seq);
    }
    // c is away for leads 4-8; back, c goes first once (waited longest), then the rotation resumes.
    expect(order.join('')).toBe('abc' + 'ababa' + 'c' + 'bac');
  });
});

describe('weighted', () => {
  it('follows weights 1:2:3 exactly over time', () => {
    const reps = ['one', 'two', 'three'].map((id, i) => rep(id, { joinedAt: i }));
    const t = team('t', ['one', 'two', 'three']);
    t.members.forEach((m, i) => (m.weight = i + 1));
    const s = snapshot({ reps, teams: [t], rules: [rule('r', 't', { strategy: 'weighted' })] });
    const counts = tally(s, 600);
    expect([counts.get('one'), counts.get('two'), counts.get('three')]).toEqual([100, 200, 300]);
  });

  it('lifts a returning rep to the team clock, so their absence is not paid back in a burst', () => {
    const reps = ['a', 'b'].map((id, i) => rep(id, { joinedAt: i }));
    const s = snapshot({ reps, teams: [team('t', ['a', 'b'])], rules: [rule('r', 't', { strategy: 'weighted' })] });
    const order: string[] = [];
    const seq = { n: 0 };
    for (let i = 0; i < 14; i++) {
      reps[1]!.chosen = i < 8 ? 'away' : 'available';
      const plan = decideRouting(s, NOW + i);
      order.push(...offered(plan));
      commit(s, plan, seq);
    }
    expect(order.slice(8).join('')).toMatch(/^(ab|ba)(ab|ba)(ab|ba)$/);
  });
});

describe('broadcast', () => {
  it('offers every eligible rep of the team at once and names who was skipped', () => {
    const reps = [rep('a'), rep('b'), rep('off', { online: false }), rep('busy', { openOffers: 1 })];
    const s = snapshot({ reps, teams: [team('t', ['a', 'b', 'off', 'busy'])], rules: [rule('r', 't', { strategy: 'broadcast' })] });
    const plan = decideRouting(s, NOW);
    expect(offered(plan)).toEqual(['a', 'b']);
    expect(plan.kind === 'offer' && plan.skipped.map((x) => [x.repId, x.reason])).toEqual([
      ['off', 'offline'],
      ['busy', 'at_capacity'],
    ]);
  });
});

describe('account owner first', () => {
  const owner = () => rep('owner', { joinedAt: 9 });
  const base = (o: RepState) =>
    snapshot({
      hotAt: NOW,
      lead: lead({ emailDomain: 'bigco.com' }),
      accountOwnerId: 'owner',
      reps: [rep('a'), o],
      teams: [team('t', ['a', 'owner'])],
      rules: [rule('r', 't', { strategy: 'account_owner', ownerWaitMs: 10_000 })],
    });

  it('offers the owner of the email domain first, even when others waited longer', () => {
    const plan = decideRouting(base(owner()), NOW);
    expect(offered(plan)).toEqual(['owner']);
    expect(plan.kind === 'offer' && plan.step).toBe('owner');
  });

  it('waits up to N seconds for an unavailable owner, then falls back to the team', () => {
    const s = base({ ...owner(), online: false });
    const wait = waited(decideRouting(s, NOW + 3_000));
    expect(wait.reason).toBe('owner_wait');
    expect(wait.wakeAt).toBe(NOW + 10_000);
    const plan = decideRouting(s, NOW + 10_000);
    expect(offered(plan)).toEqual(['a']);
    expect(plan.kind === 'offer' && plan.skipped).toEqual([{ repId: 'owner', name: 'owner', reason: 'offline' }]);
  });

  it('falls back at once when the owner declined or let the offer expire', () => {
    const s = base(owner());
    expect(offered(decideRouting({ ...s, offers: [{ repId: 'owner', status: 'declined', offeredAt: NOW }] }, NOW + 1000))).toEqual(['a']);
    expect(offered(decideRouting({ ...s, offers: [{ repId: 'owner', status: 'expired', offeredAt: NOW }] }, NOW + 1000))).toEqual(['a']);
  });

  it('is plain round robin when the domain has no owner', () => {
    expect(offered(decideRouting({ ...base(owner()), accountOwnerId: null }, NOW))).toEqual(['a']);
  });
});

describe('a lead back from nurture', () => {
  // 'had' owned the lead before nurture and has waited least: round robin alone would pick 'a'.
  const base = (had = rep('had', { offerSeq: 9 })) =>
    snapshot({ hotAt: NOW, previousOwnerId: 'had', reps: [rep('a', { offerSeq: 1 }), had], teams: [team('t', ['a', 'had'])], rules: [rule('r', 't')] });

  it('goes first to the rep who had it when they are online and free', () => {
    const plan = decideRouting(base(), NOW);
    expect(offered(plan)).toEqual(['had']);
    expect(plan.kind === 'offer' && plan.step).toBe('previous_owner');
  });

  it('goes to the team at once, without waiting, when that rep is offline, away or busy', () => {
    for (const had of [rep('had', { online: false }), rep('had', { chosen: 'away' }), rep('had', { openOffers: 1 })]) {
      const plan = decideRouting(base(had), NOW);
      expect(offered(plan)).toEqual(['a']);
      expect(plan.kind === 'offer' && plan.step).toBe('team');
    }
  });

  it('goes to the team once that rep declined it or let the offer expire', () => {
    expect(offered(decideRouting({ ...base(), offers: [{ repId: 'had', status: 'declined', offeredAt: NOW }] }, NOW + 1))).toEqual(['a']);
    expect(offered(decideRouting({ ...base(), offers: [{ repId: 'had', status: 'expired', offeredAt: NOW }] }, NOW + 1))).toEqual(['a']);
  });

  it('goes to the team when that rep left the workspace', () => {
    expect(offered(decideRouting({ ...base(), previousOwnerId: 'gone' }, NOW))).toEqual(['a']);
  });
});

describe('a booked meeting whose time has come', () => {
  // The meeting was booked with 'booked', who was offered a lead recently: round robin alone would pick 'a'.
  const base = (booked = rep('booked', { offerSeq: 9 })) =>
    snapshot({ hotAt: NOW, bookedRepId: 'booked', reps: [rep('a', { offerSeq: 1 }), booked], teams: [team('t', ['a', 'booked'])], rules: [rule('r', 't')] });

  it('goes first to the rep it was booked with, when they are online and free', () => {
    const plan = decideRouting(base(), NOW);
    expect(offered(plan)).toEqual(['booked']);
    expect(plan.kind === 'offer' && plan.step).toBe('booked_rep');
  });

  it('goes to the team at once when that rep is offline, away or busy, or let it expire', () => {
    for (const booked of [rep('booked', { online: false }), rep('booked', { chosen: 'away' }), rep('booked', { openOffers: 1 })]) {
      const plan = decideRouting(base(booked), NOW);
      expect(offered(plan)).toEqual(['a']);
      expect(plan.kind === 'offer' && plan.step).toBe('team');
    }
    expect(offered(decideRouting({ ...base(), offers: [{ repId: 'booked', status: 'expired', offeredAt: NOW }] }, NOW + 1))).toEqual(['a']);
  });
});

describe('requirements', () => {
  it('skips reps without every required skill', () => {
    const s = snapshot({
      reps: [rep('a'), rep('b', { skills: ['Refrigeration', 'ovens'], joinedAt: 1 })],
      teams: [team('t', ['a', 'b'])],
      rules: [rule('r', 't', { requires: { skills: ['refrigeration'], languages: [], territory: false } })],
    });
    const plan = decideRouting(s, NOW);
    expect(offered(plan)).toEqual(['b']);
    expect(plan.kind === 'offer' && plan.skipped[0]!.reason).toBe('missing_skill');
    expect(waited(decideRouting({ ...s, reps: [rep('a')] }, NOW)).reason).toBe('no_match');
  });

  it('skips reps who do not speak the required language', () => {
    const s = snapshot({
      reps: [rep('en', { languages: ['en'] }), rep('de', { languages: ['en', 'de'], joinedAt: 1 })],
      teams: [team('t', ['en', 'de'])],
      rules: [
        rule('dach', 't', {
          conditions: [{ field: 'country', op: 'in', values: ['DE', 'AT'] }],
          requires: { skills: [], languages: ['de'], territory: false },
        }),
      ],
      lead: lead({ country: 'AT' }),
    });
    const plan = decideRouting(s, NOW);
    expect(offered(plan)).toEqual(['de']);
    expect(plan.kind === 'offer' && plan.skipped).toEqual([{ repId: 'en', name: 'en', reason: 'missing_language' }]);
  });

  it("offers a lead only to reps whose territories include the lead's country", () => {
    const reps = [
      rep('us', { territories: ['US', 'CA'] }),
      rep('uk', { territories: ['GB'], joinedAt: 1 }),
      rep('global', { territories: ['*'], joinedAt: 2, offerSeq: 9 }),
    ];
    const s = snapshot({
      reps,
      teams: [team('t', ['us', 'uk', 'global'])],
      rules: [rule('r', 't', { requires: { skills: [], languages: [], territory: true } })],
    });
    expect(offered(decideRouting({ ...s, lead: lead({ country: 'GB' }) }, NOW))).toEqual(['uk']);
    expect(offered(decideRouting({ ...s, lead: lead({ country: 'CA' }) }, NOW))).toEqual(['us']);
    expect(offered(decideRouting({ ...s, lead: lead({ country: 'FR' }) }, NOW))).toEqual(['global']);
    // Unknown country: the requirement cannot be judged, so it is waived.
    expect(offered(decideRouting({ ...s, lead: lead({ country: null }) }, NOW))).toEqual(['us']);
  });
});

describe('hours and holidays', () => {
  const ninetofive = weeklyHours('Europe/Berlin', [1, 2, 3, 4, 5], '09:00', '17:00', ['2026-12-24', '2026-12-25']);
  const withHours = (hours = ninetofive, reps = [rep('a')]) =>
    snapshot({
      reps,
      teams: [
        team(
          't',
          reps.map((r) => r.repId),
          { hours },
        ),
      ],
      rules: [rule('r', 't')],
    });

  it('offers inside the team hours and queues outside them until they open', () => {
    expect(offered(decideRouting(withHours(), NOW))).toEqual(['a']); // 16:00 Berlin
    const evening = Date.parse('2026-11-23T17:30:00Z'); // 18:30 Berlin
    const wait = waited(decideRouting(withHours(), evening));
    expect(wait.reason).toBe('out_of_hours');
    expect(wait.skipped).toEqual([{ repId: 'a', name: 'a', reason: 'outside_hours' }]);
    expect(wait.wakeAt).toBe(Date.parse('2026-11-24T08:00:00Z'));
  });

  it('is closed on a holiday and opens on the next working day', () => {
    const christmasEve = Date.parse('2026-12-24T10:00:00Z');
    const wait = waited(decideRouting(withHours(), christmasEve));
    expect(wait.reason).toBe('out_of_hours');
    expect(wait.wakeAt).toBe(Date.parse('2026-12-28T08:00:00Z'));
  });

  it("respects a rep's own narrower hours inside the team's", () => {
    const mornings = weeklyHours('Europe/Berlin', [1, 2, 3, 4, 5], '09:00', '12:00');
    const s = withHours(ninetofive, [rep('early', { ownHours: mornings }), rep('late', { joinedAt: 1 })]);
    const plan = decideRouting(s, NOW);
    expect(offered(plan)).toEqual(['late']);
    expect(plan.kind === 'offer' && plan.skipped).toEqual([{ repId: 'early', name: 'early', reason: 'outside_hours' }]);
  });

  it('does not wake for reps who are offline anyway', () => {
    expect(waited(decideRouting(withHours(ninetofive, [rep('a', { online: false })]), Date.parse('2026-11-23T20:00:00Z')))).toMatchObject({
      reason: 'nobody_online',
      wakeAt: null,
    });
  });
});

describe('escalation chain', () => {
  const chain = (reps: RepState[], over: Partial<ReturnType<typeof rule>> = {}) =>
    snapshot({
      reps,
      teams: [team('sales', ['s1', 's2']), team('overflow', ['o1'])],
      rules: [rule('r', 'sales', { overflowTeamId: 'overflow', escalateToEveryone: true, ...over })],
    });

  it('goes to the overflow team when nobody in the team can take the lead', () => {
    const plan = decideRouting(chain([rep('s1', { openOffers: 1 }), rep('s2', { chosen: 'away' }), rep('o1'), rep('x')]), NOW);
    expect(offered(plan)).toEqual(['o1']);
    expect(plan.kind === 'offer' && plan.step).toBe('overflow');
  });

  it('then broadcasts to everyone online and free, whatever their team, hours or skills', () => {
    const plan = decideRouting(
      chain([rep('s1', { openOffers: 1 }), rep('o1', { online: false }), rep('x'), rep('y'), rep('z', { chosen: 'away' })], {
        requires: { skills: ['x'], languages: [], territory: false },
      }),
      NOW,
    );
    expect(offered(plan)).toEqual(['x', 'y']);
    expect(plan.kind === 'offer' && plan.step).toBe('everyone');
  });

  it('then queues, saying why', () => {
    expect(waited(decideRouting(chain([rep('s1', { online: false }), rep('o1', { online: false })]), NOW)).reason).toBe('nobody_online');
    expect(waited(decideRouting(chain([rep('s1', { openOffers: 1 }), rep('o1', { activeLeads: 5 })]), NOW)).reason).toBe('all_busy');
    expect(waited(decideRouting(chain([rep('s1', { chosen: 'away' })]), NOW)).reason).toBe('nobody_available');
    const declinedAll = chain([rep('s1'), rep('o1')]);
    declinedAll.offers = ['s1', 'o1'].map((repId) => ({ repId, status: 'declined' as const, offeredAt: NOW - 1 }));
    expect(waited(decideRouting(declinedAll, NOW)).reason).toBe('all_declined');
  });

  it('without an overflow team or the broadcast step, queues after the team', () => {
    const s = chain([rep('s1', { openOffers: 1 }), rep('o1'), rep('x')], { overflowTeamId: null, escalateToEveryone: false });
    expect(waited(decideRouting(s, NOW)).reason).toBe('all_busy');
  });
});

describe('rounds, declines and capacity', () => {
  const three = () =>
    snapshot({ reps: ['a', 'b', 'c'].map((id, i) => rep(id, { joinedAt: i })), teams: [team('t', ['a', 'b', 'c'])], rules: [rule('r', 't')] });

  it('moves on from a rep who let the offer expire, and comes back to them in a new round', () => {
    const s = three();
    s.offers = [{ repId: 'a', status: 'expired', offeredAt: NOW - 20_000 }];
    expect(offered(decideRouting(s, NOW))).toEqual(['b']);
    s.offers.push({ repId: 'b', status: 'expired', offeredAt: NOW - 10_000 }, { repId: 'c', status: 'expired', offeredAt: NOW - 5_000 });
    const plan = decideRouting(s, NOW);
    expect(offered(plan)).toEqual(['a']);
    expect(plan.kind === 'offer' && plan.newRound).toBe(true);
    // Offers before the round started do not count.
    expect(offered(decideRouting({ ...s, roundStartedAt: NOW - 1 }, NOW))).toEqual(['a']);
  });

  it('never offers a lead again to a rep who declined it', () => {
    const s = three();
    s.offers = ['a', 'b'].map((repId) => ({ repId, status: 'declined' as const, offeredAt: NOW - 1 }));
    const plan = decideRouting(s, NOW);
    expect(offered(plan)).toEqual(['c']);
    s.offers.push({ repId: 'c', status: 'declined', offeredAt: NOW });
    expect(waited(decideRouting(s, NOW)).reason).toBe('all_declined');
  });

  it('counts open offers against the lead capacity, so an accept never goes over', () => {
    const s = three();
    s.reps[0]!.offerCapacity = 3;
    s.reps[0]!.openOffers = 1;
    s.reps[0]!.activeLeads = 4;
    s.reps[1]!.activeLeads = 5;
    const plan = decideRouting(s, NOW);
    expect(offered(plan)).toEqual(['c']);
    expect(plan.kind === 'offer' && plan.skipped.map((x) => x.reason)).toEqual(['at_capacity', 'at_capacity']);
  });
});

describe('without rules', () => {
  it('offers everyone in the workspace in turn', () => {
    const plan = decideRouting(snapshot({ reps: [rep('a', { offerSeq: 3 }), rep('b', { offerSeq: 1 })] }), NOW);
    expect(offered(plan)).toEqual(['b']);
    expect(plan.rule.id).toBeNull();
  });

  it('falls back the same way when the rule points at a deleted team', () => {
    expect(decideRouting(snapshot({ reps: [rep('a')], rules: [rule('r', 'gone')] }), NOW).rule.id).toBeNull();
  });
});

describe('any snapshot (property)', () => {
  const arbRep = (i: number) =>
    fc
      .record({
        online: fc.boolean(),
        chosen: fc.constantFrom('available' as const, 'away' as const),
        openOffers: fc.integer({ min: 0, max: 2 }),
        activeLeads: fc.integer({ min: 0, max: 6 }),
        offerSeq: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
        status: fc.constantFrom('none', 'declined', 'expired'),
        inTeam: fc.boolean(),
      })
      .map((r) => ({ ...r, id: `r${i}` }));

  it('offers only eligible reps, and waits only when nobody is eligible', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbRep(i)))),
        fc.constantFrom('round_robin' as const, 'broadcast' as const, 'weighted' as const),
        fc.boolean(),
        (raw, strategy, everyone) => {
          const reps = raw.map((r, i) =>
            rep(r.id, { online: r.online, chosen: r.chosen, openOffers: r.openOffers, activeLeads: r.activeLeads, offerSeq: r.offerSeq, joinedAt: i }),
          );
          const offers = raw.filter((r) => r.status !== 'none').map((r) => ({ repId: r.id, status: r.status as 'declined' | 'expired', offeredAt: NOW - 1 }));
          const t: Team = team(
            't',
            raw.filter((r) => r.inTeam).map((r) => r.id),
          );
          const s = snapshot({ reps, offers, teams: [t], rules: [rule('r', 't', { strategy, escalateToEveryone: everyone })] });
          const free = (r: RepState) =>
            r.online &&
            r.chosen === 'available' &&
            r.openOffers < 1 &&
            r.activeLeads + r.openOffers < 5 &&
            !offers.some((o) => o.repId === r.repId && o.status === 'declined');
          const reachable = reps.filter((r) => free(r) && (everyone || raw[Number(r.repId.slice(1))]!.inTeam));
          const plan = decideRouting(s, NOW);
          if (plan.kind === 'wait') expect(reachable).toEqual([]);
          else {
            expect(plan.repIds.length).toBeGreaterThan(0);
            for (const id of plan.repIds) expect(reachable.map((r) => r.repId)).toContain(id);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
