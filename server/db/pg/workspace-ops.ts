// Reads and small writes of the rep workspace and the supervisor view on PostgreSQL: the twin of
// sqlite/workspace-ops.ts. Taking a warm lead, reassigning and force-offering change who holds a
// lead, so they take the workspace lock first (as routing does): across processes there is still
// exactly one winner. Their plans (ctx.rules) decide; the writes run in one statement.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { MyLeadRow, Stage } from '../../../shared/api';
import type { SupervisorView, WorkspaceStore } from '../../console/workspace-store';
import type { StoreRules } from '../../routing/store-rules';
import { ACTIVE_LIMIT, MINE_LIMIT, warmReasons } from '../workspace-rows';
import { executePlan } from './execute-plan';
import { lockWorkspace } from './locks';
import type { PgDb, PgTx } from './open';
import * as t from './schema';

export function createWorkspaceOps(db: PgDb, rules: StoreRules): WorkspaceStore {
  async function activeRepName(tx: PgTx, repId: string, workspaceId: string): Promise<string | null> {
    const [rep] = await tx
      .select({ name: t.users.name })
      .from(t.users)
      .where(and(eq(t.users.id, repId), eq(t.users.workspaceId, workspaceId), eq(t.users.active, true)));
    return rep?.name ?? null;
  }

  async function actorName(tx: PgTx, userId: string): Promise<string | null> {
    const [u] = await tx.select({ name: t.users.name }).from(t.users).where(eq(t.users.id, userId));
    return u?.name ?? null;
  }

  /** The lead as a change of holder reads it (another workspace's lead is indistinguishable from a missing one). */
  async function heldLead(tx: PgTx, leadId: string, workspaceId: string) {
    const [lead] = await tx
      .select({
        id: t.leads.id,
        workspaceId: t.leads.workspaceId,
        stage: t.leads.stage,
        ownerId: t.leads.ownerId,
        routing: t.leads.routing,
        firstOfferedAt: t.leads.firstOfferedAt,
        timeout: t.sites.offerTimeoutMs,
      })
      .from(t.leads)
      .innerJoin(t.sites, eq(t.sites.id, t.leads.siteId))
      .where(and(eq(t.leads.id, leadId), eq(t.leads.workspaceId, workspaceId)));
    return lead ? { ...lead, stage: lead.stage as Stage } : null;
  }

  return {
    async mine(repId, filter) {
      const rows = await db
        .select({
          id: t.leads.id,
          name: t.leads.name,
          phone: t.leads.phone,
          stage: t.leads.stage,
          capturedAt: t.leads.capturedAt,
          acceptedAt: t.leads.acceptedAt,
          outcome: t.leads.outcome,
          // Written out qualified: drizzle prints a lone table's columns bare, which inside the subquery would mean f's.
          nextFollowUpAt: sql<number | null>`(select min(f.due_at)::float8 from follow_ups f where f.lead_id = "leads"."id" and f.status = 'open')`,
        })
        .from(t.leads)
        .where(
          and(
            eq(t.leads.ownerId, repId),
            filter.stage ? eq(t.leads.stage, filter.stage) : undefined,
            // Before the limit, so a rep with more leads than the list holds still sees every due follow-up.
            filter.dueBy === undefined
              ? undefined
              : sql`exists (select 1 from follow_ups f where f.lead_id = "leads"."id" and f.status = 'open' and f.due_at <= ${filter.dueBy})`,
          ),
        )
        .orderBy(desc(sql`coalesce(${t.leads.acceptedAt}, ${t.leads.capturedAt})`))
        .limit(MINE_LIMIT);
      return rows as MyLeadRow[];
    },

    async warm(workspaceId, limit) {
      const rows = await db
        .select({ id: t.leads.id, name: t.leads.name, score: t.leads.score, reasons: t.leads.reasons, capturedAt: t.leads.capturedAt })
        .from(t.leads)
        .where(and(eq(t.leads.workspaceId, workspaceId), eq(t.leads.stage, 'mql'), isNull(t.leads.ownerId), inArray(t.leads.routing, ['closed', 'waiting'])))
        .orderBy(asc(t.leads.capturedAt))
        .limit(limit);
      return rows.map((r) => ({ ...r, reasons: warmReasons(r.reasons) }));
    },

    async claim(leadId, repId, workspaceId, now) {
      return db.transaction(async (tx) => {
        await lockWorkspace(tx, workspaceId);
        const repName = await activeRepName(tx, repId, workspaceId);
        const lead = await heldLead(tx, leadId, workspaceId);
        if (repName === null || !lead) return 'not_found' as const;
        const plan = rules.planClaim(lead, { id: repId, name: repName }, now);
        if (plan === 'not_available') return plan;
        await executePlan(tx, lead, plan, now, rules.funnelStages);
        return 'ok' as const;
      });
    },

    async addNote(leadId, workspaceId, authorId, text, now) {
      const [lead] = await db
        .select({ id: t.leads.id })
        .from(t.leads)
        .where(and(eq(t.leads.id, leadId), eq(t.leads.workspaceId, workspaceId)));
      if (!lead) return false;
      await db.insert(t.leadNotes).values({ workspaceId, leadId, authorId, text, at: now });
      return true;
    },

    async supervisor(workspaceId, since) {
      const o = t.offers;
      const l = t.leads;
      const u = t.users;
      const b = t.slaBreaches;
      // One snapshot for the whole view, so its parts agree with each other.
      return db.transaction(
        async (tx): Promise<SupervisorView> => ({
          offers: await tx
            .select({ offerId: o.id, leadId: o.leadId, leadName: l.name, repId: o.repId, repName: u.name, offeredAt: o.offeredAt, expiresAt: o.expiresAt })
            .from(o)
            .innerJoin(l, eq(l.id, o.leadId))
            .innerJoin(u, eq(u.id, o.repId))
            .where(and(eq(o.workspaceId, workspaceId), eq(o.status, 'offered')))
            .orderBy(asc(o.offeredAt)),
          waiting: await tx
            .select({ leadId: l.id, name: l.name, hotAt: l.hotAt, queueReason: l.queueReason })
            .from(l)
            .where(and(eq(l.workspaceId, workspaceId), eq(l.routing, 'waiting')))
            .orderBy(asc(sql`coalesce(${l.hotAt}, ${l.capturedAt})`)),
          breachesToday: await tx
            .select({ leadId: b.leadId, name: l.name, cause: b.cause, at: b.at })
            .from(b)
            .innerJoin(l, eq(l.id, b.leadId))
            .where(and(eq(b.workspaceId, workspaceId), gte(b.at, since)))
            .orderBy(desc(b.at)),
          load: await tx
            .select({
              repId: u.id,
              openOffers: sql<number>`(select count(*)::int from offers o where o.rep_id = "users"."id" and o.status = 'offered')`,
              activeLeads: sql<number>`(select count(*)::int from leads l where l.owner_id = "users"."id" and l.routing = 'owned' and l.outcome is null)`,
            })
            .from(u)
            .where(and(eq(u.workspaceId, workspaceId), eq(u.active, true))),
          active: await tx
            .select({ leadId: l.id, name: l.name, ownerName: u.name, acceptedAt: l.acceptedAt, stage: l.stage })
            .from(l)
            .innerJoin(u, eq(u.id, l.ownerId))
            .where(and(eq(l.workspaceId, workspaceId), eq(l.routing, 'owned'), isNull(l.outcome)))
            .orderBy(asc(l.acceptedAt))
            .limit(ACTIVE_LIMIT),
        }),
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      );
    },

    async reassign(leadId, toRepId, workspaceId, by, now) {
      return db.transaction(async (tx) => {
        await lockWorkspace(tx, workspaceId);
        const toName = await activeRepName(tx, toRepId, workspaceId);
        const lead = await heldLead(tx, leadId, workspaceId);
        if (toName === null || !lead) return 'not_found' as const;
        const plan = rules.planReassign(lead, { id: toRepId, name: toName }, await actorName(tx, by));
        if (plan === 'not_owned') return plan;
        await executePlan(tx, lead, plan, now, rules.funnelStages);
        return 'ok' as const;
      });
    },

    async forceOffer(leadId, repId, workspaceId, by, now) {
      return db.transaction(async (tx) => {
        await lockWorkspace(tx, workspaceId);
        const repName = await activeRepName(tx, repId, workspaceId);
        const lead = await heldLead(tx, leadId, workspaceId);
        if (repName === null || !lead) return 'not_found' as const;
        const [open] = await tx
          .select({ id: t.offers.id })
          .from(t.offers)
          .where(and(eq(t.offers.leadId, leadId), eq(t.offers.repId, repId), eq(t.offers.status, 'offered')));
        const decided = rules.planForceOffer(
          lead,
          { repId, repName, alreadyOffered: open !== undefined },
          { by, byName: await actorName(tx, by), offerTimeoutMs: lead.timeout, now, newId: randomUUID },
        );
        if (typeof decided === 'string') return decided;
        await executePlan(tx, lead, decided.plan, now, rules.funnelStages);
        return { id: decided.offer.id, leadId, repId, workspaceId, expiresAt: decided.offer.expiresAt };
      });
    },
  };
}
