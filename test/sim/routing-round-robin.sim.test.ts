// Simulation with the catch-all rule on round_robin (see sim-steps.ts for the schedules and invariants).
import { describe, it } from 'vitest';
import { SIM_RUNS_IN_NPM_TEST, simulate } from './sim-steps';

describe('routing simulation', () => {
  it('keeps every invariant under random schedules (round_robin)', async () => {
    await simulate('round_robin', Number(process.env.SIXTY_SIM_RUNS ?? SIM_RUNS_IN_NPM_TEST), 11);
  }, 120_000);
});
