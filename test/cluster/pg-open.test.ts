// Opening the PostgreSQL store: three processes starting at once migrate one database exactly
// once, every table of the pg schema exists afterwards, and a server that cannot be reached is a
// StartupError that names the place but not the password. The advisory-lock helpers serialize.
// Runs on the cluster suite's PostgreSQL and, in npm test, on PGlite (test/helpers/pg-under-test).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { openPostgres, withAdvisoryLock, type PgDb } from '../../server/db/pg/open';
import { lockWorkspace, lockWorkspaceOf } from '../../server/db/pg/locks';
import { StartupError } from '../../server/db/startup-error';
import * as core from '../../server/db/pg/schema';
import * as tracking from '../../server/db/pg/tracking-schema';
import * as admin from '../../server/db/pg/admin-schema';
import * as abuse from '../../server/db/pg/abuse-schema';
import * as forms from '../../server/db/pg/forms-schema';
import * as calendar from '../../server/db/pg/calendar-schema';
import * as booking from '../../server/db/pg/booking-schema';
import * as sla from '../../server/db/pg/sla-schema';
import * as push from '../../server/db/pg/push-schema';
import * as call from '../../server/db/pg/call-schema';
import { readFileSync } from 'node:fs';
import { PG } from '../helpers/pg-under-test';

/** The migrations drizzle-kit generated for PostgreSQL: each must be applied exactly once. */
const MIGRATIONS = (JSON.parse(readFileSync(new URL('../../server/db/migrations-pg/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] })
  .entries.length;

const TABLES = [core, tracking, admin, abuse, forms, calendar, booking, sla, push, call]
  .flatMap((mod) => Object.values(mod))
  .filter((x): x is PgTable => is(x, PgTable))
  .map((t) => getTableName(t))
  .sort();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A promise with its resolve, to signal from inside a transaction that it holds its lock. */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Resolves when `check` holds, or after `ms` anyway (the assertions after it then tell). */
async function awaitOrGiveUp(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !(await check())) await sleep(20);
}

/** Whether some session of this database waits for an advisory lock (one held elsewhere). */
async function someoneWaitsForALock(db: PgDb): Promise<boolean> {
  const { rows } = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())`,
  );
  return rows[0]!.n > 0;
}

describe(`openPostgres on ${PG.name}`, () => {
  let url: string;
  let dbs: PgDb[] = [];

  beforeAll(async () => {
    url = await PG.createDatabase({ blank: true });
    // Three processes starting together: without the lock their migrators race on CREATE.
    dbs = await PG.openPools(url, 3, 3);
  });

  afterAll(async () => {
    await Promise.all(dbs.map((db) => db.$client.end()));
    if (url) await PG.dropDatabase(url);
  });

  it('creates every table of the pg schema, applying each migration once', async () => {
    const { rows } = await dbs[0].$client.query<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(rows.map((r) => r.name).sort()).toEqual(TABLES);
    const applied = await dbs[1].$client.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
    expect(applied.rows[0].n).toBe(MIGRATIONS);
  });

  it('opens an already migrated database again without changes', async () => {
    const again = await openPostgres(url, { max: 2 });
    try {
      const applied = await again.$client.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
      expect(applied.rows[0].n).toBe(MIGRATIONS);
    } finally {
      await again.$client.end();
    }
  });

  it('reads epoch-ms bigints and booleans back as JS numbers and booleans', async () => {
    const farFuture = 32_503_680_000_000; // year 3000: beyond a 32-bit integer
    await dbs[0].insert(core.workspaces).values({ id: 'w-num', name: 'N', createdAt: farFuture });
    const [row] = await dbs[1]
      .select()
      .from(core.workspaces)
      .where(sql`id = 'w-num'`);
    expect(row.createdAt).toBe(farFuture);
    await dbs[0].insert(tracking.siteSettings).values({ siteId: 's-num', workspaceId: 'w-num' });
    const [settings] = await dbs[2]
      .select()
      .from(tracking.siteSettings)
      .where(sql`site_id = 's-num'`);
    expect(settings.botFilter).toBe(true);
  });

  it('fails with a StartupError naming host and database but not the password', async () => {
    const err = await openPostgres('postgres://sixty:s3cret-pw@127.0.0.1:1/nowhere', { connectionTimeoutMs: 2000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StartupError);
    const message = (err as Error).message;
    expect(message).toContain('127.0.0.1:1/nowhere');
    expect(message).not.toContain('s3cret-pw');
  });

  // PGlite holds one database and serves it under any name.
  it.runIf(PG.name === 'postgresql')('fails with a StartupError when the database does not exist', async () => {
    const missing = new URL(url);
    missing.pathname = '/sixty_t_does_not_exist';
    const err = await openPostgres(missing.toString()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StartupError);
    expect((err as Error).message).toContain('sixty_t_does_not_exist');
  });

  it('rejects a URL that is not postgres:// as a StartupError', async () => {
    await expect(openPostgres('mysql://root:hunter2@db/x')).rejects.toBeInstanceOf(StartupError);
    await expect(openPostgres('not a url')).rejects.toBeInstanceOf(StartupError);
  });

  it.runIf(PG.concurrent)('withAdvisoryLock runs one holder at a time across processes', async () => {
    let inside = 0;
    let most = 0;
    const work = (db: PgDb) =>
      withAdvisoryLock(db, 'test:seed', async () => {
        inside++;
        most = Math.max(most, inside);
        await db.execute(sql`select 1`); // the pool still serves while the lock client is set aside
        await sleep(50);
        inside--;
      });
    await Promise.all(dbs.flatMap((db) => [work(db), work(db)]));
    expect(most).toBe(1);
  });

  it.runIf(PG.concurrent)('lockWorkspace serializes transactions of one workspace, not of others', async () => {
    const order: string[] = [];
    const hold = (db: PgDb, ws: string, label: string, inside?: () => void, until?: () => Promise<void>) =>
      db.transaction(async (tx) => {
        await lockWorkspace(tx, ws);
        order.push(`${label}:in`);
        inside?.();
        await until?.();
        order.push(`${label}:out`);
      });
    // a1 takes the lock first (signalled from inside, not assumed after a sleep), then holds it
    // until b has finished and a2 is queued on the lock, each with a generous give-up: if the
    // lock wrongly made b wait, or let a2 in, the order below shows it.
    const a1In = signal();
    const bDone = signal();
    const first = hold(dbs[0], 'ws-a', 'a1', a1In.resolve, async () => {
      await Promise.race([bDone.promise, sleep(10_000)]);
      await awaitOrGiveUp(() => someoneWaitsForALock(dbs[0]));
    });
    await a1In.promise;
    const b = hold(dbs[2], 'ws-b', 'b').finally(bDone.resolve);
    await Promise.all([first, hold(dbs[1], 'ws-a', 'a2'), b]);
    // b does not wait for a1; a2 does.
    expect(order.indexOf('b:out')).toBeLessThan(order.indexOf('a1:out'));
    expect(order.indexOf('a2:in')).toBeGreaterThan(order.indexOf('a1:out'));
  });

  it('lockWorkspaceOf reads the workspace of a lead and takes its lock, or returns null', async () => {
    const db = dbs[0];
    await db.insert(core.workspaces).values({ id: 'w1', name: 'W', createdAt: 1 });
    await db.insert(core.sites).values({
      id: 's1',
      workspaceId: 'w1',
      name: 'S',
      siteKey: 'k1',
      allowedOrigins: '[]',
      rules: '{}',
      launcherText: 'x',
      phoneRegion: 'US',
      offerTimeoutMs: 1000,
      createdAt: 1,
    });
    await db.insert(core.leads).values({
      id: 'l1',
      workspaceId: 'w1',
      siteId: 's1',
      name: 'L',
      phone: '+15555550100',
      answers: '{}',
      stage: 'new',
      fit: 'unknown',
      score: 0,
      mql: false,
      hot: false,
      reasons: '[]',
      rulesVersion: 1,
      routing: 'waiting',
      capturedAt: 1,
    });
    const advisoryLocks = async (tx: Parameters<Parameters<PgDb['transaction']>[0]>[0]) =>
      (await tx.execute<{ n: number }>(sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()`)).rows[0]!.n;
    await db.transaction(async (tx) => {
      expect(await lockWorkspaceOf(tx, core.leads, 'nope')).toBeNull();
      expect(await advisoryLocks(tx)).toBe(0);
      expect(await lockWorkspaceOf(tx, core.leads, 'l1')).toBe('w1');
      expect(await advisoryLocks(tx)).toBe(1);
    });
    // Waiting for a lock needs a second session: the cluster suite's server.
    if (!PG.concurrent) return;
    // The same lock as lockWorkspace's: a transaction holding it makes the other wait.
    // The holder signals from inside once it has the lock, then keeps it until the other is seen
    // queued on it (or 10 s: a lock that let it in shows in the order).
    const order: string[] = [];
    const ofIn = signal();
    const first = db.transaction(async (tx) => {
      await lockWorkspaceOf(tx, core.leads, 'l1');
      order.push('of:in');
      ofIn.resolve();
      await awaitOrGiveUp(() => someoneWaitsForALock(dbs[2]!));
      order.push('of:out');
    });
    await ofIn.promise;
    await dbs[1]!.transaction(async (tx) => {
      await lockWorkspace(tx, 'w1');
      order.push('ws:in');
    });
    await first;
    expect(order).toEqual(['of:in', 'of:out', 'ws:in']);
  });
});
