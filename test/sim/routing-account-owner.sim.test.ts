// Simulation with the catch-all rule on account_owner (see sim-steps.ts for the schedules and invariants).
import { describe, it } from 'vitest';
import { SIM_RUNS_IN_NPM_TEST, simulate } from './sim-steps';

describe('routing simulation', () => {
  it('keeps every invariant under random schedules (account_owner)', async () => {
    await simulate('account_owner', Number(process.env.SIXTY_SIM_RUNS ?? SIM_RUNS_IN_NPM_TEST), 33);
  }, 120_000);
});
