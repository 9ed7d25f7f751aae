// Simulation with the catch-all rule on weighted (see sim-steps.ts for the schedules and invariants).
import { describe, it } from 'vitest';
import { simulate } from './sim-steps';

describe('routing simulation', () => {
  it('keeps every invariant under random schedules (weighted)', async () => {
    await simulate('weighted', Number(process.env.SIXTY_SIM_RUNS ?? 500), 22);
  }, 120_000);
});
