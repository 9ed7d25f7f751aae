// Opens the PostgreSQL store: a node-postgres pool, drizzle over the four pg schema modules, and
// the migrations in server/db/migrations-pg applied once even when several processes start at
// the same moment (they queue on a session advisory lock instead of racing the migrator).
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { fileURLToPath } from 'node:url';
import { StartupError } from '../startup-error';
import * as core from './schema';
import * as tracking from './tracking-schema';
import * as admin from './admin-schema';
import * as abuse from './abuse-schema';
import { scrub } from './scrub';

const schema = { ...core, ...tracking, ...admin, ...abuse };
export type PgSchema = typeof schema;

export type PgDb = NodePgDatabase<PgSchema> & { $client: pg.Pool };
/** What `db.transaction(async (tx) => ...)` hands its callback. */
export type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];
/** Store operations that may run alone or inside a caller's transaction take either. */
export type PgConn = PgDb | PgTx;

export interface PgOptions {
  /** Pool size per process; three processes at 10 stay well under PostgreSQL's default 100. */
  max?: number;
  /** A fresh connection that takes longer than this fails instead of hanging start-up. */
  connectionTimeoutMs?: number;
  /** Errors of idle pooled clients (server restart, network cut); the pool replaces the client. */
  onError?: (err: Error) => void;
}

const MIGRATIONS = fileURLToPath(new URL('../migrations-pg', import.meta.url));
/** The advisory lock key every process takes around the migrator. */
const MIGRATE_LOCK = 'sixty:migrate';

/**
 * Connects, then migrates under a cluster-wide lock. Throws StartupError when the server cannot
 * be reached or refuses us; the message names host and database, never the password.
 */
export async function openPostgres(url: string, options: PgOptions = {}): Promise<PgDb> {
  const { where, password } = describe(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
    application_name: 'sixty',
  });
  // Without a listener an idle client's error (e.g. the server restarting) would crash the process.
  pool.on('error', (err) => options.onError?.(err));
  const db = drizzle(pool, { schema }) as PgDb;
  try {
    await holdingLock(pool, MIGRATE_LOCK, { where, password }, (client) => migrate(drizzle(client), { migrationsFolder: MIGRATIONS }), options.onError);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  return db;
}

/**
 * Runs `fn` while this process holds the session advisory lock `key`, so start-up work (seeding
 * the demo, say) happens once in a cluster. The lock lives on one pooled client kept aside for
 * the duration; `fn` itself uses the pool as usual, so the pool needs at least two connections.
 */
export async function withAdvisoryLock<T>(db: PgDb, key: string, fn: () => Promise<T>): Promise<T> {
  return holdingLock(db.$client, key, null, () => fn());
}

async function holdingLock<T>(
  pool: pg.Pool,
  key: string,
  /** Set at start-up: a failure to connect becomes a StartupError naming this place. */
  startup: { where: string; password: string } | null,
  fn: (client: pg.PoolClient) => Promise<T>,
  onError?: (err: Error) => void,
): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    if (startup === null) throw err;
    const reason = scrub((err as Error).message || String(err), startup.password);
    throw new StartupError(`Cannot connect to PostgreSQL at ${startup.where}: ${reason}. Check SIXTY_DATABASE_URL.`);
  }
  // A checked-out client's connection error is emitted on the client, not the pool.
  const onClientError = (err: Error) => onError?.(err);
  client.on('error', onClientError);
  let broken: Error | undefined;
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [key]);
    try {
      return await fn(client);
    } finally {
      await client.query('select pg_advisory_unlock(hashtext($1))', [key]).catch((err: Error) => {
        broken = err;
      });
    }
  } finally {
    client.off('error', onClientError);
    // A client whose unlock failed may still hold the lock: destroy it rather than pool it.
    client.release(broken);
  }
}

/** `user@host:port/database` for messages (the password never appears), and the password to scrub. */
function describe(url: string): { where: string; password: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StartupError('SIXTY_DATABASE_URL is not a valid URL (expected postgres://user:password@host:5432/database).');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new StartupError(`SIXTY_DATABASE_URL must start with postgres:// (got ${parsed.protocol}//).`);
  }
  const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default database)';
  return { where: `${user}${parsed.host || 'localhost'}/${database}`, password: decodeURIComponent(parsed.password) };
}
