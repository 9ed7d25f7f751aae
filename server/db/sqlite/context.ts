// What the SQLite store's operation groups share: the site cache, the trail and stage writers,
// and the lead card reader. Each group (lead-ops, routing-ops, config-ops) is built on it.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { LeadCard, OfferView, Stage } from '../../../shared/api';
import type { StoreRules } from '../../routing/store-rules';
import * as t from '../schema';
import { createSiteRowCache } from '../site-row-cache';
import type { Site } from '../store';
import type { Db } from './open';
import { createPlanExecutor, type PlanExecutor } from './execute-plan';
import { createReportStagesOps } from './report-stages';
import { createGroupCommit, type GroupCommit } from './group-commit';
import { createLeadExtras } from './lead-extras';
import { DEAL_COLUMNS_SQL, dealOf, type DealColumns } from '../card-extras';
import { toLeadCard, toSite } from '../rows';
import { createSnapshotReader, type SnapshotReader } from './routing-snapshot';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** A transaction or the database itself (for single reads). */
export type Conn = Tx | Db;

export interface StoreContext {
  db: Db;
  /** The plans the operations apply (server/routing/store-rules.ts). */
  rules: StoreRules;
  /** Executes a plan's writes inside the caller's transaction. */
  execute: PlanExecutor;
  /** Runs a write with the others asked for in this turn, in one transaction (group-commit.ts). */
  commitTogether: GroupCommit;
  /** Prepared reads of routing state (see routing-snapshot.ts). */
  reader: SnapshotReader;
  site(conn: Conn, siteId: string): Site;
  /** After a site's settings change. */
  forgetSite(siteId: string): void;
  event(tx: Conn, lead: { workspaceId: string; id: string }, kind: string, text: string, at: number, data?: unknown): void;
  moveStage(tx: Conn, lead: { id: string; workspaceId: string; stage: string }, to: Stage, actor: string, reason: string | null, at: number): void;
  card(conn: Conn, leadId: string, workspaceId: string): LeadCard | null;
  offerView(conn: Conn, offerId: string): OfferView | null;
  /** The offers' cards, in order, each lead's card read once (a broadcast offers one lead to every rep). */
  offerViews(conn: Conn, offerIds: readonly string[]): OfferView[];
}

export function createContext(db: Db, rules: StoreRules): StoreContext {
  const siteCache = createSiteRowCache();
  const extras = createLeadExtras(db);
  const stageFacts = createReportStagesOps(db, rules.funnelStages);
  // The trail is written on every routing step: one prepared insert.
  const insertEvent = db
    .insert(t.leadEvents)
    .values({
      workspaceId: sql.placeholder('workspaceId'),
      leadId: sql.placeholder('leadId'),
      kind: sql.placeholder('kind'),
      text: sql.placeholder('text'),
      at: sql.placeholder('at'),
      data: sql.placeholder('data'),
    })
    .prepare();
  // Offer cards are built for every push and re-sync.
  const id = sql.placeholder('id');
  const q = {
    lead: db
      .select()
      .from(t.leads)
      .where(and(eq(t.leads.id, id), eq(t.leads.workspaceId, sql.placeholder('ws'))))
      .prepare(),
    events: db
      .select({ at: t.leadEvents.at, kind: t.leadEvents.kind, text: t.leadEvents.text })
      .from(t.leadEvents)
      .where(eq(t.leadEvents.leadId, id))
      .orderBy(asc(t.leadEvents.at), asc(t.leadEvents.id))
      .prepare(),
    userName: db.select({ name: t.users.name }).from(t.users).where(eq(t.users.id, id)).prepare(),
    offer: db.select().from(t.offers).where(eq(t.offers.id, id)).prepare(),
    deal: db.$client.prepare<[string]>(`select ${DEAL_COLUMNS_SQL} from leads l where l.id = ?`),
  };

  const ctx: StoreContext = {
    db,
    rules,
    execute: createPlanExecutor(db, rules.funnelStages),
    commitTogether: createGroupCommit(db),
    reader: createSnapshotReader(db, rules),

    site(conn, siteId) {
      const cached = siteCache.fresh(siteId);
      if (cached) return cached;
      const row = conn.select().from(t.sites).where(eq(t.sites.id, siteId)).get();
      if (!row) throw new Error(`site ${siteId} missing`);
      const s = toSite(row);
      siteCache.remember(s);
      return s;
    },

    forgetSite(siteId) {
      siteCache.forget(siteId);
    },

    event(_tx, lead, kind, text, at, data) {
      insertEvent.run({ workspaceId: lead.workspaceId, leadId: lead.id, kind, text, at, data: data === undefined ? null : JSON.stringify(data) });
    },

    moveStage(tx, lead, to, actor, reason, at) {
      if (lead.stage === to) return;
      tx.update(t.leads).set({ stage: to }).where(eq(t.leads.id, lead.id)).run();
      tx.insert(t.stageChanges).values({ workspaceId: lead.workspaceId, leadId: lead.id, fromStage: lead.stage, toStage: to, actor, reason, at }).run();
      stageFacts.refresh([lead.id]);
    },

    card(conn, leadId, workspaceId) {
      const lead = q.lead.get({ id: leadId, ws: workspaceId });
      if (!lead) return null;
      const events = q.events.all({ id: leadId });
      const owner = lead.ownerId ? q.userName.get({ id: lead.ownerId }) : undefined;
      return {
        ...toLeadCard(lead, ctx.site(conn, lead.siteId), events, owner?.name ?? null),
        ...dealOf(lead, q.deal.get(leadId) as DealColumns),
        ...extras(lead),
      };
    },

    offerView(conn, offerId) {
      return ctx.offerViews(conn, [offerId])[0] ?? null;
    },

    offerViews(conn, offerIds) {
      const cards = new Map<string, LeadCard | null>();
      const views: OfferView[] = [];
      for (const offerId of offerIds) {
        const o = q.offer.get({ id: offerId });
        if (!o) continue;
        if (!cards.has(o.leadId)) cards.set(o.leadId, ctx.card(conn, o.leadId, o.workspaceId));
        const lead = cards.get(o.leadId);
        if (lead) views.push({ offerId: o.id, leadId: o.leadId, offeredAt: o.offeredAt, expiresAt: o.expiresAt, lead });
      }
      return views;
    },
  };
  return ctx;
}
