import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'widget/**/*.test.ts', 'console/**/*.test.ts', 'test/**/*.test.ts'],
    // The benchmark (test/bench/run.ts) is not a test file and never runs here; its harness
    // test (test/bench/harness.test.ts) does, in a tiny configuration.
    // The soak (test/load) is the longer suite: npm run test:load. The cluster tests need
    // PostgreSQL and Redis: npm run test:cluster (vitest.cluster.config.ts). Tests that need heavy
    // installed servers (LibreOffice...): npm run test:servers (vitest.servers.config.ts).
    exclude: ['**/node_modules/**', 'test/load/**', 'test/cluster/**', 'test/servers/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll gives up after 1 s by default: too short on a busy 2-core CI machine for a
    // condition that waits on a server round trip, a socket push or a browser render. A poll
    // still fails when its condition never comes true; it only waits longer before saying so.
    expect: { poll: { timeout: 5000 } },
    pool: 'forks',
  },
});
