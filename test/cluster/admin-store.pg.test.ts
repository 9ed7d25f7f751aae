// The administration, site, webhook and supervisor operations on PostgreSQL, with the same
// assertions run against SQLite: one-time links are single-use when two processes redeem them at
// once, a warm lead has exactly one taker, and the webhook cursor loses no late-committing event.
// "Two processes" are two connection pools on one throwaway database: on the cluster suite's
// PostgreSQL, or in npm test on PGlite (test/helpers/pg-under-test), where they take turns.
import { TEST_DEMO_PASSWORD } from '../helpers/test-server';
import { randomBytes, randomUUID } from 'node:crypto';
import { eq as eqId, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminStore } from '../../server/console/admin-store';
import type { WorkspaceStore } from '../../server/console/workspace-store';
import * as pgT from '../../server/db/pg/schema';
import { createAdminOps as pgAdmin } from '../../server/db/pg/admin-ops';
import type { PgDb } from '../../server/db/pg/open';
import { createPgStore } from '../../server/db/pg/pg-store';
import { createSitesAdminOps as pgSites } from '../../server/db/pg/sites-admin-ops';
import { DEFAULT_APPEARANCE } from '../../shared/appearance';
import { createWebhookOps as pgWebhooks } from '../../server/db/pg/webhook-ops';
import { createWorkspaceOps as pgWorkspace } from '../../server/db/pg/workspace-ops';
import * as sqT from '../../server/db/schema';
import { createAdminOps as sqAdmin } from '../../server/db/sqlite/admin-ops';
import { openDatabase } from '../../server/db/sqlite/open';
import { createSitesAdminOps as sqSites } from '../../server/db/sqlite/sites-admin-ops';
import { createSqliteStore } from '../../server/db/sqlite/sqlite-store';
import { createWebhookOps as sqWebhooks } from '../../server/db/sqlite/webhook-ops';
import { createWorkspaceOps as sqWorkspace } from '../../server/db/sqlite/workspace-ops';
import type { Store } from '../../server/db/store';
import { seedDemo } from '../../server/demo/seed';
import type { SitesAdminStore } from '../../server/sites/sites-admin-store';
import type { WebhookStore } from '../../server/webhooks/webhook-store';
import type { WebhookEvent } from '../../server/webhooks/topics';
import { PG } from '../helpers/pg-under-test';
import { storeRules } from '../../server/routing/store-rules';
import { MINE_LIMIT } from '../../server/db/workspace-rows';

const T0 = 1_750_000_000_000;
const HOUR = 3_600_000;

type LeadRow = typeof sqT.leads.$inferInsert;

/** One database seen through two handles: two pools on PostgreSQL, one connection twice on SQLite. */
interface Side {
  kind: 'sqlite' | 'postgres';
  store: Store;
  admin: [AdminStore, AdminStore];
  sites: [SitesAdminStore, SitesAdminStore];
  webhooks: [WebhookStore, WebhookStore];
  workspace: [WorkspaceStore, WorkspaceStore];
  insertLead(row: LeadRow): Promise<void>;
  insertFollowUp(row: typeof sqT.followUps.$inferInsert): Promise<void>;
  insertOutbox(row: typeof sqT.outbox.$inferInsert): Promise<void>;
  /** Topics of the outbox events no dispatcher has taken yet. */
  undeliveredOutbox(): Promise<string[]>;
  followUpRep(id: string): Promise<string | undefined>;
  lead(id: string): Promise<{ ownerId: string | null; stage: string; routing: string } | undefined>;
  stageChanges(leadId: string): Promise<Array<{ fromStage: string | null; toStage: string }>>;
  setting(key: string): Promise<string | null>;
  /** PostgreSQL only: a transaction held open on its own connection. */
  openTx?(): Promise<{ query(text: string, values?: unknown[]): Promise<unknown>; commit(): Promise<void>; rollback(): Promise<void> }>;
  close(): Promise<void>;
}

interface Seeded {
  workspaceId: string;
  siteId: string;
  siteKey: string;
  adminId: string;
  danaId: string;
  samId: string;
}

async function seed(store: Store): Promise<Seeded> {
  const { siteKey } = await seedDemo(store, T0, 15_000, TEST_DEMO_PASSWORD);
  const site = (await store.siteByKey(siteKey))!;
  const id = async (email: string) => (await store.userByEmail(email))!.id;
  return {
    workspaceId: site.workspaceId,
    siteId: site.id,
    siteKey,
    adminId: await id('admin@demo.sixty'),
    danaId: await id('dana@demo.sixty'),
    samId: await id('sam@demo.sixty'),
  };
}

function sqliteSide(): Side {
  const db = openDatabase(':memory:');
  const store = createSqliteStore(db, storeRules);
  const admin = sqAdmin(db);
  const sites = sqSites(db);
  const webhooks = sqWebhooks(db);
  const workspace = sqWorkspace(db, storeRules);
  return {
    kind: 'sqlite',
    store,
    admin: [admin, admin],
    sites: [sites, sites],
    webhooks: [webhooks, webhooks],
    workspace: [workspace, workspace],
    async insertLead(row) {
      db.insert(sqT.leads).values(row).run();
    },
    async insertFollowUp(row) {
      db.insert(sqT.followUps).values(row).run();
    },
    async insertOutbox(row) {
      db.insert(sqT.outbox).values(row).run();
    },
    async undeliveredOutbox() {
      return db
        .select({ topic: sqT.outbox.topic })
        .from(sqT.outbox)
        .where(isNull(sqT.outbox.deliveredAt))
        .all()
        .map((r) => r.topic);
    },
    async followUpRep(id) {
      return db.select({ repId: sqT.followUps.repId }).from(sqT.followUps).where(eqId(sqT.followUps.id, id)).get()?.repId;
    },
    async lead(id) {
      return db.select({ ownerId: sqT.leads.ownerId, stage: sqT.leads.stage, routing: sqT.leads.routing }).from(sqT.leads).where(eqId(sqT.leads.id, id)).get();
    },
    async stageChanges(leadId) {
      return db
        .select({ fromStage: sqT.stageChanges.fromStage, toStage: sqT.stageChanges.toStage })
        .from(sqT.stageChanges)
        .where(eqId(sqT.stageChanges.leadId, leadId))
        .all();
    },
    async setting(key) {
      return db.select().from(sqT.settings).where(eqId(sqT.settings.key, key)).get()?.value ?? null;
    },
    async close() {
      await store.close();
    },
  };
}

async function postgresSide(): Promise<Side> {
  const url = await PG.createDatabase();
  const [one, two] = (await PG.openPools(url, 2, 4)) as [PgDb, PgDb];
  const store = createPgStore(one, storeRules);
  return {
    kind: 'postgres',
    store,
    admin: [pgAdmin(one), pgAdmin(two)],
    sites: [pgSites(one), pgSites(two)],
    webhooks: [pgWebhooks(one), pgWebhooks(two)],
    workspace: [pgWorkspace(one, storeRules), pgWorkspace(two, storeRules)],
    async insertLead(row) {
      await one.insert(pgT.leads).values(row);
    },
    async insertFollowUp(row) {
      await one.insert(pgT.followUps).values(row);
    },
    async insertOutbox(row) {
      await one.insert(pgT.outbox).values(row);
    },
    async undeliveredOutbox() {
      return (await one.select({ topic: pgT.outbox.topic }).from(pgT.outbox).where(isNull(pgT.outbox.deliveredAt))).map((r) => r.topic);
    },
    async followUpRep(id) {
      const [row] = await one.select({ repId: pgT.followUps.repId }).from(pgT.followUps).where(eqId(pgT.followUps.id, id));
      return row?.repId;
    },
    async lead(id) {
      const [row] = await one
        .select({ ownerId: pgT.leads.ownerId, stage: pgT.leads.stage, routing: pgT.leads.routing })
        .from(pgT.leads)
        .where(eqId(pgT.leads.id, id));
      return row;
    },
    async stageChanges(leadId) {
      return one
        .select({ fromStage: pgT.stageChanges.fromStage, toStage: pgT.stageChanges.toStage })
        .from(pgT.stageChanges)
        .where(eqId(pgT.stageChanges.leadId, leadId));
    },
    async setting(key) {
      const [row] = await one.select().from(pgT.settings).where(eqId(pgT.settings.key, key));
      return row?.value ?? null;
    },
    async openTx() {
      const client = await two.$client.connect();
      await client.query('begin');
      const end = async (how: 'commit' | 'rollback') => {
        await client.query(how);
        client.release();
      };
      return { query: (text, values) => client.query(text, values), commit: () => end('commit'), rollback: () => end('rollback') };
    },
    async close() {
      await Promise.all([one.$client.end(), two.$client.end()]);
      await PG.dropDatabase(url);
    },
  };
}

function warmLead(s: Seeded, over: Partial<LeadRow> = {}): LeadRow {
  return {
    id: randomUUID(),
    workspaceId: s.workspaceId,
    siteId: s.siteId,
    name: `Wendy ${randomBytes(3).toString('hex')}`,
    phone: '+14155550100',
    email: null,
    answers: '{}',
    stage: 'mql',
    fit: 'fit',
    score: 40,
    mql: true,
    hot: false,
    reasons: JSON.stringify([
      { text: 'Pricing page', points: 20 },
      { text: 'Neutral', points: 0 },
    ]),
    rulesVersion: 1,
    routing: 'closed',
    capturedAt: T0,
    ...over,
  };
}

const sides: Array<[string, () => Promise<Side>]> = [
  ['sqlite', async () => sqliteSide()],
  [`postgres (${PG.name})`, postgresSide],
];

describe.each(sides)('admin, sites, webhooks and supervisor operations on %s', (_name, open) => {
  let side: Side;
  let s: Seeded;

  beforeAll(async () => {
    side = await open();
    s = await seed(side.store);
  });
  afterAll(async () => {
    await side?.close();
  });

  it('lists users and pending invites; an invite is accepted once even when two processes redeem it at once', async () => {
    const [a1, a2] = side.admin;
    expect((await a1.users(s.workspaceId)).map((u) => u.email)).toEqual(['admin@demo.sixty', 'dana@demo.sixty', 'sam@demo.sixty']);

    for (let i = 0; i < 20; i++) {
      const tokenHash = randomBytes(32).toString('hex');
      await a1.createInvite(
        { tokenHash, workspaceId: s.workspaceId, email: `New${i}@Example.com`, name: `New ${i}`, role: 'rep', createdBy: s.adminId },
        T0,
        HOUR,
      );
      expect(await a2.invite(tokenHash, T0 + 1)).toEqual({
        email: `new${i}@example.com`,
        name: `New ${i}`,
        role: 'rep',
        workspaceId: s.workspaceId,
        workspaceName: 'Acme Commercial Kitchens',
      });
      const results = await Promise.all([a1.acceptInvite(tokenHash, 'hash-a', T0 + 2), a2.acceptInvite(tokenHash, 'hash-b', T0 + 2)]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect(await a1.invite(tokenHash, T0 + 3)).toBeNull();
      expect(await a1.acceptInvite(tokenHash, 'hash-c', T0 + 3)).toBeNull();
    }
    expect((await a1.users(s.workspaceId)).filter((u) => u.email.startsWith('new'))).toHaveLength(20);

    // Two invites for one address accepted at once: one user, the other link is used up.
    const twins = [randomBytes(32).toString('hex'), randomBytes(32).toString('hex')];
    for (const tokenHash of twins)
      await a1.createInvite({ tokenHash, workspaceId: s.workspaceId, email: 'twin@example.com', name: 'Twin', role: 'rep', createdBy: s.adminId }, T0, HOUR);
    const made = await Promise.all([a1.acceptInvite(twins[0]!, 'h1', T0 + 2), a2.acceptInvite(twins[1]!, 'h2', T0 + 2)]);
    expect(made.filter((r) => r !== null)).toHaveLength(1);
    expect(await a1.pendingInvites(s.workspaceId, T0 + 3)).toEqual([]);
  });

  it('revokes a pending invite by its short id and ignores expired or malformed ones', async () => {
    const [a1, a2] = side.admin;
    const live = randomBytes(32).toString('hex');
    const old = randomBytes(32).toString('hex');
    await a1.createInvite(
      { tokenHash: live, workspaceId: s.workspaceId, email: 'pat@example.com', name: 'Pat', role: 'manager', createdBy: s.adminId },
      T0,
      HOUR,
    );
    await a1.createInvite(
      { tokenHash: old, workspaceId: s.workspaceId, email: 'old@example.com', name: 'Old', role: 'rep', createdBy: s.adminId },
      T0 - 2 * HOUR,
      HOUR,
    );
    const pending = await a2.pendingInvites(s.workspaceId, T0);
    expect(pending).toEqual([{ id: live.slice(0, 16), email: 'pat@example.com', name: 'Pat', role: 'manager', createdAt: T0, expiresAt: T0 + HOUR }]);
    expect(await a1.revokeInvite(s.workspaceId, '%', T0)).toBe(false);
    expect(await a1.revokeInvite('another-workspace', live.slice(0, 16), T0)).toBe(false);
    expect(await a1.revokeInvite(s.workspaceId, old.slice(0, 16), T0)).toBe(false);
    expect(await a2.revokeInvite(s.workspaceId, live.slice(0, 16), T0)).toBe(true);
    expect(await a1.invite(live, T0)).toBeNull();
    expect(await a1.pendingInvites(s.workspaceId, T0)).toEqual([]);
  });

  it('a password reset link sets the password once, even redeemed twice at once, and ends every session', async () => {
    const [a1, a2] = side.admin;
    for (let i = 0; i < 20; i++) {
      const session = randomBytes(32).toString('hex');
      await side.store.createSession(session, s.danaId, T0, HOUR);
      expect((await side.store.userBySession(session, T0 + 1))?.id).toBe(s.danaId);
      const tokenHash = randomBytes(32).toString('hex');
      await a1.createPasswordReset(tokenHash, s.danaId, s.workspaceId, T0, HOUR);
      const results = await Promise.all([a1.usePasswordReset(tokenHash, `one-${i}`, T0 + 2), a2.usePasswordReset(tokenHash, `two-${i}`, T0 + 2)]);
      expect(results.filter((r) => r === s.danaId)).toHaveLength(1);
      expect(results.filter((r) => r === null)).toHaveLength(1);
      expect([`one-${i}`, `two-${i}`]).toContain((await side.store.userById(s.danaId))!.passwordHash);
      expect(await side.store.userBySession(session, T0 + 3)).toBeNull();
    }
    const expired = randomBytes(32).toString('hex');
    await a1.createPasswordReset(expired, s.danaId, s.workspaceId, T0, HOUR);
    expect(await a2.usePasswordReset(expired, 'late', T0 + HOUR)).toBeNull();
  });

  it('deactivates a user of the workspace (sessions end), not one of another', async () => {
    const [a1] = side.admin;
    const users = await a1.users(s.workspaceId);
    const target = users.find((u) => u.email === 'new0@example.com')!;
    const session = randomBytes(32).toString('hex');
    await side.store.createSession(session, target.id, T0, HOUR);
    expect(await a1.deactivate('another-workspace', target.id)).toBe(false);
    expect(await a1.deactivate(s.workspaceId, target.id)).toBe(true);
    expect(await side.store.userBySession(session, T0 + 1)).toBeNull();
    expect((await a1.users(s.workspaceId)).find((u) => u.id === target.id)!.active).toBe(false);
  });

  it('rotates a site key; the old key maps to the current one for the grace period only', async () => {
    const [s1, s2] = side.sites;
    const first = s.siteKey;
    expect(await s1.rotateKey('another-workspace', s.siteId, 'nope', T0, HOUR)).toBe(false);
    expect(await s1.rotateKey(s.workspaceId, s.siteId, 'key_two', T0, HOUR)).toBe(true);
    expect((await side.store.siteByKey('key_two'))?.id).toBe(s.siteId);
    expect(await s2.currentKeyForRetired(first, T0 + HOUR - 1)).toBe('key_two');
    expect(await s2.currentKeyForRetired(first, T0 + HOUR)).toBeNull();
    expect(await s2.currentKeyForRetired('key_two', T0)).toBeNull();
    // Two rotations at once each retire the key they replaced; every retired key leads to the winner's.
    expect(
      await Promise.all([s1.rotateKey(s.workspaceId, s.siteId, 'key_a', T0 + 1, HOUR), s2.rotateKey(s.workspaceId, s.siteId, 'key_b', T0 + 1, HOUR)]),
    ).toEqual([true, true]);
    const current = (await side.store.sitesOfWorkspace(s.workspaceId))[0]!.siteKey;
    expect(['key_a', 'key_b']).toContain(current);
    const loser = current === 'key_a' ? 'key_b' : 'key_a';
    for (const retired of [first, 'key_two', loser]) expect(await s1.currentKeyForRetired(retired, T0 + 2)).toBe(current);
  });

  it('records the install check once per origin, first and last seen, keeping the last known URL', async () => {
    const [s1, s2] = side.sites;
    await s1.seen(s.siteId, s.workspaceId, 'https://acme.example', 'https://acme.example/pricing', T0);
    await s2.seen(s.siteId, s.workspaceId, 'https://acme.example', null, T0 + 5);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        side.sites[i % 2]!.seen(s.siteId, s.workspaceId, 'https://shop.acme.example', `https://shop.acme.example/${i}`, T0 + 10),
      ),
    );
    const installs = (await s1.installs(s.siteId)).sort((x, y) => x.origin.localeCompare(y.origin));
    expect(installs).toHaveLength(2);
    expect(installs[0]).toEqual({ origin: 'https://acme.example', lastUrl: 'https://acme.example/pricing', firstSeenAt: T0, lastSeenAt: T0 + 5 });
    expect(installs[1]).toMatchObject({ origin: 'https://shop.acme.example', firstSeenAt: T0 + 10, lastSeenAt: T0 + 10 });
  });

  it('updates a site and saves its appearance (upsert)', async () => {
    const [s1, s2] = side.sites;
    expect(await s1.appearance(s.siteId)).toEqual({ ...DEFAULT_APPEARANCE, endingUrl: null });
    await s1.saveAppearance(s.siteId, s.workspaceId, {
      accentColor: '#000000',
      position: 'left',
      zIndex: 10,
      texts: { en: { launcher: 'Call me' } },
      endingUrl: 'https://acme.example/guides',
    });
    await s2.saveAppearance(s.siteId, s.workspaceId, { accentColor: '#ffffff', position: 'left', zIndex: 11, texts: {} });
    // Left out, the ending link is kept.
    expect(await s1.appearance(s.siteId)).toEqual({
      accentColor: '#ffffff',
      position: 'left',
      zIndex: 11,
      texts: {},
      endingUrl: 'https://acme.example/guides',
    });
    const u = { name: 'Acme', allowedOrigins: ['https://acme.example'], phoneRegion: 'US', offerTimeoutMs: 20_000 };
    expect(await s1.update('another-workspace', s.siteId, u)).toBe(false);
    expect(await s2.update(s.workspaceId, s.siteId, u)).toBe(true);
    expect((await side.store.sitesOfWorkspace(s.workspaceId))[0]).toMatchObject({
      name: 'Acme',
      allowedOrigins: ['https://acme.example'],
      offerTimeoutMs: 20_000,
    });
  });

  it('a warm lead has exactly one taker in 100 races between two processes', async () => {
    const [w1, w2] = side.workspace;
    const wins = { dana: 0, sam: 0 };
    for (let i = 0; i < 100; i++) {
      const lead = warmLead(s);
      await side.insertLead(lead);
      const [d, m] = await Promise.all([w1.claim(lead.id!, s.danaId, s.workspaceId, T0 + i), w2.claim(lead.id!, s.samId, s.workspaceId, T0 + i)]);
      expect([d, m].sort()).toEqual(['not_available', 'ok']);
      if (d === 'ok') wins.dana++;
      else wins.sam++;
      const row = await side.lead(lead.id!);
      expect(row).toEqual({ ownerId: d === 'ok' ? s.danaId : s.samId, stage: 'sal', routing: 'owned' });
      expect(await side.stageChanges(lead.id!)).toEqual([{ fromStage: 'mql', toStage: 'sal' }]);
    }
    expect(wins.dana + wins.sam).toBe(100);
    expect(await w1.claim('missing', s.danaId, s.workspaceId, T0)).toBe('not_found');
  });

  it('lists warm leads with their reasons, "my leads", and notes', async () => {
    const [w1, w2] = side.workspace;
    const lead = warmLead(s, { capturedAt: T0 - HOUR });
    await side.insertLead(lead);
    const warm = await w1.warm(s.workspaceId, 1);
    expect(warm).toEqual([{ id: lead.id, name: lead.name, score: 40, reasons: ['Pricing page +20'], capturedAt: T0 - HOUR }]);
    const mine = await w2.mine(s.danaId, { stage: 'sal' });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r) => r.stage === 'sal' && r.outcome === null && r.nextFollowUpAt === null)).toBe(true);
    // Without a stage the list holds all of them; a stage none of them is in lists none.
    expect(await w2.mine(s.danaId, {})).toEqual(expect.arrayContaining(mine));
    expect(await w2.mine(s.danaId, { stage: 'opportunity' })).toEqual([]);
    expect(await w2.mine(s.danaId, { dueBy: T0 + HOUR })).toEqual([]);
    // The earliest open follow-up is the lead's next one; done ones do not count.
    const held = mine[0]!;
    const fu = (over: Partial<typeof sqT.followUps.$inferInsert>) => ({
      id: randomUUID(),
      workspaceId: s.workspaceId,
      leadId: held.id,
      repId: s.danaId,
      attempt: 2,
      dueAt: T0 + HOUR,
      status: 'open' as const,
      createdAt: T0,
      ...over,
    });
    await side.insertFollowUp(fu({ dueAt: T0 + 2 * HOUR }));
    await side.insertFollowUp(fu({ dueAt: T0 + HOUR }));
    await side.insertFollowUp(fu({ dueAt: T0 - HOUR, status: 'done' }));
    expect(await w1.mine(s.danaId, { dueBy: T0 + HOUR })).toEqual([{ ...held, nextFollowUpAt: T0 + HOUR }]);
    // A due follow-up on a lead older than the list's last row is still listed: the filter runs before the
    // limit. (Closed leads, so no later case sees Dana's load change.)
    for (let i = 0; i < MINE_LIMIT; i++) await side.insertLead(warmLead(s, { ownerId: s.danaId, stage: 'sal', routing: 'closed', capturedAt: T0 + HOUR + i }));
    expect(await w2.mine(s.danaId, {})).toHaveLength(MINE_LIMIT);
    expect((await w2.mine(s.danaId, {})).some((r) => r.id === held.id)).toBe(false);
    expect(await w2.mine(s.danaId, { dueBy: T0 + HOUR })).toEqual([{ ...held, nextFollowUpAt: T0 + HOUR }]);
    expect(await w1.addNote(lead.id!, s.workspaceId, s.danaId, 'Called, no answer', T0)).toBe(true);
    expect(await w1.addNote(lead.id!, 'another-workspace', s.danaId, 'x', T0)).toBe(false);
  });

  it('force-offers a lead (it turns hot, one open offer per rep even at once) and reassigns an owned one', async () => {
    const [w1, w2] = side.workspace;
    const lead = warmLead(s, { routing: 'waiting' });
    await side.insertLead(lead);
    const results = await Promise.all([
      w1.forceOffer(lead.id!, s.danaId, s.workspaceId, s.adminId, T0),
      w2.forceOffer(lead.id!, s.danaId, s.workspaceId, s.adminId, T0),
    ]);
    const offer = results.find((r) => typeof r === 'object');
    expect(results.filter((r) => r === 'already_offered')).toHaveLength(1);
    expect(offer).toMatchObject({ leadId: lead.id, repId: s.danaId, workspaceId: s.workspaceId, expiresAt: T0 + 20_000 });
    expect(await side.lead(lead.id!)).toEqual({ ownerId: null, stage: 'hot', routing: 'offered' });
    expect(await side.stageChanges(lead.id!)).toEqual([{ fromStage: 'mql', toStage: 'hot' }]);
    expect(await w1.forceOffer(lead.id!, 'nobody', s.workspaceId, s.adminId, T0)).toBe('not_found');
    expect(await w1.forceOffer(lead.id!, s.danaId, 'another-workspace', s.adminId, T0)).toBe('not_found');

    const view = await w2.supervisor(s.workspaceId, T0 - 1);
    expect(view.offers).toContainEqual({
      offerId: (offer as { id: string }).id,
      leadId: lead.id,
      leadName: lead.name,
      repId: s.danaId,
      repName: 'Dana Reyes',
      offeredAt: T0,
      expiresAt: T0 + 20_000,
    });
    expect(view.load.find((l) => l.repId === s.danaId)).toMatchObject({ openOffers: 1 });
    expect(view.active.length).toBeGreaterThan(0);
    expect(typeof view.load[0]!.activeLeads).toBe('number');

    // An owned lead moves, with its open follow-ups; one nobody holds does not.
    const owned = warmLead(s);
    await side.insertLead(owned);
    expect(await w1.claim(owned.id!, s.danaId, s.workspaceId, T0)).toBe('ok');
    const followUp = randomUUID();
    await side.insertFollowUp({
      id: followUp,
      workspaceId: s.workspaceId,
      leadId: owned.id!,
      repId: s.danaId,
      attempt: 2,
      dueAt: T0 + HOUR,
      status: 'open',
      createdAt: T0,
    });
    expect((await w2.supervisor(s.workspaceId, T0)).active).toContainEqual({
      leadId: owned.id,
      name: owned.name,
      ownerName: 'Dana Reyes',
      acceptedAt: T0,
      stage: 'sal',
    });
    expect(await w1.forceOffer(owned.id!, s.samId, s.workspaceId, s.adminId, T0)).toBe('owned');
    expect(await w2.reassign(owned.id!, s.samId, s.workspaceId, s.adminId, T0 + 1)).toBe('ok');
    expect((await side.lead(owned.id!))!.ownerId).toBe(s.samId);
    expect(await side.followUpRep(followUp)).toBe(s.samId);
    expect(await w2.reassign(lead.id!, s.samId, s.workspaceId, s.adminId, T0 + 1)).toBe('not_owned');
    expect(await w2.reassign(owned.id!, 'nobody', s.workspaceId, s.adminId, T0 + 1)).toBe('not_found');
    const card = await side.store.leadCard(owned.id!, s.workspaceId);
    expect(card?.timeline.map((e) => e.text)).toContain('Alex Admin reassigned this lead to Sam Okafor');
  });

  it('fans events out to subscribed webhooks once, logs deliveries, claims a send once, and replays', async () => {
    const [h1, h2] = side.webhooks;
    const render = (e: { id: string; topic: string }) => JSON.stringify({ id: e.id, topic: e.topic });
    await h1.create({
      id: 'wh_signed',
      workspaceId: s.workspaceId,
      url: 'https://hooks.example/a',
      kind: 'signed',
      secret: 'sek',
      topics: ['offer.created', 'lead.stage_changed'],
      createdAt: T0,
    });
    await h1.create({
      id: 'wh_other',
      workspaceId: 'another-workspace',
      url: 'https://hooks.example/b',
      kind: 'slack',
      secret: 'x',
      topics: ['*'],
      createdAt: T0,
    });
    expect((await h2.list(s.workspaceId)).map((w) => ({ id: w.id, topics: w.topics, active: w.active }))).toEqual([
      { id: 'wh_signed', topics: ['offer.created', 'lead.stage_changed'], active: true },
    ]);
    // Started cursors begin at the current end: earlier history is not replayed, and what
    // commits before the first fan-out is not skipped (a fresh install's first second).
    await Promise.all([h1.startCursors(), h2.startCursors()]);
    const lead = warmLead(s, { routing: 'waiting' });
    await side.insertLead(lead);
    await side.workspace[0].forceOffer(lead.id!, s.samId, s.workspaceId, s.adminId, T0 + 1);
    // Two dispatchers at once: each event still becomes exactly one delivery per hook.
    const made = await Promise.all([h1.fanOut(T0 + 2, render), h2.fanOut(T0 + 2, render)]);
    expect(made[0] + made[1]).toBe(2);
    expect(await h2.fanOut(T0 + 3, render)).toBe(0);

    const log = await h2.deliveries(s.workspaceId, 'wh_signed', 10);
    expect(log.map((d) => d.topic).sort()).toEqual(['lead.stage_changed', 'offer.created']);
    expect(log.every((d) => d.status === 'pending' && d.attempts === 0 && d.nextAt === T0 + 2)).toBe(true);
    const offered = log.find((d) => d.topic === 'offer.created')!;
    expect(JSON.parse(offered.payload)).toEqual({ id: offered.eventId, topic: 'offer.created' });

    const due = await h1.due(T0 + 2, 10);
    expect(due.map((d) => d.id).sort()).toEqual(log.map((d) => d.id).sort());
    expect(due[0]).toMatchObject({ url: 'https://hooks.example/a', kind: 'signed', secret: 'sek' });
    const claims = await Promise.all([h1.claim(offered.id, T0 + 60_000, T0 + 2), h2.claim(offered.id, T0 + 60_000, T0 + 2)]);
    expect(claims.sort()).toEqual([false, true]);
    expect((await h1.due(T0 + 2, 10)).map((d) => d.id)).not.toContain(offered.id);

    await h1.failed(offered.id, 500, 'x'.repeat(600), T0 + 5000);
    let row = (await h2.deliveries(s.workspaceId, 'wh_signed', 10)).find((d) => d.id === offered.id)!;
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500, nextAt: T0 + 5000 });
    expect(row.lastError).toHaveLength(500);
    await h1.delivered(offered.id, 200, T0 + 6000);
    row = (await h2.deliveries(s.workspaceId, 'wh_signed', 10)).find((d) => d.id === offered.id)!;
    expect(row).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 200, lastError: null, deliveredAt: T0 + 6000 });
    expect(await h1.replay('another-workspace', offered.id, T0 + 7000)).toBe(false);
    expect(await h1.replay(s.workspaceId, offered.id, T0 + 7000)).toBe(true);
    row = (await h2.deliveries(s.workspaceId, 'wh_signed', 10)).find((d) => d.id === offered.id)!;
    expect(row).toMatchObject({ status: 'pending', attempts: 0, nextAt: T0 + 7000 });
    const other = log.find((d) => d.id !== offered.id)!;
    await h1.failed(other.id, null, 'gave up', null);
    expect((await h2.deliveries(s.workspaceId, 'wh_signed', 10)).find((d) => d.id === other.id)).toMatchObject({ status: 'failed', nextAt: T0 + 2 });

    expect(await h1.remove('another-workspace', 'wh_signed')).toBe(false);
    expect(await h1.remove(s.workspaceId, 'wh_signed')).toBe(true);
    expect((await h2.list(s.workspaceId))[0]!.active).toBe(false);
    expect(await h1.due(T0 + 10_000, 10)).toEqual([]);
  });

  it('fans an outbox event (an SLA breach) out under its own topic with the lead, once, and marks it delivered', async () => {
    const [h1, h2] = side.webhooks;
    const render = (e: WebhookEvent) => JSON.stringify(e);
    await h1.create({
      id: 'wh_sla',
      workspaceId: s.workspaceId,
      url: 'https://hooks.example/sla',
      kind: 'slack',
      secret: 'x',
      topics: ['lead.sla_breached'],
      createdAt: T0,
    });
    await h1.fanOut(T0 + 10, render);
    const lead = warmLead(s);
    await side.insertLead(lead);
    await side.insertOutbox({
      workspaceId: s.workspaceId,
      topic: 'lead.sla_breached',
      payload: JSON.stringify({ leadId: lead.id, cause: 'nobody_online' }),
      createdAt: T0 + 11,
    });
    expect(await side.undeliveredOutbox()).toEqual(['lead.sla_breached']);
    const made = await Promise.all([h1.fanOut(T0 + 12, render), h2.fanOut(T0 + 12, render)]);
    expect(made[0] + made[1]).toBe(1);
    expect(await side.undeliveredOutbox()).toEqual([]);
    const [delivery, ...more] = await h2.deliveries(s.workspaceId, 'wh_sla', 10);
    expect(more).toEqual([]);
    expect(delivery).toMatchObject({ topic: 'lead.sla_breached', leadId: lead.id, status: 'pending' });
    expect(JSON.parse(delivery!.payload)).toMatchObject({
      topic: 'lead.sla_breached',
      data: { cause: 'nobody_online', lead: { id: lead.id, name: lead.name } },
    });
    expect(await h1.remove(s.workspaceId, 'wh_sla')).toBe(true);
  });

  // Transactions held open side by side: the cluster suite's server only.
  it.runIf(_name.startsWith('postgres') && PG.concurrent)('does not lose an event that commits after a later one was fanned out', async () => {
    const [h1] = side.webhooks;
    const render = (e: { id: string }) => e.id;
    await h1.create({ id: 'wh_all', workspaceId: s.workspaceId, url: 'https://hooks.example/all', kind: 'signed', secret: 's', topics: ['*'], createdAt: T0 });
    await h1.fanOut(T0 + 100, render);
    const lead = warmLead(s);
    await side.insertLead(lead);
    const insertEvent = `insert into lead_events (workspace_id, lead_id, kind, text, at) values ($1, $2, 'outcome', $3, $4)`;

    // A slow transaction takes the lower id, then a quick one commits a higher id first.
    const slow = await side.openTx!();
    await slow.query(insertEvent, [s.workspaceId, lead.id, 'slow', T0 + 101]);
    const quick = await side.openTx!();
    await quick.query(insertEvent, [s.workspaceId, lead.id, 'quick', T0 + 102]);
    await quick.commit();
    expect(await h1.fanOut(T0 + 103, render)).toBe(1);
    expect(await h1.fanOut(T0 + 104, render)).toBe(0);
    await slow.commit();
    expect(await h1.fanOut(T0 + 105, render)).toBe(1);
    const topics = (await h1.deliveries(s.workspaceId, 'wh_all', 10)).map((d) => d.topic);
    expect(topics).toEqual(['lead.outcome', 'lead.outcome']);

    // A rolled-back insert leaves a hole the cursor waits at, then gives up after the settle time.
    const undone = await side.openTx!();
    await undone.query(insertEvent, [s.workspaceId, lead.id, 'undone', T0 + 106]);
    await undone.rollback();
    const later = await side.openTx!();
    await later.query(insertEvent, [s.workspaceId, lead.id, 'later', T0 + 107]);
    await later.commit();
    const before = Number(await side.setting('webhooks.cursor.timeline'));
    expect(await h1.fanOut(T0 + 108, render)).toBe(1);
    expect(Number(await side.setting('webhooks.cursor.timeline'))).toBe(before);
    expect(await h1.fanOut(T0 + 108 + 29_000, render)).toBe(0);
    expect(Number(await side.setting('webhooks.cursor.timeline'))).toBe(before);
    expect(await h1.fanOut(T0 + 108 + 30_000, render)).toBe(0);
    expect(Number(await side.setting('webhooks.cursor.timeline'))).toBe(before + 2);
    expect(await side.setting('webhooks.gap.timeline')).toBeNull();
  });
});
