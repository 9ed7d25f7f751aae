// The routing simulation at depth: the longer suite runs SIM_RUNS_DEEP random schedules per
// strategy on seeds `npm test` never uses, so CI walks far more schedules than the everyday
// suite can afford (test/sim/sim-steps.ts has the steps and invariants).
import { describe, it } from 'vitest';
import type { Strategy } from '../../server/routing/routing.types';
import { SIM_RUNS_DEEP, simulate } from '../sim/sim-steps';

const SEEDS: [Strategy, number][] = [
  ['round_robin', 1011],
  ['weighted', 1022],
  ['account_owner', 1033],
];

describe('routing simulation at depth', () => {
  for (const [strategy, seed] of SEEDS) {
    it(`keeps every invariant under ${SIM_RUNS_DEEP} more random schedules (${strategy})`, async () => {
      await simulate(strategy, Number(process.env.SIXTY_SIM_RUNS ?? SIM_RUNS_DEEP), seed);
    });
  }
});
