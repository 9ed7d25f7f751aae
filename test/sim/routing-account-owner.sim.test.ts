// Simulation with the catch-all rule on account_owner (see sim-steps.ts for the schedules and invariants).
import { describe, it } from 'vitest';
import { simulate } from './sim-steps';

describe('routing simulation', () => {
  it('keeps every invariant under random schedules (account_owner)', async () => {
    await simulate('account_owner', Number(process.env.SIXTY_SIM_RUNS ?? 500), 33);
  }, 120_000);
});
