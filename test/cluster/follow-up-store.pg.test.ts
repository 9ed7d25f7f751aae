// The follow-up-due claim (issue 22) on PostgreSQL, with the same assertions run against SQLite:
// an open follow-up is found by the sweep's read once due, its notice is claimed once even when
// two processes claim it together, and a closed follow-up is neither found nor claimed.
// On the cluster suite's PostgreSQL, or in npm test on PGlite (test/helpers/pg-under-test).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as pgT from '../../server/db/pg/schema';
import type { PgDb } from '../../server/db/pg/open';
import { createPgStore } from '../../server/db/pg/pg-store';
import { createWorkspaceOps as pgWorkspace } from '../../server/db/pg/workspace-ops';
import * as sqT from '../../server/db/schema';
import { openDatabase } from '../../server/db/sqlite/open';
import { createSqliteStore } from '../../server/db/sqlite/sqlite-store';
import { createWorkspaceOps as sqWorkspace } from '../../server/db/sqlite/workspace-ops';
import type { WorkspaceStore } from '../../server/console/workspace-store';
import type { Store } from '../../server/db/store';
import { seedDemo } from '../../server/demo/seed';
import { storeRules } from '../../server/routing/store-rules';
import { PG } from '../helpers/pg-under-test';
import { TEST_DEMO_PASSWORD } from '../helpers/test-server';

const T0 = 1_765_000_000_000;
const HOUR = 3_600_000;

type LeadRow = typeof sqT.leads.$inferInsert;
type FollowUpRow = typeof sqT.followUps.$inferInsert;

/** One database through two stores: two pools on PostgreSQL, one connection twice on SQLite. */
interface Side {
  stores: [Store, Store];
  /** A manager's reassignment, on the first handle. */
  workspace: WorkspaceStore;
  insert(lead: LeadRow, followUp: FollowUpRow): Promise<void>;
  close(): Promise<void>;
}

function sqliteSide(): Side {
  const db = openDatabase(':memory:');
  const store = createSqliteStore(db, storeRules);
  return {
    stores: [store, store],
    workspace: sqWorkspace(db, storeRules),
    async insert(lead, followUp) {
      db.insert(sqT.leads).values(lead).run();
      db.insert(sqT.followUps).values(followUp).run();
    },
    close: async () => {
      await store.close();
    },
  };
}

async function postgresSide(): Promise<Side> {
  const url = await PG.createDatabase();
  const [one, two] = (await PG.openPools(url, 2, 4)) as [PgDb, PgDb];
  return {
    stores: [createPgStore(one, storeRules), createPgStore(two, storeRules)],
    workspace: pgWorkspace(one, storeRules),
    async insert(lead, followUp) {
      await one.insert(pgT.leads).values(lead);
      await one.insert(pgT.followUps).values(followUp);
    },
    async close() {
      await Promise.all([one.$client.end(), two.$client.end()]);
      await PG.dropDatabase(url);
    },
  };
}

/** A lead Dana owns, called without an answer: its follow-up is due at `dueAt`. */
function owned(id: string, workspaceId: string, siteId: string, repId: string, dueAt: number, status: 'open' | 'done' = 'open') {
  const lead: LeadRow = {
    id,
    workspaceId,
    siteId,
    name: 'Ada Lovelace',
    phone: '+14155550100',
    email: null,
    answers: '{}',
    stage: 'sal',
    fit: 'fit',
    score: 70,
    mql: true,
    hot: true,
    reasons: '[]',
    rulesVersion: 1,
    routing: 'closed',
    ownerId: repId,
    capturedAt: T0,
  };
  const followUp: FollowUpRow = { id: `${id}-f`, workspaceId, leadId: id, repId, attempt: 2, dueAt, status, createdAt: T0 };
  return [lead, followUp] as const;
}

const sides: Array<[string, () => Promise<Side>]> = [
  ['sqlite', async () => sqliteSide()],
  [`postgres (${PG.name})`, postgresSide],
];

describe.each(sides)('the follow-up notice claim on %s', (_name, open) => {
  let side: Side;
  let ws: string;
  let siteId: string;
  let dana: string;

  beforeAll(async () => {
    side = await open();
    const { siteKey } = await seedDemo(side.stores[0], T0, 15_000, TEST_DEMO_PASSWORD);
    const site = (await side.stores[0].siteByKey(siteKey))!;
    ws = site.workspaceId;
    siteId = site.id;
    dana = (await side.stores[0].userByEmail('dana@demo.sixty'))!.id;
  });
  afterAll(async () => {
    await side?.close();
  });

  it('finds an open follow-up once due and claims its notice once, even when both processes claim it together', async () => {
    const [one, two] = side.stores;
    const due = T0 + HOUR;
    await side.insert(...owned('lead-due', ws, siteId, dana, due));
    expect(await one.followUpNotices('lead-due')).toEqual([{ leadId: 'lead-due', at: due }]);
    expect((await two.dueWork(due - 1, 10)).followUps).toEqual([]);
    expect(await one.claimFollowUpNotice('lead-due', due - 1)).toBeNull();

    expect((await two.dueWork(due, 10)).followUps).toEqual(['lead-due']);
    const claims = await Promise.all([one, two, one, two].map((s) => s.claimFollowUpNotice('lead-due', due + 10)));
    expect(claims.filter((c) => c !== null)).toEqual([{ leadId: 'lead-due', workspaceId: ws, repId: dana, dueAt: due }]);
    expect((await one.dueWork(due + 20, 10)).followUps).toEqual([]);
    expect(await two.followUpNotices('lead-due')).toEqual([]);
  });

  it('names the rep who owns the lead when it falls due: a reassigned follow-up goes to the new owner', async () => {
    const [one, two] = side.stores;
    const due = T0 + 3 * HOUR;
    await side.insert(...owned('lead-moved', ws, siteId, dana, due));
    const admin = (await one.userByEmail('admin@demo.sixty'))!.id;
    const sam = (await one.userByEmail('sam@demo.sixty'))!.id;
    expect(await side.workspace.reassign('lead-moved', sam, ws, admin, T0 + HOUR)).toBe('ok');
    expect(await two.claimFollowUpNotice('lead-moved', due)).toMatchObject({ leadId: 'lead-moved', repId: sam });
  });

  it('neither finds nor claims a follow-up already done', async () => {
    const [one, two] = side.stores;
    const due = T0 + 2 * HOUR;
    await side.insert(...owned('lead-done', ws, siteId, dana, due, 'done'));
    expect(await one.followUpNotices('lead-done')).toEqual([]);
    expect((await two.dueWork(due + 1, 10)).followUps).not.toContain('lead-done');
    expect(await two.claimFollowUpNotice('lead-done', due + 1)).toBeNull();
  });
});
