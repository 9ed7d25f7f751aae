// What the PostgreSQL store's operation groups share: the site cache, the trail and stage
// writers, and the lead card reader. The twin of sqlite/context.ts, made async: every read and
// write goes through the connection it is given, so inside a transaction it sees (and joins) it.
import { and, asc, eq } from 'drizzle-orm';
import type { LeadCard, OfferView, Stage } from '../../../shared/api';
import { createSiteCache } from '../site-cache';
import type { Site } from '../store';
import { toLeadCard, toSite } from '../sqlite/rows';
import { createLeadExtras } from './lead-extras';
import type { PgConn, PgDb, PgTx } from './open';
import { createSnapshotReader, type SnapshotReader } from './routing-snapshot';
import * as t from './schema';

/** The names the SQLite groups use, so ported groups read the same. */
export type Tx = PgTx;
export type Conn = PgConn;

export interface StoreContext {
  db: PgDb;
  /** Reads of routing state (see routing-snapshot.ts). */
  reader: SnapshotReader;
  site(conn: PgConn, siteId: string): Promise<Site>;
  /** After a site's settings change (in this process; other processes' caches time out). */
  forgetSite(siteId: string): void;
  event(conn: PgConn, lead: { workspaceId: string; id: string }, kind: string, text: string, at: number, data?: unknown): Promise<void>;
  moveStage(conn: PgConn, lead: { id: string; workspaceId: string; stage: string }, to: Stage, actor: string, reason: string | null, at: number): Promise<void>;
  card(conn: PgConn, leadId: string, workspaceId: string): Promise<LeadCard | null>;
  offerView(conn: PgConn, offerId: string): Promise<OfferView | null>;
}

export function createContext(db: PgDb): StoreContext {
  // Another process may change a site; the cache's time-to-live bounds how long this one routes on the old settings.
  const siteCache = createSiteCache();
  const extras = createLeadExtras(db);

  const ctx: StoreContext = {
    db,
    reader: createSnapshotReader(),

    async site(conn, siteId) {
      const cached = siteCache.fresh(siteId);
      if (cached) return cached;
      const [row] = await conn.select().from(t.sites).where(eq(t.sites.id, siteId));
      if (!row) throw new Error(`site ${siteId} missing`);
      const s = toSite(row);
      siteCache.remember(s);
      return s;
    },

    forgetSite(siteId) {
      siteCache.forget(siteId);
    },

    async event(conn, lead, kind, text, at, data) {
      await conn
        .insert(t.leadEvents)
        .values({ workspaceId: lead.workspaceId, leadId: lead.id, kind, text, at, data: data === undefined ? null : JSON.stringify(data) });
    },

    async moveStage(conn, lead, to, actor, reason, at) {
      if (lead.stage === to) return;
      await conn.update(t.leads).set({ stage: to }).where(eq(t.leads.id, lead.id));
      await conn.insert(t.stageChanges).values({ workspaceId: lead.workspaceId, leadId: lead.id, fromStage: lead.stage, toStage: to, actor, reason, at });
    },

    async card(conn, leadId, workspaceId) {
      const [lead] = await conn
        .select()
        .from(t.leads)
        .where(and(eq(t.leads.id, leadId), eq(t.leads.workspaceId, workspaceId)));
      if (!lead) return null;
      const events = await conn
        .select({ at: t.leadEvents.at, kind: t.leadEvents.kind, text: t.leadEvents.text })
        .from(t.leadEvents)
        .where(eq(t.leadEvents.leadId, leadId))
        .orderBy(asc(t.leadEvents.at), asc(t.leadEvents.id));
      const [owner] = lead.ownerId ? await conn.select({ name: t.users.name }).from(t.users).where(eq(t.users.id, lead.ownerId)) : [];
      const site = await ctx.site(conn, lead.siteId);
      return { ...toLeadCard(lead, site, events, owner?.name ?? null), ...(await extras(conn, lead)) };
    },

    async offerView(conn, offerId) {
      const [o] = await conn.select().from(t.offers).where(eq(t.offers.id, offerId));
      if (!o) return null;
      const lead = await ctx.card(conn, o.leadId, o.workspaceId);
      if (!lead) return null;
      return { offerId: o.id, leadId: o.leadId, offeredAt: o.offeredAt, expiresAt: o.expiresAt, lead };
    },
  };
  return ctx;
}
