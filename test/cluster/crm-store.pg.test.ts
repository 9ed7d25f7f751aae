// Outcomes to revenue in both stores, with the same assertions on SQLite and PostgreSQL: API keys
// (stored hashed, listed, revoked, marked used), the workspace's currency, a CRM's outcome and a
// rep's through the one plan (deal value, close time set and cleared, who moved it), the lead card's
// deal and the webhook payload's. Runs on the cluster suite's PostgreSQL and, in npm test, on PGlite.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminStore } from '../../server/console/admin-store';
import { createAdminOps as pgAdmin } from '../../server/db/pg/admin-ops';
import type { PgDb } from '../../server/db/pg/open';
import { createPgStore } from '../../server/db/pg/pg-store';
import * as pgT from '../../server/db/pg/schema';
import { createWebhookOps as pgWebhooks } from '../../server/db/pg/webhook-ops';
import * as sqT from '../../server/db/schema';
import { createAdminOps as sqAdmin } from '../../server/db/sqlite/admin-ops';
import { openDatabase } from '../../server/db/sqlite/open';
import { createSqliteStore } from '../../server/db/sqlite/sqlite-store';
import { createWebhookOps as sqWebhooks } from '../../server/db/sqlite/webhook-ops';
import type { Store } from '../../server/db/store';
import { seedDemo } from '../../server/demo/seed';
import { storeRules } from '../../server/routing/store-rules';
import type { WebhookEvent } from '../../server/webhooks/topics';
import type { WebhookStore } from '../../server/webhooks/webhook-store';
import { webhookEventSchema } from '../../shared/schemas/webhook-payload.schema';
import { PG } from '../helpers/pg-under-test';
import { TEST_DEMO_PASSWORD } from '../helpers/test-server';

const T0 = 1_750_000_000_000;

type LeadRow = typeof sqT.leads.$inferInsert;

interface Side {
  store: Store;
  admin: AdminStore;
  webhooks: WebhookStore;
  insertLead(row: LeadRow): Promise<void>;
  /** The stage changes of a lead, oldest first. */
  moves(leadId: string): Promise<Array<{ to: string; actor: string; reason: string | null }>>;
  /** The stage facts the reports read off the lead's row (report_<step>_at, report_exits parsed; null: not worked out). */
  stageFacts(leadId: string): Promise<StageFacts>;
  close(): Promise<void>;
}

type StageFacts = Record<'mql' | 'sal' | 'sql' | 'opportunity' | 'won', number | null> & { exits: Array<[string, string | null]> | null };

const STAGE_FACTS_SQL = `select report_mql_at as mql, report_sal_at as sal, report_sql_at as "sql", report_opportunity_at as opportunity,
  report_won_at as won, report_exits as exits from leads where id = `;

/** The row as both drivers give it (PostgreSQL's bigints as text), as numbers and parsed JSON. */
function stageFactsOf(row: Record<string, unknown>): StageFacts {
  const at = (v: unknown) => (v === null ? null : Number(v));
  return {
    mql: at(row.mql),
    sal: at(row.sal),
    sql: at(row.sql),
    opportunity: at(row.opportunity),
    won: at(row.won),
    exits: row.exits === null ? null : (JSON.parse(row.exits as string) as Array<[string, string | null]>),
  };
}

function sqliteSide(): Side {
  const db = openDatabase(':memory:');
  return {
    store: createSqliteStore(db, storeRules),
    admin: sqAdmin(db),
    webhooks: sqWebhooks(db),
    async insertLead(row) {
      db.insert(sqT.leads).values(row).run();
    },
    async moves(leadId) {
      return db.$client.prepare('select to_stage as "to", actor, reason from stage_changes where lead_id = ? order by id').all(leadId) as Array<{
        to: string;
        actor: string;
        reason: string | null;
      }>;
    },
    async stageFacts(leadId) {
      return stageFactsOf(db.$client.prepare(`${STAGE_FACTS_SQL}?`).get(leadId) as Record<string, unknown>);
    },
    async close() {
      db.$client.close();
    },
  };
}

async function postgresSide(): Promise<Side> {
  const url = await PG.createDatabase();
  const [db] = (await PG.openPools(url, 1, 4)) as [PgDb];
  return {
    store: createPgStore(db, storeRules),
    admin: pgAdmin(db),
    webhooks: pgWebhooks(db),
    async insertLead(row) {
      await db.insert(pgT.leads).values(row);
    },
    async moves(leadId) {
      return (await db.$client.query('select to_stage as "to", actor, reason from stage_changes where lead_id = $1 order by id', [leadId])).rows;
    },
    async stageFacts(leadId) {
      return stageFactsOf((await db.$client.query(`${STAGE_FACTS_SQL}$1`, [leadId])).rows[0]);
    },
    async close() {
      await db.$client.end();
      await PG.dropDatabase(url);
    },
  };
}

const sides: Array<[string, () => Promise<Side>]> = [
  ['sqlite', async () => sqliteSide()],
  [`postgres (${PG.name})`, postgresSide],
];

describe.each(sides)('outcomes to revenue on %s', (_name, open) => {
  let side: Side;
  let s: { workspaceId: string; siteId: string; adminId: string; danaId: string };

  beforeAll(async () => {
    side = await open();
    const { siteKey } = await seedDemo(side.store, T0, 15_000, TEST_DEMO_PASSWORD);
    const site = (await side.store.siteByKey(siteKey))!;
    const id = async (email: string) => (await side.store.userByEmail(email))!.id;
    s = { workspaceId: site.workspaceId, siteId: site.id, adminId: await id('admin@demo.sixty'), danaId: await id('dana@demo.sixty') };
  });
  afterAll(async () => {
    await side?.close();
  });

  /** A lead Dana owns, at `stage`. */
  async function lead(stage: string): Promise<string> {
    const row: LeadRow = {
      id: randomUUID(),
      workspaceId: s.workspaceId,
      siteId: s.siteId,
      name: 'Deal Dora',
      phone: '+14155550100',
      email: null,
      answers: '{}',
      stage,
      fit: 'passes',
      score: 40,
      mql: true,
      hot: false,
      reasons: '[]',
      rulesVersion: 1,
      routing: 'owned',
      ownerId: s.danaId,
      capturedAt: T0,
    };
    await side.insertLead(row);
    return row.id!;
  }

  it('sets the currency, which users and lead cards carry', async () => {
    expect(await side.admin.workspaceSettings(s.workspaceId)).toEqual({ name: 'Acme Commercial Kitchens', currency: 'USD' });
    await side.admin.setCurrency(s.workspaceId, 'EUR');
    expect(await side.admin.workspaceSettings(s.workspaceId)).toEqual({ name: 'Acme Commercial Kitchens', currency: 'EUR' });
    expect((await side.store.userById(s.danaId))!.currency).toBe('EUR');
    expect(await side.admin.workspaceSettings('no-such-workspace')).toBeNull();
  });

  it('keeps API keys by hash: listed newest first with their creator, marked used, revoked once, scoped to the workspace', async () => {
    const make = (name: string, keyHash: string, at: number) =>
      side.admin.createApiKey(
        { id: randomUUID(), workspaceId: s.workspaceId, name, keyHash, prefix: `sixty_live_${keyHash.slice(0, 4)}`, createdBy: s.adminId },
        at,
      );
    const first = await make('HubSpot sync', 'hash-one', T0);
    const second = await make('Pipedrive', 'hash-two', T0 + 1);
    expect(first).toEqual({
      id: first.id,
      name: 'HubSpot sync',
      prefix: 'sixty_live_hash',
      createdBy: 'Alex Admin',
      createdAt: T0,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect((await side.admin.apiKeys(s.workspaceId)).map((k) => k.name)).toEqual(['Pipedrive', 'HubSpot sync']);
    expect(await side.admin.apiKeys('another-workspace')).toEqual([]);

    expect(await side.admin.useApiKey('hash-one', T0 + 50)).toEqual({ status: 'live', id: first.id, workspaceId: s.workspaceId, name: 'HubSpot sync' });
    expect(await side.admin.useApiKey('no-such-hash', T0 + 50)).toBeNull();
    expect((await side.admin.apiKeys(s.workspaceId)).find((k) => k.id === first.id)!.lastUsedAt).toBe(T0 + 50);

    expect(await side.admin.revokeApiKey('another-workspace', second.id, T0 + 60)).toBe(false);
    expect(await side.admin.revokeApiKey(s.workspaceId, second.id, T0 + 60)).toBe(true);
    expect(await side.admin.revokeApiKey(s.workspaceId, second.id, T0 + 61)).toBe(false);
    expect(await side.admin.useApiKey('hash-two', T0 + 70)).toEqual({ status: 'revoked' });
    expect((await side.admin.apiKeys(s.workspaceId)).find((k) => k.id === second.id)).toMatchObject({ revokedAt: T0 + 60, lastUsedAt: null });
  });

  it("a CRM opens and closes a deal through the rep's plan: value, close time, who, and the card's deal", async () => {
    const id = await lead('sql');
    const key = { id: 'key-1', name: 'HubSpot sync' };
    const opened = await side.store.recordCrmOutcome(id, s.workspaceId, { outcome: 'opportunity', value: 12500 }, key, T0 + 100);
    expect(opened).toMatchObject({
      ownerId: s.danaId,
      card: { stage: 'opportunity', deal: { value: 12500, currency: 'EUR', closedAt: null, closeReason: null } },
    });
    const lost = await side.store.recordCrmOutcome(id, s.workspaceId, { outcome: 'lost', reason: 'Went with a competitor' }, key, T0 + 200);
    expect(lost).toMatchObject({ card: { stage: 'lost', deal: { value: 12500, closedAt: T0 + 200, closeReason: 'Went with a competitor' } } });
    // Reopened: open again, not closed.
    const reopened = await side.store.recordCrmOutcome(id, s.workspaceId, { outcome: 'opportunity' }, key, T0 + 300);
    expect(reopened).toMatchObject({ card: { stage: 'opportunity', deal: { value: 12500, closedAt: null, closeReason: null } } });
    const won = await side.store.recordCrmOutcome(id, s.workspaceId, { outcome: 'won', value: 13000.5, currency: 'EUR' }, key, T0 + 400);
    expect(won).toMatchObject({ card: { stage: 'won', firstCallAt: null, deal: { value: 13000.5, currency: 'EUR', closedAt: T0 + 400 } } });
    if (!won || 'error' in won) throw new Error('refused');
    expect(won.card.timeline.map((e) => e.text)).toEqual([
      'Opportunity opened: Value €12,500 (via API key HubSpot sync)',
      'Deal lost: Went with a competitor (via API key HubSpot sync)',
      'Opportunity opened (via API key HubSpot sync)',
      'Deal won: Value €13,000.50 (via API key HubSpot sync)',
    ]);
    expect(await side.moves(id)).toEqual([
      { to: 'opportunity', actor: 'api_key:key-1', reason: null },
      { to: 'lost', actor: 'api_key:key-1', reason: 'Went with a competitor' },
      { to: 'opportunity', actor: 'api_key:key-1', reason: null },
      { to: 'won', actor: 'api_key:key-1', reason: null },
    ]);
    // The machine's rule, another currency, another workspace: refused, nothing written.
    expect(await side.store.recordCrmOutcome(id, s.workspaceId, { outcome: 'lost', reason: 'Oops' }, key, T0 + 500)).toMatchObject({ error: 'stage_rule' });
    expect(await side.store.recordCrmOutcome(id, s.workspaceId, { outcome: 'won', currency: 'USD' }, key, T0 + 500)).toMatchObject({
      error: 'currency_mismatch',
    });
    expect(await side.store.recordCrmOutcome(id, 'another-workspace', { outcome: 'won' }, key, T0 + 500)).toBeNull();
    expect((await side.moves(id)).length).toBe(4);
  });

  it('keeps the stage facts the reports read on the lead row as each move is written', async () => {
    const id = await lead('sql');
    const key = { id: 'key-1', name: 'HubSpot sync' };
    // A lead row written by hand has none yet: the reports work them out from its changes.
    expect(await side.stageFacts(id)).toEqual({ mql: null, sal: null, sql: null, opportunity: null, won: null, exits: null });
    await side.store.recordCrmOutcome(id, s.workspaceId, { outcome: 'opportunity', value: 500 }, key, T0 + 100);
    // Reaching an opportunity counts as having passed every step before it.
    const open = { mql: T0 + 100, sal: T0 + 100, sql: T0 + 100, opportunity: T0 + 100, won: null };
    expect(await side.stageFacts(id)).toEqual({ ...open, exits: [] });
    await side.store.recordCrmOutcome(id, s.workspaceId, { outcome: 'lost', reason: 'No budget' }, key, T0 + 200);
    expect(await side.stageFacts(id)).toEqual({ ...open, exits: [['lost', 'No budget']] });
    await side.store.recordCrmOutcome(id, s.workspaceId, { outcome: 'opportunity' }, key, T0 + 300);
    await side.store.recordCrmOutcome(id, s.workspaceId, { outcome: 'won' }, key, T0 + 400);
    expect(await side.stageFacts(id)).toEqual({ ...open, won: T0 + 400, exits: [['lost', 'No budget']] });
  });

  it("the rep logs a deal's value and close on their own lead only, recorded as theirs", async () => {
    const id = await lead('sal');
    expect(await side.store.recordOutcome(id, s.adminId, s.workspaceId, { outcome: 'opportunity', value: 800 }, T0 + 100)).toEqual({ error: 'not_owner' });
    const card = await side.store.recordOutcome(id, s.danaId, s.workspaceId, { outcome: 'opportunity', value: 800 }, T0 + 100);
    expect(card).toMatchObject({ stage: 'opportunity', deal: { value: 800, currency: 'EUR' } });
    const won = await side.store.recordOutcome(id, s.danaId, s.workspaceId, { outcome: 'won' }, T0 + 200);
    expect(won).toMatchObject({ stage: 'won', deal: { value: 800, closedAt: T0 + 200 } });
    expect((await side.moves(id)).map((m) => m.actor)).toEqual([s.danaId, s.danaId]);
  });

  it('announces the stage change with the deal on the lead (value, currency, close time)', async () => {
    await side.webhooks.create({
      id: 'wh_deals',
      workspaceId: s.workspaceId,
      url: 'https://hooks.example/deals',
      kind: 'signed',
      secret: 'sek',
      topics: ['lead.stage_changed'],
      createdAt: T0,
    });
    await side.webhooks.startCursors();
    const id = await lead('opportunity');
    await side.store.recordCrmOutcome(id, s.workspaceId, { outcome: 'won', value: 4200 }, { id: 'key-1', name: 'HubSpot sync' }, T0 + 900);
    const events: WebhookEvent[] = [];
    await side.webhooks.fanOut(T0 + 901, (e) => {
      events.push(e);
      return JSON.stringify(e);
    });
    const payload = webhookEventSchema.parse(JSON.parse(JSON.stringify(events.find((e) => (e.data.lead as { id?: string }).id === id))));
    expect(payload).toMatchObject({
      topic: 'lead.stage_changed',
      data: { from: 'opportunity', to: 'won', actor: 'api_key:key-1', lead: { stage: 'won', dealValue: 4200, currency: 'EUR', closedAt: T0 + 900 } },
    });
  });
});
