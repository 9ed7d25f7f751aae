// Routing's store operations over PostgreSQL, the twin of sqlite/routing-ops.ts. Each runs in
// one transaction that first takes its workspace's advisory lock (locks.ts), so routing
// decisions of a workspace are serialized across every process as SQLite's single writer
// serializes them in one. The lock comes before any read the decision depends on: under READ
// COMMITTED each statement after it sees everything committed before it was granted.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, max, ne, notExists, or, sql } from 'drizzle-orm';
import type { OfferView, Stage } from '../../../shared/api';
import type { OfferStatus, RoutingSnapshot } from '../../routing/routing.types';
import type { AcceptResult, BookedCallback, DecideRouting, RouteResult, TeamWarmLead } from '../store';
import type { RoutingOps } from '../op-types';
import type { RouteIn } from './capture-ops';
import { ALERTED_ROLES, bookedCallback, draftLeadRow, LostRace, routable, routeResult, toOpen, visitorFactsOf } from '../routing-rows';
import type { StoreContext } from './context';
import { executePlan } from './execute-plan';
import { lockWorkspace, lockWorkspaceOf } from './locks';
import type { PgConn, PgTx } from './open';
import type { LeadRow, RosterMemo } from './routing-snapshot';
import * as a from './admin-schema';
import * as t from './schema';

/** When the lead last went to nurture (for "returned from nurture after ..."). */
async function lastNurtured(tx: PgTx, leadId: string): Promise<number | null> {
  const [row] = await tx
    .select({ at: max(t.stageChanges.at) })
    .from(t.stageChanges)
    .where(and(eq(t.stageChanges.leadId, leadId), eq(t.stageChanges.toStage, 'nurture')));
  return row?.at ?? null;
}

/** Takes the lock of the lead's workspace; false when the lead does not exist. */
async function lockLeadWorkspace(tx: PgTx, leadId: string): Promise<boolean> {
  return (await lockWorkspaceOf(tx, t.leads, leadId)) !== null;
}

/** Leads that wait for a rep (and booked callbacks now due), oldest hand-raise first. */
async function waitingIds(conn: PgConn, workspaceId: string, now: number): Promise<string[]> {
  const rows = await conn
    .select({ id: t.leads.id })
    .from(t.leads)
    .where(and(eq(t.leads.workspaceId, workspaceId), or(eq(t.leads.routing, 'waiting'), and(eq(t.leads.routing, 'scheduled'), lte(t.leads.scheduledFor, now)))))
    .orderBy(sql`coalesce(${t.leads.hotAt}, ${t.leads.capturedAt})`, asc(t.leads.capturedAt), asc(t.leads.id));
  return rows.map((r) => r.id);
}

/** What a closed offer's plan needs about its lead: its routing state and the offers still open. */
async function closedOfferLead(tx: PgTx, leadId: string): Promise<{ routing: string; openOffers: number }> {
  const [row] = await tx
    .select({ routing: t.leads.routing, open: sql<number>`(select count(*)::int from offers o where o.lead_id = ${leadId} and o.status = 'offered')` })
    .from(t.leads)
    .where(eq(t.leads.id, leadId));
  return { routing: row?.routing ?? 'closed', openOffers: row?.open ?? 0 };
}

/** The routing operations, and the one-lead pass a capture runs inside its own transaction (capture-ops.ts). */
export function routingOps(ctx: StoreContext): RoutingOps & { routeIn: RouteIn } {
  const { db, reader, rules } = ctx;

  async function routeIn(tx: PgTx, lead: LeadRow, now: number, online: ReadonlySet<string>, decide: DecideRouting, rosters?: RosterMemo): Promise<RouteResult> {
    const snapshot = await reader.snapshot(tx, lead, online, rosters);
    return apply(tx, lead, snapshot, decide(snapshot), now, rosters && { rosters, online });
  }

  /**
   * Executes a routing decision: offers (or the queue reason), the trail, and the round-robin
   * bookkeeping, in one statement; `carry`: the transaction's rosters, which take what the plan
   * wrote about reps.
   */
  async function apply(
    tx: PgTx,
    lead: LeadRow,
    snapshot: RoutingSnapshot,
    decision: ReturnType<DecideRouting>,
    now: number,
    carry?: { rosters: RosterMemo; online: ReadonlySet<string> },
  ): Promise<RouteResult> {
    const site = await ctx.site(tx, lead.siteId);
    const applied = rules.planApply(lead, snapshot, decision, {
      now,
      offerTimeoutMs: site.offerTimeoutMs,
      deviceTimeoutMs: site.deviceTimeoutMs,
      newId: randomUUID,
    });
    await executePlan(tx, lead, applied.plan, now, rules.funnelStages);
    if (carry) {
      const roster = rules.carryRoster({ reps: snapshot.reps, teams: snapshot.teams }, applied.plan);
      if (roster) carry.rosters.set(lead.workspaceId, { online: carry.online, roster });
      else carry.rosters.delete(lead.workspaceId);
    }
    return routeResult(lead, applied);
  }

  return {
    routeIn,

    async markHot(leadId, now, hand = rules.behaviour) {
      return db.transaction(async (tx) => {
        if (!(await lockLeadWorkspace(tx, leadId))) return false;
        const lead = (await reader.lead(tx, leadId))!;
        const nurturedAt = lead.stage === 'nurture' ? await lastNurtured(tx, leadId) : null;
        const plan = rules.planTurnedHot({ ...lead, stage: lead.stage as Stage }, hand, { now, slaMs: (await ctx.site(tx, lead.siteId)).slaMs, nurturedAt });
        if (plan.kind === 'skip' || plan.kind === 'waiting') return plan.kind === 'waiting';
        await executePlan(tx, lead, rules.hotWrites(plan), now, rules.funnelStages);
        return plan.kind === 'route';
      });
    },

    async routeLead(leadId, now, online, decide) {
      return db.transaction(async (tx) => {
        if (!(await lockLeadWorkspace(tx, leadId))) return null;
        const lead = await reader.lead(tx, leadId);
        if (!lead || !routable(lead, now)) return null;
        return routeIn(tx, lead, now, online, decide);
      });
    },

    async routeWaiting(workspaceId, now, online, decide) {
      return db.transaction(async (tx) => {
        await lockWorkspace(tx, workspaceId);
        const results: RouteResult[] = [];
        // The workspace's reps are read once and carried from each waiting lead's decision to the next.
        const rosters: RosterMemo = new Map();
        for (const id of await waitingIds(tx, workspaceId, now)) {
          const lead = await reader.lead(tx, id);
          if (lead && routable(lead, now)) results.push(await routeIn(tx, lead, now, online, decide, rosters));
        }
        return results;
      });
    },

    async workspacesWaiting(now) {
      const rows = await db
        .selectDistinct({ w: t.leads.workspaceId })
        .from(t.leads)
        .where(or(eq(t.leads.routing, 'waiting'), and(eq(t.leads.routing, 'scheduled'), lte(t.leads.scheduledFor, now))));
      return rows.map((r) => r.w);
    },

    async draftSnapshot(draft, online, now) {
      return reader.snapshot(db, draftLeadRow(draft, now), online);
    },

    async routingSnapshot(leadId, online) {
      const lead = await reader.lead(db, leadId);
      return lead ? reader.snapshot(db, lead, online) : null;
    },

    async acceptOffer(offerId, repId, now): Promise<AcceptResult> {
      try {
        return await db.transaction(async (tx): Promise<AcceptResult> => {
          if ((await lockWorkspaceOf(tx, t.offers, offerId)) === null) return { ok: false, error: 'not_found' };
          // The offer with its rep's name, for the trail line (read after the lock, like every read here).
          const [found] = await tx
            .select({ offer: t.offers, repName: t.users.name })
            .from(t.offers)
            .innerJoin(t.users, eq(t.users.id, t.offers.repId))
            .where(eq(t.offers.id, offerId));
          const offer = found?.offer;
          if (!offer || offer.repId !== repId) return { ok: false, error: 'not_found' };
          // The conditional update is the claim: only one accept can move the offer out of
          // `offered` (a second one waits on the row, then finds the condition false).
          const won = await tx
            .update(t.offers)
            .set({ status: 'accepted', respondedAt: now })
            .where(and(eq(t.offers.id, offerId), eq(t.offers.status, 'offered'), gt(t.offers.expiresAt, now)))
            .returning({ id: t.offers.id });
          if (won.length !== 1) {
            return { ok: false, error: offer.status === 'accepted' || offer.status === 'taken' ? 'already_taken' : 'expired' };
          }
          // And the lead has one owner: with several open offers (broadcast) only the first accept
          // finds it unowned.
          const [owned] = await tx
            .update(t.leads)
            .set({ routing: 'owned', ownerId: repId, acceptedAt: now, queueReason: null })
            .where(and(eq(t.leads.id, offer.leadId), isNull(t.leads.ownerId)))
            .returning();
          if (!owned) throw new LostRace();
          const repName = found.repName;
          const plan = rules.planAccept({ ...owned, stage: owned.stage as Stage }, { repId, repName, offerId, now });
          const others = await executePlan(tx, owned, plan, now, rules.funnelStages);
          return { ok: true, leadId: owned.id, workspaceId: owned.workspaceId, repName, otherOffers: others };
        });
      } catch (err) {
        if (err instanceof LostRace) return { ok: false, error: 'already_taken' };
        throw err;
      }
    },

    async declineOffer(offerId, repId, reason, now) {
      return db.transaction(async (tx) => {
        if ((await lockWorkspaceOf(tx, t.offers, offerId)) === null) return null;
        // The claim: only an offer still open can be declined, once.
        const [offer] = await tx
          .update(t.offers)
          .set({ status: 'declined', respondedAt: now, reason })
          .where(and(eq(t.offers.id, offerId), eq(t.offers.repId, repId), eq(t.offers.status, 'offered')))
          .returning();
        if (!offer) return null;
        const [rep] = await tx.select({ name: t.users.name }).from(t.users).where(eq(t.users.id, repId));
        const decided = rules.planDecline(await closedOfferLead(tx, offer.leadId), { repId, repName: rep?.name ?? null, reason });
        await executePlan(tx, { id: offer.leadId, workspaceId: offer.workspaceId }, decided.plan, now, rules.funnelStages);
        return { offer: toOpen(offer), leadWaiting: decided.leadWaiting };
      });
    },

    async expireOffer(offerId, now) {
      return db.transaction(async (tx) => {
        // The workspace lock first, the row claim second: accept takes them in the same order,
        // so an expiry and an accept of one offer never deadlock.
        if ((await lockWorkspaceOf(tx, t.offers, offerId)) === null) return null;
        // The claim: no row when it was answered, is not yet due, or another process holds it.
        const [offer] = await tx
          .select()
          .from(t.offers)
          .where(and(eq(t.offers.id, offerId), eq(t.offers.status, 'offered'), lte(t.offers.expiresAt, now)))
          .for('update', { skipLocked: true });
        if (!offer) return null;
        await tx.update(t.offers).set({ status: 'expired', respondedAt: now }).where(eq(t.offers.id, offerId));
        const lead = (await reader.lead(tx, offer.leadId))!;
        const [rep] = await tx.select().from(t.users).where(eq(t.users.id, offer.repId));
        const k = (await ctx.site(tx, lead.siteId)).missedOffersBeforeAway;
        const decided = rules.planExpiry(await closedOfferLead(tx, lead.id), rep!, k);
        await executePlan(tx, lead, decided.plan, now, rules.funnelStages);
        return { offer: toOpen(offer), leadWaiting: decided.leadWaiting, away: decided.away };
      });
    },

    async openOffers() {
      return (await db.select().from(t.offers).where(eq(t.offers.status, 'offered'))).map(toOpen);
    },

    async openOffersForRep(repId) {
      const ids = await db
        .select({ id: t.offers.id })
        .from(t.offers)
        .where(and(eq(t.offers.repId, repId), eq(t.offers.status, 'offered')))
        .orderBy(asc(t.offers.offeredAt));
      return ctx.offerViews(
        db,
        ids.map((o) => o.id),
      );
    },

    async offerView(offerId) {
      return ctx.offerView(db, offerId);
    },

    async offerViews(offerIds) {
      return ctx.offerViews(db, offerIds);
    },

    async callFacts(offerId) {
      const [row] = await db
        .select({
          offerId: t.offers.id,
          leadId: t.offers.leadId,
          workspaceId: t.offers.workspaceId,
          repId: t.offers.repId,
          offerStatus: t.offers.status,
          leadRouting: t.leads.routing,
          leadOwnerId: t.leads.ownerId,
        })
        .from(t.offers)
        .innerJoin(t.leads, eq(t.leads.id, t.offers.leadId))
        .where(eq(t.offers.id, offerId));
      return row ?? null;
    },

    async waitingLeads(workspaceId, now) {
      return waitingIds(db, workspaceId, now);
    },

    async repStates(workspaceId, online) {
      return reader.reps(db, workspaceId, online);
    },

    async recordSlaBreach(leadId, now) {
      return db.transaction(async (tx) => {
        if (!(await lockLeadWorkspace(tx, leadId))) return null;
        const lead = (await reader.lead(tx, leadId))!;
        if (lead.slaDueAt === null) return null;
        const [recorded] = await tx
          .select({ id: t.slaBreaches.id })
          .from(t.slaBreaches)
          .where(and(eq(t.slaBreaches.leadId, leadId), eq(t.slaBreaches.dueAt, lead.slaDueAt)));
        const offers = (await tx
          .select({ repId: t.offers.repId, status: t.offers.status, offeredAt: t.offers.offeredAt })
          .from(t.offers)
          .where(eq(t.offers.leadId, leadId))) as Array<{ repId: string; status: OfferStatus; offeredAt: number }>;
        const slaMs = (await ctx.site(tx, lead.siteId)).slaMs;
        const decided = rules.planSlaBreach(lead, { recorded: recorded !== undefined, offers, slaMs }, now);
        if (!decided) return null;
        await executePlan(tx, lead, decided.plan, now, rules.funnelStages);
        return decided.breach;
      });
    },

    async pendingSla() {
      const rows = await db
        .select({ leadId: t.leads.id, dueAt: t.leads.slaDueAt })
        .from(t.leads)
        .where(and(isNotNull(t.leads.slaDueAt), isNull(t.leads.acceptedAt), ne(t.leads.routing, 'closed'), notExists(breachOfDue())));
      return rows.map((r) => ({ leadId: r.leadId, dueAt: r.dueAt ?? 0 }));
    },

    async visitorFacts(leadId) {
      const lead = await reader.lead(db, leadId);
      if (!lead) return null;
      const [owner] = lead.ownerId ? await db.select({ name: t.users.name }).from(t.users).where(eq(t.users.id, lead.ownerId)) : [];
      const [ending] = await db.select({ url: a.siteAppearance.endingUrl }).from(a.siteAppearance).where(eq(a.siteAppearance.siteId, lead.siteId));
      // The offer a rep accepted for the lead: a browser call names it to its visitor.
      const [call] =
        lead.talk === 'browser' && lead.ownerId
          ? await db
              .select({ id: t.offers.id })
              .from(t.offers)
              .where(and(eq(t.offers.leadId, leadId), eq(t.offers.repId, lead.ownerId), eq(t.offers.status, 'accepted')))
              .orderBy(desc(t.offers.respondedAt))
              .limit(1)
          : [];
      return visitorFactsOf(
        lead,
        await ctx.site(db, lead.siteId),
        owner?.name ?? null,
        ending?.url ?? null,
        await reader.offeredTo(db, leadId),
        call?.id ?? null,
      );
    },

    async scheduleCallback(leadId, slotAt, now) {
      return db.transaction(async (tx) => {
        if (!(await lockLeadWorkspace(tx, leadId))) return false;
        const lead = (await reader.lead(tx, leadId))!;
        const plan = rules.planBooking(lead, slotAt, (await ctx.site(tx, lead.siteId)).slaMs);
        if (!plan) return false;
        await executePlan(tx, lead, plan, now, rules.funnelStages);
        return true;
      });
    },

    async warmLeads(workspaceId, limit) {
      const leads = await db
        .select()
        .from(t.leads)
        .where(and(eq(t.leads.workspaceId, workspaceId), eq(t.leads.stage, 'mql'), eq(t.leads.routing, 'closed'), isNull(t.leads.ownerId)))
        .orderBy(asc(t.leads.capturedAt))
        .limit(limit);
      const none = new Set<string>();
      const warm: TeamWarmLead[] = [];
      for (const lead of leads) {
        const teams = rules.teamsOfLead(await reader.snapshot(db, lead, none));
        warm.push({ leadId: lead.id, name: lead.name, score: lead.score, capturedAt: lead.capturedAt, teamId: teams?.[0]?.id ?? null });
      }
      return warm;
    },

    // The conditional update is the claim: of processes trying at once, one sees the row.
    async claimManagerAlert(leadId, now) {
      return db.transaction(async (tx) => {
        const [lead] = await tx
          .update(t.leads)
          .set({ managerAlertSentAt: now })
          .where(and(eq(t.leads.id, leadId), isNotNull(t.leads.managerAlertedAt), isNull(t.leads.managerAlertSentAt)))
          .returning({ id: t.leads.id, workspaceId: t.leads.workspaceId, name: t.leads.name });
        if (!lead) return null;
        const managers = await tx
          .select({ id: t.users.id, name: t.users.name, email: t.users.email })
          .from(t.users)
          .where(and(eq(t.users.workspaceId, lead.workspaceId), eq(t.users.active, true), inArray(t.users.role, [...ALERTED_ROLES])))
          .orderBy(asc(t.users.createdAt));
        return { leadId: lead.id, workspaceId: lead.workspaceId, leadName: lead.name, managers };
      });
    },

    async pendingManagerAlerts(limit) {
      const rows = await db
        .select({ id: t.leads.id })
        .from(t.leads)
        .where(and(isNotNull(t.leads.managerAlertedAt), isNull(t.leads.managerAlertSentAt)))
        .limit(limit);
      return rows.map((r) => r.id);
    },

    async bookedCallbacks(workspaceId, limit) {
      const leads = await db
        .select()
        .from(t.leads)
        .where(and(eq(t.leads.workspaceId, workspaceId), eq(t.leads.routing, 'scheduled')))
        .orderBy(asc(t.leads.scheduledFor), asc(t.leads.id))
        .limit(limit);
      const none = new Set<string>();
      const booked: BookedCallback[] = [];
      for (const lead of leads) {
        const card = await ctx.card(db, lead.id, workspaceId);
        if (card) booked.push(bookedCallback(lead.scheduledFor ?? 0, card, rules.teamsOfLead(await reader.snapshot(db, lead, none))));
      }
      return booked;
    },

    async scheduledLeads() {
      const rows = await db.select({ leadId: t.leads.id, at: t.leads.scheduledFor }).from(t.leads).where(eq(t.leads.routing, 'scheduled'));
      return rows.map((r) => ({ leadId: r.leadId, at: r.at ?? 0 }));
    },

    // The same three lists as the SQLite twin; acting on them is claimed in expireOffer,
    // recordSlaBreach and routeLead, so every process may read the same rows.
    async dueWork(now, limit) {
      const offers = await db
        .select()
        .from(t.offers)
        .where(and(eq(t.offers.status, 'offered'), lte(t.offers.expiresAt, now)))
        .orderBy(asc(t.offers.expiresAt))
        .limit(limit);
      const sla = await db
        .select({ leadId: t.leads.id })
        .from(t.leads)
        .where(and(inArray(t.leads.routing, ['waiting', 'offered']), lte(t.leads.slaDueAt, now), isNull(t.leads.acceptedAt), notExists(breachOfDue())))
        .orderBy(asc(t.leads.slaDueAt))
        .limit(limit);
      const scheduled = await db
        .select({ leadId: t.leads.id })
        .from(t.leads)
        .where(and(eq(t.leads.routing, 'scheduled'), lte(t.leads.scheduledFor, now)))
        .orderBy(asc(t.leads.scheduledFor))
        .limit(limit);
      const followUps = await db
        .select({ leadId: t.followUps.leadId })
        .from(t.followUps)
        .where(and(unsentFollowUp(), lte(t.followUps.dueAt, now)))
        .orderBy(asc(t.followUps.dueAt))
        .limit(limit);
      return {
        offers: offers.map(toOpen),
        sla: sla.map((r) => r.leadId),
        scheduled: scheduled.map((r) => r.leadId),
        followUps: followUps.map((r) => r.leadId),
      };
    },

    // The conditional update is the claim, as for the manager alert: of processes trying at once, one sees the row.
    async claimFollowUpNotice(leadId, now) {
      const rows = await db
        .update(t.followUps)
        .set({ noticeSentAt: now })
        .where(and(eq(t.followUps.leadId, leadId), unsentFollowUp(), lte(t.followUps.dueAt, now)))
        .returning({ leadId: t.followUps.leadId, workspaceId: t.followUps.workspaceId, repId: t.followUps.repId, dueAt: t.followUps.dueAt });
      return rows[0] ?? null;
    },

    async followUpNotices(leadId) {
      return db
        .select({ leadId: t.followUps.leadId, at: t.followUps.dueAt })
        .from(t.followUps)
        .where(and(unsentFollowUp(), leadId === undefined ? undefined : eq(t.followUps.leadId, leadId)))
        .orderBy(asc(t.followUps.dueAt));
    },
  };

  /** An open follow-up whose "due" push is not sent yet. */
  function unsentFollowUp() {
    return and(eq(t.followUps.status, 'open'), isNull(t.followUps.noticeSentAt));
  }

  /** The breach row of the lead's current SLA deadline, for `not exists`. */
  function breachOfDue() {
    return db
      .select({ id: t.slaBreaches.id })
      .from(t.slaBreaches)
      .where(and(eq(t.slaBreaches.leadId, t.leads.id), eq(t.slaBreaches.dueAt, t.leads.slaDueAt)));
  }
}
