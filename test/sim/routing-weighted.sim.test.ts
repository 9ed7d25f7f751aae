// Simulation with the catch-all rule on weighted (see sim-steps.ts for the schedules and invariants).
import { describe, it } from 'vitest';
import { SIM_RUNS_IN_NPM_TEST, simulate } from './sim-steps';

describe('routing simulation', () => {
  it('keeps every invariant under random schedules (weighted)', async () => {
    await simulate('weighted', Number(process.env.SIXTY_SIM_RUNS ?? SIM_RUNS_IN_NPM_TEST), 22);
  }, 120_000);
});
