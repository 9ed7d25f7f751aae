import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync, accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from '../schema';
import { StartupError } from '../startup-error';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));

/** How much of the database file reads may map (SQLite maps no more than the file's size). */
const MMAP_BYTES = 4 * 1024 ** 3;

/**
 * Opens (creating folders and file as needed) and migrates the database.
 * WAL lets readers run beside the single writer; synchronous=NORMAL in WAL survives a process
 * crash (what we guard against) but not a power loss, for a much cheaper commit.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') {
    const dir = dirname(path);
    try {
      mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.W_OK);
    } catch (err) {
      throw new StartupError(`The data folder ${dir} is not writable (${(err as NodeJS.ErrnoException).code ?? err}). Set SIXTY_DB to a writable path.`);
    }
  }
  let client: Database.Database;
  try {
    client = new Database(path);
  } catch (err) {
    throw new StartupError(`Cannot open the database at ${path}: ${(err as Error).message}`);
  }
  client.pragma('journal_mode = WAL');
  client.pragma('synchronous = NORMAL');
  client.pragma('foreign_keys = ON');
  client.pragma('busy_timeout = 5000');
  // An update that moves a row within its page (a status growing from 'pending' to 'delivered')
  // leaves the old copy in the page's free space; FAST zeroes it at no extra I/O, so an erasure
  // later finds no stale copies of a person's row (sqlite/erasure-ops.ts).
  client.pragma('secure_delete = FAST');
  // Reads map the file rather than copy each page through a read() call: a report over a year of
  // leads looks up ~100,000 rows in a file of a gigabyte or more (issue 21). Writes still go through the journal.
  client.pragma(`mmap_size = ${MMAP_BYTES}`);
  const db = drizzle(client, { schema }) as Db;
  migrate(db, { migrationsFolder: MIGRATIONS });
  return db;
}
