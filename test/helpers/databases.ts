// Throwaway databases for tests that run against PostgreSQL and Redis (npm run test:cluster),
// and one query helper that reads either backend, so a test can look at the rows it made
// without knowing which database the server under test runs on.
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createClient } from 'redis';

/** Set by `npm run test:cluster`; unset under `npm test`, which then runs on SQLite only. */
export const TEST_DATABASE_URL = process.env.SIXTY_TEST_DATABASE_URL || null;
export const TEST_REDIS_URL = process.env.SIXTY_TEST_REDIS_URL || null;

/** Every throwaway database starts with this, so a crashed run's leftovers can be found and dropped. */
export const TEST_DATABASE_PREFIX = 'sixty_t_';
/**
 * Names this run's databases and Redis keys (set by vitest.cluster.config.ts), so the run's
 * global teardown drops what it made, even what a test left behind, and nothing of a run beside it.
 */
const RUN = /^[a-z0-9]+$/.test(process.env.SIXTY_TEST_RUN ?? '') ? `${process.env.SIXTY_TEST_RUN}_` : '';

/** The same server and credentials as `baseUrl`, another database. */
function withDatabase(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function nameOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name.startsWith(TEST_DATABASE_PREFIX)) throw new Error(`refusing to drop "${name}": not a test database`);
  return name;
}

/** Connects to the server's own database (`baseUrl`) for CREATE/DROP DATABASE. */
async function admin<T>(baseUrl: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates `sixty_t_<random>` on the server of `baseUrl` and returns its URL. */
export async function createTestDatabase(baseUrl: string): Promise<string> {
  const name = `${TEST_DATABASE_PREFIX}${RUN}${randomBytes(6).toString('hex')}`;
  await admin(baseUrl, (c) => c.query(`create database ${name}`));
  return withDatabase(baseUrl, name);
}

/** Drops a database made by createTestDatabase, ending any connection still open to it (PostgreSQL 13+). */
export async function dropTestDatabase(url: string): Promise<void> {
  const name = nameOf(url);
  // From the maintenance database: a database cannot drop itself.
  await admin(withDatabase(url, 'postgres'), (c) => c.query(`drop database if exists ${name} with (force)`));
}

/** Drops the test databases whose names start with `prefix` (a run's, or all of them): what tests left behind. */
export async function dropTestDatabases(baseUrl: string, prefix = TEST_DATABASE_PREFIX): Promise<string[]> {
  if (!prefix.startsWith(TEST_DATABASE_PREFIX)) throw new Error(`refusing to drop "${prefix}*": not test databases`);
  return admin(baseUrl, async (c) => {
    const { rows } = await c.query<{ name: string }>('select datname as name from pg_database where starts_with(datname, $1)', [prefix]);
    for (const { name } of rows) await c.query(`drop database if exists "${name}" with (force)`);
    return rows.map((r) => r.name);
  });
}

/** A fresh Redis key prefix, so concurrent servers and runs never see each other's keys. */
export function testRedisPrefix(): string {
  return `sixty-t-${RUN.replace('_', '-')}${randomBytes(6).toString('hex')}`;
}

/** Deletes every Redis key (streams included) under a test prefix. */
export async function clearRedisPrefix(redisUrl: string, prefix: string): Promise<void> {
  if (!prefix.startsWith('sixty-t-')) throw new Error(`refusing to clear "${prefix}": not a test prefix`);
  const client = createClient({ url: redisUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) if (keys.length) await client.del(keys);
  } finally {
    await client.close();
  }
}

const INT8 = 20;
const NUMERIC = 1700;
const BOOL = 16;

/**
 * PostgreSQL rows shaped like SQLite's, so one assertion fits both: 64-bit integers and numerics
 * as numbers (epoch milliseconds fit), booleans as 1 and 0.
 */
const sqliteLikeTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
    if (oid === BOOL) return (v: string) => (v === 't' ? 1 : 0);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as unknown as pg.CustomTypesConfig;

/** `?` placeholders (outside quoted strings) to PostgreSQL's `$1, $2, …`. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/'(?:[^']|'')*'|\?/g, (m) => (m === '?' ? `$${++n}` : m));
}

/** Where a server keeps its data: the SQLite file, or the PostgreSQL database when set. */
export interface DatabaseLocation {
  dbPath: string;
  databaseUrl: string | null;
}

/**
 * Runs one statement on the database of a server under test, with `?` placeholders, and returns
 * its rows (none for writes). Works while the server runs and after it closed. SQL must be
 * valid on both engines (e.g. `cast(count(*) as integer)`, `where hot` rather than `hot = 1`).
 */
export async function queryRows<T>(where: DatabaseLocation, sql: string, ...params: unknown[]): Promise<T[]> {
  if (where.databaseUrl) {
    const client = new pg.Client({ connectionString: where.databaseUrl, types: sqliteLikeTypes });
    await client.connect();
    try {
      return (await client.query(numbered(sql), params)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const db = new Database(where.dbPath);
  try {
    const stmt = db.prepare(sql);
    if (stmt.reader) return stmt.all(...params) as T[];
    stmt.run(...params);
    return [];
  } finally {
    db.close();
  }
}
