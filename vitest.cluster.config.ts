import { randomBytes } from 'node:crypto';
import { defineConfig } from 'vitest/config';

// The cluster suite (`npm run test:cluster`): several Sixty processes on one PostgreSQL and one
// Redis (test/cluster), and integration tests re-run on PostgreSQL as the store's contract tests.
// .ci/run starts the services with scripts/cluster-services.sh first; `npm test` never needs them.

const databaseUrl = process.env.SIXTY_TEST_DATABASE_URL ?? 'postgres://sixty:sixty@127.0.0.1:5432/sixty';
const redisUrl = process.env.SIXTY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Names this run's throwaway databases and Redis keys, so its teardown drops exactly those. */
const run = (process.env.SIXTY_TEST_RUN ??= randomBytes(3).toString('hex'));
process.env.SIXTY_TEST_DATABASE_URL = databaseUrl;
process.env.SIXTY_TEST_REDIS_URL = redisUrl;

/**
 * Integration tests that only talk to the server (HTTP, sockets, its store) or read rows through
 * the backend-neutral `rows` helper: with SIXTY_TEST_DATABASE_URL set, test/helpers/test-server
 * gives each server a throwaway PostgreSQL database and Redis prefix, so they check the PostgreSQL
 * store against the same expectations as SQLite's.
 */
const CONTRACT = [
  // Runs its cases on every store backend: PostgreSQL too once the variable is set.
  'routing-store',
  'follow-up-due',
  'callbacks',
  'routing',
  'routing-live',
  'rep-workspace',
  'console-api',
  'users',
  'sites-admin',
  'webhooks',
  'isolation',
  'races',
  'routing-config',
  'events',
  'reports',
  'erasure',
  // The saved SLA and its pace (the digest's own test runs days on a fake clock: the cluster sweeper would tick through them).
  'sla',
].map((name) => `test/integration/${name}.test.ts`);

export default defineConfig({
  test: {
    include: ['test/cluster/**/*.test.ts', ...CONTRACT],
    env: { SIXTY_TEST_DATABASE_URL: databaseUrl, SIXTY_TEST_REDIS_URL: redisUrl, SIXTY_TEST_RUN: run },
    globalSetup: ['test/cluster/global-setup.ts'],
    // Remote round trips and spawned processes: slower than SQLite in one process.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Not inherited from vitest.config.ts (each config stands alone): the same 5 s default for
    // expect.poll as `npm test`, for the integration tests re-run here on PostgreSQL.
    expect: { poll: { timeout: 5000 } },
    pool: 'forks',
    // One file at a time: the cluster tests start three processes each (two cores), and the
    // timing checks (offer timeout + 5 s, loser told within a second) need the machine quiet.
    fileParallelism: false,
  },
});
