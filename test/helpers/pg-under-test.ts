// The PostgreSQL a store contract test runs against: the cluster suite's server when
// SIXTY_TEST_DATABASE_URL is set (npm run test:cluster), else PGlite inside the test process
// (npm test), so every run checks the PostgreSQL store without a pre-started service.
// The contract files `npm test` runs on PGlite are named in vitest.config.ts (PGLITE_CONTRACT_FILES).
import { openPostgres, type PgDb } from '../../server/db/pg/open';
import { TEST_DATABASE_URL, createTestDatabase, dropTestDatabase } from './databases';
import { startPglite, type PgliteDatabase } from './pglite';

export interface PgUnderTest {
  name: 'postgresql' | 'pglite';
  /**
   * Whether connections run side by side. PGlite is one session that connections take turns on:
   * races there cannot race, a lock never makes anyone wait (the session holds them all), and
   * a connection that waits for another's transaction waits forever.
   */
  concurrent: boolean;
  /**
   * A fresh database for `openPostgres`. PGlite's comes already migrated (a copy made once per
   * test process, quicker than migrating each), unless `blank` asks for one never migrated.
   */
  createDatabase(options?: { blank?: boolean }): Promise<string>;
  dropDatabase(url: string): Promise<void>;
  /**
   * Opens `count` pools on one database, as `count` processes do: all at once on a server (their
   * migrators queue on the advisory lock), one after another on PGlite (one session holds every
   * lock, so two migrators there would both run). Pools have one connection on PGlite.
   */
  openPools(url: string, count: number, max: number): Promise<PgDb[]>;
}

function server(baseUrl: string): PgUnderTest {
  return {
    name: 'postgresql',
    concurrent: true,
    createDatabase: () => createTestDatabase(baseUrl),
    dropDatabase: dropTestDatabase,
    openPools: (url, count, max) => Promise.all(Array.from({ length: count }, () => openPostgres(url, { max }))),
  };
}

function pglite(): PgUnderTest {
  const open = new Map<string, { db: PgliteDatabase; migrated: boolean }>();
  /** Migrated databases given back, emptied: a test opening one per case (routing-store) reuses them instead of starting PGlite each time. */
  const spare: PgliteDatabase[] = [];
  return {
    name: 'pglite',
    concurrent: false,
    async createDatabase({ blank = false } = {}) {
      const db = (!blank && spare.pop()) || (await startPglite({ migrated: !blank }));
      open.set(db.url, { db, migrated: !blank });
      return db.url;
    },
    async dropDatabase(url) {
      const given = open.get(url);
      open.delete(url);
      if (!given) return;
      if (given.migrated) {
        await given.db.empty();
        spare.push(given.db);
      } else await given.db.close();
    },
    async openPools(url, count) {
      const pools: PgDb[] = [];
      for (let i = 0; i < count; i++) pools.push(await openPostgres(url, { max: 1 }));
      return pools;
    },
  };
}

export const PG: PgUnderTest = TEST_DATABASE_URL ? server(TEST_DATABASE_URL) : pglite();
