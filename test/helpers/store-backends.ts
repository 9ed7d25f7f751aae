// The store implementations a contract test runs against: SQLite in memory, and PostgreSQL: the
// cluster suite's server when SIXTY_TEST_DATABASE_URL is set, else PGlite in the test process
// (test/helpers/pg-under-test.ts); each open gets its own throwaway database.
// `describe.each(storeBackends())` runs the same cases on both.
import { openDatabase } from '../../server/db/sqlite/open';
import { createSqliteStore } from '../../server/db/sqlite/sqlite-store';
import type { Store } from '../../server/db/store';
import type { CalendarStore } from '../../server/calendar/calendar-store';
import { createCalendarOps } from '../../server/db/sqlite/calendar-ops';
import { queryRows } from './databases';
import { PG } from './pg-under-test';
import { storeRules } from '../../server/routing/store-rules';

export interface OpenStore {
  store: Store;
  /** Reps' calendar connections, on the same database. */
  calendars: CalendarStore;
  /**
   * Rows the store does not expose, for assertions: `?` placeholders, SQL valid on both engines;
   * PostgreSQL's 64-bit integers come back as numbers and booleans as 1/0, as in SQLite.
   */
  query<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface StoreBackend {
  name: 'sqlite' | 'postgres';
  open(): Promise<OpenStore>;
}

const sqlite: StoreBackend = {
  name: 'sqlite',
  async open() {
    const db = openDatabase(':memory:');
    const store = createSqliteStore(db, storeRules);
    return {
      store,
      calendars: createCalendarOps(db),
      async query<T>(sql: string, ...params: unknown[]) {
        return db.$client.prepare(sql).all(...params) as T[];
      },
      async close() {
        await store.close();
      },
    };
  },
};

const postgres: StoreBackend = {
  name: 'postgres',
  async open() {
    const { createPgStore } = await import('../../server/db/pg/pg-store');
    const pgCalendars = await import('../../server/db/pg/calendar-ops');
    const url = await PG.createDatabase();
    try {
      const [pool] = await PG.openPools(url, 1, 4);
      const store = createPgStore(pool!, storeRules);
      return {
        store,
        calendars: pgCalendars.createCalendarOps(pool!),
        query: <T>(sql: string, ...params: unknown[]) => queryRows<T>({ dbPath: '', databaseUrl: url }, sql, ...params),
        async close() {
          await store.close();
          await PG.dropDatabase(url);
        },
      };
    } catch (err) {
      await PG.dropDatabase(url);
      throw err;
    }
  },
};

/** SQLite, then PostgreSQL (a server in the cluster suite, PGlite in npm test). */
export function storeBackends(): StoreBackend[] {
  return [sqlite, postgres];
}
