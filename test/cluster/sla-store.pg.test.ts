// The SLA area's store on PostgreSQL, with the same assertions run against SQLite: saves kept
// newest first per workspace, digest choices and who may receive them, a digest period claimed
// once even when two processes claim it together, and won deals summed.
// On the cluster suite's PostgreSQL, or in npm test on PGlite (test/helpers/pg-under-test).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as pgT from '../../server/db/pg/schema';
import type { PgDb } from '../../server/db/pg/open';
import { createPgStore } from '../../server/db/pg/pg-store';
import { createSlaOps as pgSla } from '../../server/db/pg/sla-ops';
import * as sqT from '../../server/db/schema';
import { openDatabase } from '../../server/db/sqlite/open';
import { createSlaOps as sqSla } from '../../server/db/sqlite/sla-ops';
import { createSqliteStore } from '../../server/db/sqlite/sqlite-store';
import type { Store } from '../../server/db/store';
import { seedDemo } from '../../server/demo/seed';
import { storeRules } from '../../server/routing/store-rules';
import type { SlaStore } from '../../server/sla/sla-store';
import { PG } from '../helpers/pg-under-test';
import { TEST_DEMO_PASSWORD } from '../helpers/test-server';
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';

const T0 = 1_765_000_000_000;
const SLA = { salesQuota: 100_000, marketingShare: 0.5, averageDealSize: 5000, leadToMql: 0.3, mqlToSql: 0.4, sqlToCustomer: 0.25 };

/** One database through two handles: two pools on PostgreSQL, one connection twice on SQLite. */
interface Side {
  store: Store;
  sla: [SlaStore, SlaStore];
  /** Sets a user's role or active flag, as the admin pages would. */
  setUser(id: string, set: { role?: 'admin' | 'manager' | 'rep'; active?: boolean }): Promise<void>;
  insertLead(row: typeof sqT.leads.$inferInsert): Promise<void>;
  closeLead(id: string, stage: string, dealValue: number, closedAt: number): Promise<void>;
  close(): Promise<void>;
}

function sqliteSide(): Side {
  const db = openDatabase(':memory:');
  const store = createSqliteStore(db, storeRules);
  const sla = sqSla(db);
  return {
    store,
    sla: [sla, sla],
    async setUser(id, set) {
      db.update(sqT.users).set(set).where(eq(sqT.users.id, id)).run();
    },
    async insertLead(row) {
      db.insert(sqT.leads).values(row).run();
    },
    async closeLead(id, stage, dealValue, closedAt) {
      db.update(sqT.leads).set({ stage, dealValue, closedAt }).where(eq(sqT.leads.id, id)).run();
    },
    close: async () => {
      await store.close();
    },
  };
}

async function postgresSide(): Promise<Side> {
  const url = await PG.createDatabase();
  const [one, two] = (await PG.openPools(url, 2, 4)) as [PgDb, PgDb];
  const store = createPgStore(one, storeRules);
  return {
    store,
    sla: [pgSla(one), pgSla(two)],
    async setUser(id, set) {
      await one.update(pgT.users).set(set).where(eq(pgT.users.id, id));
    },
    async insertLead(row) {
      await one.insert(pgT.leads).values(row);
    },
    async closeLead(id, stage, dealValue, closedAt) {
      await one.update(pgT.leads).set({ stage, dealValue, closedAt }).where(eq(pgT.leads.id, id));
    },
    async close() {
      await Promise.all([one.$client.end(), two.$client.end()]);
      await PG.dropDatabase(url);
    },
  };
}

/** An opportunity about to close. */
function lead(id: string, workspaceId: string, siteId: string): typeof sqT.leads.$inferInsert {
  return {
    id,
    workspaceId,
    siteId,
    name: 'Deal',
    phone: '+14155550100',
    email: null,
    answers: '{}',
    stage: 'opportunity',
    fit: 'fit',
    score: 40,
    mql: true,
    hot: false,
    reasons: '[]',
    rulesVersion: 1,
    routing: 'closed',
    capturedAt: T0,
  };
}

const sides: Array<[string, () => Promise<Side>]> = [
  ['sqlite', async () => sqliteSide()],
  [`postgres (${PG.name})`, postgresSide],
];

describe.each(sides)('the SLA store on %s', (_name, open) => {
  let side: Side;
  let workspaceId: string;
  let admin: { id: string; name: string };
  let dana: { id: string; name: string };

  beforeAll(async () => {
    side = await open();
    await seedDemo(side.store, T0, 15_000, TEST_DEMO_PASSWORD);
    const a = (await side.store.userByEmail('admin@demo.sixty'))!;
    const d = (await side.store.userByEmail('dana@demo.sixty'))!;
    workspaceId = a.workspaceId;
    admin = { id: a.id, name: a.name };
    dana = { id: d.id, name: d.name };
  });
  afterAll(async () => {
    await side?.close();
  });

  it('keeps every save, newest first, for its workspace only', async () => {
    const [one, two] = side.sla;
    expect(await one.slaHistory(workspaceId, 10)).toEqual([]);
    const first = await one.saveSla(workspaceId, SLA, admin, T0 + 1);
    const second = await two.saveSla(workspaceId, { ...SLA, mqlToSql: 0.5 }, admin, T0 + 2);
    expect(await one.slaHistory(workspaceId, 10)).toEqual([second, first]);
    expect(first).toEqual({ ...SLA, id: first.id, changedBy: admin.id, changedByName: 'Alex Admin', changedAt: T0 + 1 });
    expect(await two.slaHistory(workspaceId, 1)).toEqual([second]);
    expect(await one.slaHistory('another-workspace', 10)).toEqual([]);
  });

  it('keeps digest choices; only active managers and admins receive them', async () => {
    const [one, two] = side.sla;
    expect(await one.digestOf(admin.id)).toBeNull();
    await one.setDigest(admin.id, { workspaceId, cadence: 'weekly', timeZone: 'Europe/Berlin', since: T0 });
    await one.setDigest(admin.id, { workspaceId, cadence: 'daily', timeZone: 'Europe/Berlin', since: T0 + 5 });
    // Stored while Dana was a manager; she is a rep now.
    await one.setDigest(dana.id, { workspaceId, cadence: 'daily', timeZone: 'UTC', since: T0 });
    expect(await two.digestOf(admin.id)).toEqual({ userId: admin.id, workspaceId, cadence: 'daily', timeZone: 'Europe/Berlin', since: T0 + 5 });
    expect(await two.digestRecipients()).toEqual([
      { userId: admin.id, workspaceId, cadence: 'daily', timeZone: 'Europe/Berlin', since: T0 + 5, email: 'admin@demo.sixty', name: 'Alex Admin' },
    ]);
    await side.setUser(dana.id, { role: 'manager' });
    expect((await two.digestRecipients()).map((r) => r.email).sort()).toEqual(['admin@demo.sixty', 'dana@demo.sixty']);
    await side.setUser(dana.id, { active: false });
    expect((await two.digestRecipients()).map((r) => r.email)).toEqual(['admin@demo.sixty']);
    await one.setDigest(admin.id, null);
    expect(await two.digestOf(admin.id)).toBeNull();
    expect(await two.digestRecipients()).toEqual([]);
  });

  it('claims a digest period once, even when both processes claim it together; a released claim can be taken again', async () => {
    const [one, two] = side.sla;
    const both = await Promise.all([one.claimDigest(admin.id, 'daily:2026-12-07', T0), two.claimDigest(admin.id, 'daily:2026-12-07', T0)]);
    expect(both.filter(Boolean)).toHaveLength(1);
    expect(await one.claimDigest(admin.id, 'daily:2026-12-08', T0)).toBe(true);
    expect(await two.claimDigest(dana.id, 'daily:2026-12-07', T0)).toBe(true);
    await two.releaseDigest(admin.id, 'daily:2026-12-07');
    expect(await one.claimDigest(admin.id, 'daily:2026-12-07', T0)).toBe(true);
    expect(await two.claimDigest(admin.id, 'daily:2026-12-07', T0)).toBe(false);
  });

  it('sums won deals closed in the range, in the workspace currency', async () => {
    const [one] = side.sla;
    expect(await one.wonDeals(workspaceId, T0, T0 + 1000)).toEqual({ won: 0, revenue: 0, currency: 'USD' });
    const site = (await side.store.sitesOfWorkspace(workspaceId))[0]!;
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids) await side.insertLead(lead(id, workspaceId, site.id));
    await side.closeLead(ids[0]!, 'won', 1000, T0 + 10);
    await side.closeLead(ids[1]!, 'won', 2500.5, T0 + 20);
    await side.closeLead(ids[2]!, 'lost', 9999, T0 + 20);
    expect(await one.wonDeals(workspaceId, T0, T0 + 30)).toEqual({ won: 2, revenue: 3500.5, currency: 'USD' });
    expect(await one.wonDeals(workspaceId, T0 + 11, T0 + 30)).toEqual({ won: 1, revenue: 2500.5, currency: 'USD' });
  });
});
