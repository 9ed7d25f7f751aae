// Reads and small writes of the rep workspace and the supervisor view on PostgreSQL: the twin of
// sqlite/workspace-ops.ts. Taking a warm lead, reassigning and force-offering change who holds a
// lead, so they take the workspace lock first (as routing does) and keep their conditional updates:
// across processes there is still exactly one winner.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { MyLeadRow } from '../../../shared/api';
import type { SupervisorView, WorkspaceStore } from '../../console/workspace-store';
import { UNKNOWN_MANAGER, forceOfferTurnsHot, warmReasons, workspaceText } from '../workspace-rows';
import { lockWorkspace } from './locks';
import type { PgDb, PgTx } from './open';
import * as t from './schema';

/** The newest leads a rep sees on "my leads". */
const MINE_LIMIT = 200;
/** Held leads listed for a supervisor, oldest accept first. */
const ACTIVE_LIMIT = 200;

export function createWorkspaceOps(db: PgDb): WorkspaceStore {
  async function activeRepName(tx: PgTx, repId: string, workspaceId: string): Promise<string | null> {
    const [rep] = await tx
      .select({ name: t.users.name })
      .from(t.users)
      .where(and(eq(t.users.id, repId), eq(t.users.workspaceId, workspaceId), eq(t.users.active, true)));
    return rep?.name ?? null;
  }

  async function actorName(tx: PgTx, userId: string): Promise<string> {
    const [u] = await tx.select({ name: t.users.name }).from(t.users).where(eq(t.users.id, userId));
    return u?.name ?? UNKNOWN_MANAGER;
  }

  async function event(tx: PgTx, workspaceId: string, leadId: string, kind: string, text: string, at: number): Promise<void> {
    await tx.insert(t.leadEvents).values({ workspaceId, leadId, kind, text, at });
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
        .where(and(eq(t.leads.ownerId, repId), filter.stage ? eq(t.leads.stage, filter.stage) : undefined))
        .orderBy(desc(sql`coalesce(${t.leads.acceptedAt}, ${t.leads.capturedAt})`))
        .limit(MINE_LIMIT);
      const mine = rows as MyLeadRow[];
      return filter.dueBy === undefined ? mine : mine.filter((r) => r.nextFollowUpAt != null && r.nextFollowUpAt <= filter.dueBy!);
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
        const [lead] = await tx
          .select({ id: t.leads.id })
          .from(t.leads)
          .where(and(eq(t.leads.id, leadId), eq(t.leads.workspaceId, workspaceId)));
        // Another workspace's lead is indistinguishable from a missing one.
        if (repName === null || !lead) return 'not_found' as const;
        // Conditional: only a warm lead nobody holds (no owner, no open offer) can be pulled.
        const [taken] = await tx
          .update(t.leads)
          .set({ ownerId: repId, routing: 'owned', acceptedAt: now, stage: 'sal' })
          .where(
            and(
              eq(t.leads.id, leadId),
              eq(t.leads.workspaceId, workspaceId),
              isNull(t.leads.ownerId),
              eq(t.leads.stage, 'mql'),
              inArray(t.leads.routing, ['closed', 'waiting']),
            ),
          )
          .returning({ id: t.leads.id });
        if (!taken) return 'not_available' as const;
        await tx
          .insert(t.stageChanges)
          .values({ workspaceId, leadId, fromStage: 'mql', toStage: 'sal', actor: repId, reason: workspaceText.claimReason, at: now });
        await event(tx, workspaceId, leadId, 'accepted', workspaceText.claimed(repName), now);
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
        const [lead] = await tx
          .select({ ownerId: t.leads.ownerId })
          .from(t.leads)
          .where(and(eq(t.leads.id, leadId), eq(t.leads.workspaceId, workspaceId)));
        if (toName === null || !lead) return 'not_found' as const;
        if (!lead.ownerId) return 'not_owned' as const;
        // Conditional as well as locked: the lead must still be held when it moves.
        const moved = await tx
          .update(t.leads)
          .set({ ownerId: toRepId })
          .where(and(eq(t.leads.id, leadId), sql`${t.leads.ownerId} is not null`));
        if (moved.rowCount !== 1) return 'not_owned' as const;
        await tx
          .update(t.followUps)
          .set({ repId: toRepId })
          .where(and(eq(t.followUps.leadId, leadId), eq(t.followUps.status, 'open')));
        await event(tx, workspaceId, leadId, 'reassigned', workspaceText.reassigned(await actorName(tx, by), toName), now);
        return 'ok' as const;
      });
    },

    async forceOffer(leadId, repId, workspaceId, by, now) {
      return db.transaction(async (tx) => {
        await lockWorkspace(tx, workspaceId);
        const repName = await activeRepName(tx, repId, workspaceId);
        const [lead] = await tx
          .select({ ownerId: t.leads.ownerId, siteId: t.leads.siteId, stage: t.leads.stage, timeout: t.sites.offerTimeoutMs })
          .from(t.leads)
          .innerJoin(t.sites, eq(t.sites.id, t.leads.siteId))
          .where(and(eq(t.leads.id, leadId), eq(t.leads.workspaceId, workspaceId)));
        if (repName === null || !lead) return 'not_found' as const;
        if (lead.ownerId) return 'owned' as const;
        const offer = { id: randomUUID(), leadId, repId, workspaceId, expiresAt: now + lead.timeout };
        // The partial unique index (one open offer per lead and rep) decides a duplicate, even without the lock.
        const [made] = await tx
          .insert(t.offers)
          .values({ id: offer.id, workspaceId, leadId, repId, status: 'offered', offeredAt: now, expiresAt: offer.expiresAt, step: 'team' })
          .onConflictDoNothing({ target: [t.offers.leadId, t.offers.repId], where: sql`status = 'offered'` })
          .returning({ id: t.offers.id });
        if (!made) return 'already_offered' as const;
        await tx
          .update(t.leads)
          .set({ routing: 'offered', firstOfferedAt: sql`coalesce(${t.leads.firstOfferedAt}, ${now})`, queueReason: null })
          .where(eq(t.leads.id, leadId));
        if (forceOfferTurnsHot(lead.stage)) {
          await tx.update(t.leads).set({ stage: 'hot' }).where(eq(t.leads.id, leadId));
          await tx
            .insert(t.stageChanges)
            .values({ workspaceId, leadId, fromStage: lead.stage, toStage: 'hot', actor: by, reason: workspaceText.forceOfferReason, at: now });
        }
        await event(tx, workspaceId, leadId, 'offered', workspaceText.forceOffered(repName, await actorName(tx, by)), now);
        return offer;
      });
    },
  };
}
