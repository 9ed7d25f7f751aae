// The routing simulation: random schedules of reps joining, leaving, accepting, declining,
// timing out, leads arriving, and the server restarting, run against the real store and router
// on a fake clock (one test file per strategy, so they run in parallel). Invariants (checked after every step and every timer):
// never two owners; a waiting hot lead is offered within 1 s while an eligible rep is available;
// no rep over capacity; no offer left open past its timeout + 1 s; pushes match committed rows.
import fc from 'fast-check';
import type { Strategy } from '../../server/routing/routing.types';
import { REPS, World } from './harness';

export type Step =
  | { kind: 'lead'; mixed: boolean; owned: boolean; viaBehaviour: boolean }
  | { kind: 'connect'; rep: number }
  | { kind: 'disconnect'; rep: number }
  | { kind: 'presence'; rep: number; presence: 'available' | 'away' }
  | { kind: 'accept'; pick: number; otherRep: boolean }
  | { kind: 'race'; pick: number }
  | { kind: 'decline'; pick: number }
  | { kind: 'outcome'; pick: number; outcome: 'connected' | 'no_answer' | 'voicemail' }
  | { kind: 'book'; pick: number }
  | { kind: 'wait'; ms: number }
  | { kind: 'restart'; downMs: number };

const rep = fc.integer({ min: 0, max: REPS.length - 1 });
const pick = fc.nat(50);

export const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('lead' as const), mixed: fc.constantFrom(false, false, true), owned: fc.boolean(), viaBehaviour: fc.boolean() }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('connect' as const), rep }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('disconnect' as const), rep }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('presence' as const),
      rep,
      presence: fc.constantFrom('available' as const, 'available' as const, 'away' as const),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('accept' as const),
      pick,
      otherRep: fc.constantFrom(false, false, false, false, false, false, false, false, false, true),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('race' as const), pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('decline' as const), pick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('outcome' as const),
      pick,
      outcome: fc.constantFrom('connected' as const, 'no_answer' as const, 'voicemail' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('book' as const), pick }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('wait' as const),
      ms: fc.oneof(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 1000, max: 30_000 }), fc.constant(11 * 60_000)),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), downMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 60_000 })) }) },
);

export async function run(world: World, s: Step) {
  switch (s.kind) {
    case 'lead':
      return void (await world.captureLead(s));
    case 'connect':
      return world.connect(s.rep);
    case 'disconnect':
      return world.disconnect(s.rep);
    case 'presence':
      return world.setPresence(s.rep, s.presence);
    case 'accept':
      return world.accept(s.pick, s.otherRep);
    case 'race':
      return world.acceptRace(s.pick);
    case 'decline':
      return world.decline(s.pick);
    case 'outcome':
      return world.logOutcome(s.pick, s.outcome);
    case 'book':
      return world.bookSlot(s.pick);
    case 'wait':
      return world.wait(s.ms);
    case 'restart':
      return world.restart(s.downMs);
  }
}

/**
 * Schedules per strategy in `npm test`: enough to walk every kind of step many times over while
 * keeping the suite inside its time budget. The longer suite (`npm run test:load`, in .ci/run)
 * runs SIM_RUNS_DEEP more per strategy on other seeds (test/load/routing-sim-deep.test.ts).
 */
export const SIM_RUNS_IN_NPM_TEST = 150;
export const SIM_RUNS_DEEP = 1000;

/** Runs `numRuns` random schedules with the catch-all rule on `strategy`; throws on the first broken invariant. */
export async function simulate(strategy: Strategy, numRuns: number, seed: number) {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 45 }), fc.constantFrom(1, 2, 2, 3, 0), async (steps, missedOffersBeforeAway) => {
      const world = await World.create({ strategy, missedOffersBeforeAway, offerTimeoutMs: 20_000 });
      try {
        for (const s of steps) {
          await run(world, s);
          await world.settle();
        }
        // Let the timers run on: still no invariant may break.
        await world.wait(30 * 60_000);
      } finally {
        world.close();
      }
    }),
    { numRuns, seed, endOnFailure: true },
  );
}
