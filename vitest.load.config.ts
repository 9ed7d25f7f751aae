import { defineConfig } from 'vitest/config';

// The longer suite (`npm run test:load`): soak under load, run by .ci/run after `npm test`.
export default defineConfig({
  test: {
    include: ['test/load/**/*.test.ts'],
    testTimeout: 20 * 60_000,
    hookTimeout: 120_000,
    // Not inherited from vitest.config.ts (each config stands alone): the same 5 s default for
    // expect.poll as `npm test`, should a soak test poll.
    expect: { poll: { timeout: 5000 } },
    pool: 'forks',
    // One at a time: each suite is a load test and measures the server it loads.
    fileParallelism: false,
  },
});
