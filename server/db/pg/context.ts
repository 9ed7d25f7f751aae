// What the PostgreSQL store's operation groups share: the site cache, the trail and stage
// writers, and the lead card reader. The twin of sqlite/context.ts, made async: every read and
// write goes through the connection it is given, so inside a transaction it sees (and joins) it.
import { eq, sql, type SQLWrapper, inArray } from 'drizzle-orm';
import type { LeadCard, OfferView, Stage } from '../../../shared/api';
import type { StoreRules } from '../../routing/store-rules';
import { createSiteRowCache } from '../site-row-cache';
import type { PlannedLine } from '../../routing/lead-plan';
import type { Site } from '../store';
import { toLeadCard, toSite } from '../rows';
import { decodeRow } from './decode-row';
import { DEAL_COLUMNS_SQL, dealOf, type DealColumns } from '../card-extras';
import { extrasColumns, extrasOf, visitorJoin, type ExtrasColumns } from './lead-extras';
import type { PgConn, PgDb } from './open';
import { createSnapshotReader, type SnapshotReader } from './routing-snapshot';
import * as t from './schema';
import { writeTogether } from './write-together';
import { refreshStageFacts } from './report-stages';

export interface StoreContext {
  db: PgDb;
  /** The plans the operations apply (server/routing/store-rules.ts). */
  rules: StoreRules;
  /** Reads of routing state (see routing-snapshot.ts). */
  reader: SnapshotReader;
  site(conn: PgConn, siteId: string): Promise<Site>;
  /** After a site's settings change (in this process; other processes' caches time out). */
  forgetSite(siteId: string): void;
  event(conn: PgConn, lead: { workspaceId: string; id: string }, kind: string, text: string, at: number, data?: unknown): Promise<void>;
  moveStage(conn: PgConn, lead: { id: string; workspaceId: string; stage: string }, to: Stage, actor: string, reason: string | null, at: number): Promise<void>;
  card(conn: PgConn, leadId: string, workspaceId: string): Promise<LeadCard | null>;
  offerView(conn: PgConn, offerId: string): Promise<OfferView | null>;
  /** The offers' cards, in order, each lead's card read once (a broadcast offers one lead to every rep). */
  offerViews(conn: PgConn, offerIds: readonly string[]): Promise<OfferView[]>;
}

/** A trail line's row, for writes that insert several lines at once. */
export function eventRow(lead: { workspaceId: string; id: string }, line: PlannedLine, at: number): typeof t.leadEvents.$inferInsert {
  return {
    workspaceId: lead.workspaceId,
    leadId: lead.id,
    kind: line.kind,
    text: line.text,
    at,
    data: line.data === undefined ? null : JSON.stringify(line.data),
  };
}

/** The record of a lead moving from its current stage to `to`. */
export function stageChangeRow(
  lead: { id: string; workspaceId: string; stage: string },
  to: Stage,
  actor: string,
  reason: string | null,
  at: number,
): typeof t.stageChanges.$inferInsert {
  return { workspaceId: lead.workspaceId, leadId: lead.id, fromStage: lead.stage, toStage: to, actor, reason, at };
}

/** The writes that move a lead to `to` (none when it is there), for a caller that sends them with others. */
export function stageWrites(
  conn: PgConn,
  lead: { id: string; workspaceId: string; stage: string },
  to: Stage,
  actor: string,
  reason: string | null,
  at: number,
): SQLWrapper[] {
  if (lead.stage === to) return [];
  return [
    conn.update(t.leads).set({ stage: to }).where(eq(t.leads.id, lead.id)),
    conn.insert(t.stageChanges).values(stageChangeRow(lead, to, actor, reason, at)),
  ];
}

// The lead card in one statement (with its offer, for an offer view), its lead row as `l`: the
// lead, its timeline, its owner's name and the extras, the lists as JSON.
const cardColumns = sql`to_json(l) as lead,
  (select coalesce(json_agg(json_build_object('at', e.at, 'kind', e.kind, 'text', e.text) order by e.at, e.id), '[]')
     from lead_events e where e.lead_id = l.id) as events,
  (select name from users where id = l.owner_id) as owner,
  ${sql.raw(DEAL_COLUMNS_SQL)},
  ${extrasColumns}`;

type CardRow = ExtrasColumns &
  DealColumns & {
    lead: Record<string, unknown>;
    events: Array<{ at: number; kind: string; text: string }>;
    owner: string | null;
  };

export function createContext(db: PgDb, rules: StoreRules): StoreContext {
  // Another process may change a site; the cache's time-to-live bounds how long this one routes on the old settings.
  const siteCache = createSiteRowCache();

  async function cardOf(conn: PgConn, row: CardRow): Promise<LeadCard> {
    const lead = decodeRow(t.leads, row.lead);
    const site = await ctx.site(conn, lead.siteId);
    return { ...toLeadCard(lead, site, row.events, row.owner), ...dealOf(lead, row), ...extrasOf(lead, row) };
  }

  const ctx: StoreContext = {
    db,
    rules,
    reader: createSnapshotReader(rules),

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
      await conn.insert(t.leadEvents).values(eventRow(lead, { kind, text, data }, at));
    },

    async moveStage(conn, lead, to, actor, reason, at) {
      await writeTogether(conn, stageWrites(conn, lead, to, actor, reason, at));
      if (lead.stage !== to) await refreshStageFacts(conn, rules.funnelStages, [lead.id]);
    },

    async card(conn, leadId, workspaceId) {
      const res = await conn.execute<CardRow>(
        sql`select ${cardColumns} from leads l ${visitorJoin} where l.id = ${leadId} and l.workspace_id = ${workspaceId}`,
      );
      return res.rows[0] ? cardOf(conn, res.rows[0]) : null;
    },

    async offerView(conn, offerId) {
      const res = await conn.execute<CardRow & { offer: Omit<OfferView, 'lead'> }>(sql`
        select json_build_object('offerId', o.id, 'leadId', o.lead_id, 'offeredAt', o.offered_at, 'expiresAt', o.expires_at) as offer, ${cardColumns}
          from offers o join leads l on l.id = o.lead_id and l.workspace_id = o.workspace_id ${visitorJoin}
         where o.id = ${offerId}`);
      const row = res.rows[0];
      return row ? { ...row.offer, lead: await cardOf(conn, row) } : null;
    },

    async offerViews(conn, offerIds) {
      if (offerIds.length <= 1) {
        const view = offerIds[0] === undefined ? null : await ctx.offerView(conn, offerIds[0]);
        return view ? [view] : [];
      }
      const rows = await conn
        .select({ id: t.offers.id, leadId: t.offers.leadId, workspaceId: t.offers.workspaceId, offeredAt: t.offers.offeredAt, expiresAt: t.offers.expiresAt })
        .from(t.offers)
        .where(inArray(t.offers.id, [...offerIds]));
      const byId = new Map(rows.map((r) => [r.id, r]));
      const cards = new Map<string, LeadCard | null>();
      const views: OfferView[] = [];
      for (const offerId of offerIds) {
        const o = byId.get(offerId);
        if (!o) continue;
        if (!cards.has(o.leadId)) cards.set(o.leadId, await ctx.card(conn, o.leadId, o.workspaceId));
        const lead = cards.get(o.leadId);
        if (lead) views.push({ offerId: o.id, leadId: o.leadId, offeredAt: o.offeredAt, expiresAt: o.expiresAt, lead });
      }
      return views;
    },
  };
  return ctx;
}
