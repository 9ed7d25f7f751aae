import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Store contract files of the cluster suite that need no concurrency: `npm test` runs them on
 * PGlite, PostgreSQL inside the test process (test/helpers/pg-under-test.ts), one transaction at
 * a time. Their race and lock-wait cases run on the cluster suite's server only.
 */
const PGLITE_CONTRACT_FILES = [
  'tracking-store.pg',
  'admin-store.pg',
  'lead-store.pg',
  'sla-store.pg',
  'crm-store.pg',
  'pg-open',
  'speed-fairness.pg',
  'attribution-store.pg',
  'form-lead-rows.pg',
  'push-store.pg',
  'follow-up-store.pg',
].map((name) => `test/cluster/${name}.test.ts`);

/**
 * What `npm test` leaves to the cluster suite: the files that need PostgreSQL and Redis servers,
 * several processes or real concurrency (offer-claims, callback-admission, cross-process races,
 * three processes, crash takeover, Redis plumbing).
 */
const CLUSTER_ONLY = readdirSync('test/cluster')
  .map((name) => `test/cluster/${name}`)
  .filter((file) => file.endsWith('.test.ts') && !PGLITE_CONTRACT_FILES.includes(file));

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'widget/**/*.test.ts', 'console/**/*.test.ts', 'test/**/*.test.ts'],
    // The benchmark (test/bench/run.ts) is not a test file and never runs here; its harness
    // test (test/bench/harness.test.ts) does, in a tiny configuration.
    // The soak (test/load) is the longer suite: npm run test:load. The cluster tests need
    // PostgreSQL and Redis: npm run test:cluster (vitest.cluster.config.ts); the store contract
    // files among them run here too, on PGlite. Tests that need heavy installed servers
    // (LibreOffice...): npm run test:servers (vitest.servers.config.ts).
    exclude: ['**/node_modules/**', 'test/load/**', ...CLUSTER_ONLY, 'test/servers/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll gives up after 1 s by default: too short on a busy 2-core CI machine for a
    // condition that waits on a server round trip, a socket push or a browser render. A poll
    // still fails when its condition never comes true; it only waits longer before saying so.
    expect: { poll: { timeout: 5000 } },
    pool: 'forks',
    // Vitest's default is one worker per core minus one: a single worker on a 2-core machine,
    // which left a core idle while browser and socket tests waited on I/O. Two workers there
    // (and cores - 1 on bigger machines) keep the suite well under its 12-minute budget.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
