// The store implementations a contract test runs against: SQLite in memory always, and
// PostgreSQL when SIXTY_TEST_DATABASE_URL is set (each open gets its own throwaway database).
// `describe.each(storeBackends())` runs the same cases on both.
import { openDatabase } from '../../server/db/sqlite/open';
import { createSqliteStore } from '../../server/db/sqlite/sqlite-store';
import type { Store } from '../../server/db/store';
import { TEST_DATABASE_URL, createTestDatabase, dropTestDatabase, queryRows } from './databases';
import { storeRules } from '../../server/routing/store-rules';

export interface OpenStore {
  store: Store;
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
      async query<T>(sql: string, ...params: unknown[]) {
        return db.$client.prepare(sql).all(...params) as T[];
      },
      async close() {
        await store.close();
      },
    };
  },
};

function postgres(baseUrl: string): StoreBackend {
  return {
    name: 'postgres',
    async open() {
      // Loaded only when PostgreSQL runs, as the app does (server/db/backend.ts).
      const [{ openPostgres }, { createPgStore }] = await Promise.all([import('../../server/db/pg/open'), import('../../server/db/pg/pg-store')]);
      const url = await createTestDatabase(baseUrl);
      try {
        const store = createPgStore(await openPostgres(url, { max: 4 }), storeRules);
        return {
          store,
          query: <T>(sql: string, ...params: unknown[]) => queryRows<T>({ dbPath: '', databaseUrl: url }, sql, ...params),
          async close() {
            await store.close();
            await dropTestDatabase(url);
          },
        };
      } catch (err) {
        await dropTestDatabase(url);
        throw err;
      }
    },
  };
}

/** SQLite always; PostgreSQL too when the test run has a server to use. */
export function storeBackends(): StoreBackend[] {
  return TEST_DATABASE_URL ? [sqlite, postgres(TEST_DATABASE_URL)] : [sqlite];
}
