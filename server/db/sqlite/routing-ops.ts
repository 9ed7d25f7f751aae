// Routing's store operations: each runs in one transaction that reads the rows a plan needs,
// claims what must be claimed (a conditional update), and executes the plan (ctx.rules, pure)
// together with the routing trail, so what reps are told always matches committed rows.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, max, ne, notExists, or, sql } from 'drizzle-orm';
import type { OfferView, Stage } from '../../../shared/api';
import type { OfferStatus, RoutingSnapshot } from '../../routing/routing.types';
import * as a from '../admin-schema';
import * as t from '../schema';
import type { AcceptResult, DecideRouting, RouteResult } from '../store';
import type { RoutingOps } from '../op-types';
import type { RouteIn } from './capture-ops';
import { ALERTED_ROLES, bookedCallback, draftLeadRow, LostRace, routable, routeResult, toOpen, visitorFactsOf } from '../routing-rows';
import type { StoreContext, Tx } from './context';
import type { LeadRow, RosterMemo } from './routing-snapshot';

/** The routing operations, and the one-lead pass a capture runs inside its own transaction (capture-ops.ts). */
export function routingOps(ctx: StoreContext): RoutingOps & { routeIn: RouteIn } {
  const { db, reader } = ctx;
  const { rules } = ctx;
  const ph = (name: string) => sql.placeholder(name);
  // The reads every routing step runs, prepared once.
  const q = {
    offer: db
      .select()
      .from(t.offers)
      .where(eq(t.offers.id, ph('id')))
      .prepare(),
    user: db
      .select()
      .from(t.users)
      .where(eq(t.users.id, ph('id')))
      .prepare(),
    /** How many offers of the lead are still open (a closed offer may release the lead). */
    openOffers: db
      .select({ n: sql<number>`count(*)` })
      .from(t.offers)
      .where(and(eq(t.offers.leadId, ph('lead')), eq(t.offers.status, 'offered')))
      .prepare(),
    routing: db
      .select({ routing: t.leads.routing })
      .from(t.leads)
      .where(eq(t.leads.id, ph('lead')))
      .prepare(),
    endingUrl: db
      .select({ url: a.siteAppearance.endingUrl })
      .from(a.siteAppearance)
      .where(eq(a.siteAppearance.siteId, ph('site')))
      .prepare(),
    /** An offer and its lead's holder, for the browser call's signalling (calls/may-signal.core.ts). */
    callFacts: db
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
      .where(eq(t.offers.id, ph('id')))
      .prepare(),
    /** The offer a rep accepted for the lead (a browser call names it to its visitor). */
    acceptedOffer: db
      .select({ id: t.offers.id })
      .from(t.offers)
      .where(and(eq(t.offers.leadId, ph('lead')), eq(t.offers.repId, ph('rep')), eq(t.offers.status, 'accepted')))
      .orderBy(desc(t.offers.respondedAt))
      .limit(1)
      .prepare(),
    /** An accept's claim: only one can move the offer out of `offered`, and only before it expires. */
    claimOffer: db
      .update(t.offers)
      .set({ status: 'accepted', respondedAt: sql`${ph('now')}` })
      .where(and(eq(t.offers.id, ph('id')), eq(t.offers.status, 'offered'), sql`${t.offers.expiresAt} > ${ph('now')}`))
      .prepare(),
    /** The accepted lead's one owner: only an unowned lead takes one. */
    ownLead: db
      .update(t.leads)
      .set({ routing: 'owned', ownerId: sql`${ph('rep')}`, acceptedAt: sql`${ph('now')}`, queueReason: null })
      .where(and(eq(t.leads.id, ph('lead')), isNull(t.leads.ownerId)))
      .returning()
      .prepare(),
    /** When the lead last went to nurture (for "returned from nurture after ..."). */
    nurturedAt: db
      .select({ at: max(t.stageChanges.at) })
      .from(t.stageChanges)
      .where(and(eq(t.stageChanges.leadId, ph('lead')), eq(t.stageChanges.toStage, 'nurture')))
      .prepare(),
  };

  function routeIn(tx: Tx, lead: LeadRow, now: number, online: ReadonlySet<string>, decide: DecideRouting, rosters?: RosterMemo): RouteResult {
    const snapshot = reader.snapshot(lead, online, rosters);
    return apply(tx, lead, snapshot, decide(snapshot), now, rosters && { rosters, online });
  }

  /**
   * Executes a routing decision: offers (or the queue reason), the trail, and the round-robin
   * bookkeeping; `carry`: the transaction's rosters, which take what the plan wrote about reps.
   */
  function apply(
    tx: Tx,
    lead: LeadRow,
    snapshot: RoutingSnapshot,
    decision: ReturnType<DecideRouting>,
    now: number,
    carry?: { rosters: RosterMemo; online: ReadonlySet<string> },
  ): RouteResult {
    const site = ctx.site(tx, lead.siteId);
    const applied = rules.planApply(lead, snapshot, decision, {
      now,
      offerTimeoutMs: site.offerTimeoutMs,
      deviceTimeoutMs: site.deviceTimeoutMs,
      newId: randomUUID,
    });
    ctx.execute(tx, lead, applied.plan, now);
    if (carry) {
      const roster = rules.carryRoster({ reps: snapshot.reps, teams: snapshot.teams }, applied.plan);
      if (roster) carry.rosters.set(lead.workspaceId, { online: carry.online, roster });
      else carry.rosters.delete(lead.workspaceId);
    }
    return routeResult(lead, applied);
  }

  /** What a closed offer's plan needs about its lead: its routing state and the offers still open. */
  function closedOfferLead(leadId: string) {
    return { routing: q.routing.get({ lead: leadId })?.routing ?? 'closed', openOffers: q.openOffers.get({ lead: leadId })?.n ?? 0 };
  }

  // Two index-friendly halves instead of one OR (which made SQLite use only the workspace
  // column of leads_workspace_routing): the profile showed this query at ~15% of submit CPU.
  const waitingQuery = db.$client.prepare<[string, string, number], { id: string }>(
    `select id from (
       select id, coalesce(hot_at, captured_at) as k, captured_at from leads where workspace_id = ? and routing = 'waiting'
       union all
       select id, coalesce(hot_at, captured_at) as k, captured_at from leads where workspace_id = ? and routing = 'scheduled' and scheduled_for <= ?
     ) order by k, captured_at, id`,
  );

  function waitingIds(workspaceId: string, now: number): string[] {
    return waitingQuery.all(workspaceId, workspaceId, now).map((r) => r.id);
  }

  return {
    routeIn,

    async markHot(leadId, now, hand = rules.behaviour) {
      return db.transaction((tx) => {
        const lead = tx.select().from(t.leads).where(eq(t.leads.id, leadId)).get();
        if (!lead) return false;
        const nurturedAt = lead.stage === 'nurture' ? (q.nurturedAt.get({ lead: leadId })?.at ?? null) : null;
        const plan = rules.planTurnedHot({ ...lead, stage: lead.stage as Stage }, hand, { now, slaMs: ctx.site(tx, lead.siteId).slaMs, nurturedAt });
        if (plan.kind === 'skip' || plan.kind === 'waiting') return plan.kind === 'waiting';
        ctx.execute(tx, lead, rules.hotWrites(plan), now);
        return plan.kind === 'route';
      });
    },

    async routeLead(leadId, now, online, decide) {
      return db.transaction((tx) => {
        const lead = reader.lead(leadId);
        if (!lead || !routable(lead, now)) return null;
        return routeIn(tx, lead, now, online, decide);
      });
    },

    async routeWaiting(workspaceId, now, online, decide) {
      return db.transaction((tx) => {
        const results: RouteResult[] = [];
        // The workspace's reps are read once and carried from each waiting lead's decision to the next.
        const rosters: RosterMemo = new Map();
        for (const id of waitingIds(workspaceId, now)) {
          const lead = reader.lead(id);
          if (lead && routable(lead, now)) results.push(routeIn(tx, lead, now, online, decide, rosters));
        }
        return results;
      });
    },

    async workspacesWaiting(now) {
      return db
        .selectDistinct({ w: t.leads.workspaceId })
        .from(t.leads)
        .where(or(eq(t.leads.routing, 'waiting'), and(eq(t.leads.routing, 'scheduled'), lte(t.leads.scheduledFor, now))))
        .all()
        .map((r) => r.w);
    },

    async draftSnapshot(draft, online, now) {
      return reader.snapshot(draftLeadRow(draft, now), online);
    },

    async routingSnapshot(leadId, online) {
      const lead = db.select().from(t.leads).where(eq(t.leads.id, leadId)).get();
      return lead ? reader.snapshot(lead, online) : null;
    },

    async acceptOffer(offerId, repId, now): Promise<AcceptResult> {
      try {
        // Accepts arriving together (a burst's reps answering) share one commit (group-commit.ts).
        return await ctx.commitTogether({
          keepsRosters: false,
          run: (tx): AcceptResult => {
            const offer = q.offer.get({ id: offerId });
            if (!offer || offer.repId !== repId) return { ok: false, error: 'not_found' };
            // The conditional update is the claim: only one accept can move the offer out of `offered`.
            const won = q.claimOffer.run({ id: offerId, now });
            if (won.changes !== 1) {
              return { ok: false, error: offer.status === 'accepted' || offer.status === 'taken' ? 'already_taken' : 'expired' };
            }
            // And the lead has one owner: with several open offers (broadcast) only the first accept
            // finds it unowned; across processes this update is what decides.
            const owned = q.ownLead.get({ lead: offer.leadId, rep: repId, now });
            if (!owned) throw new LostRace();
            const repName = q.user.get({ id: repId })!.name;
            const plan = rules.planAccept({ ...owned, stage: owned.stage as Stage }, { repId, repName, offerId, now });
            const others = ctx.execute(tx, owned, plan, now);
            return { ok: true, leadId: owned.id, workspaceId: owned.workspaceId, repName, otherOffers: others };
          },
        });
      } catch (err) {
        if (err instanceof LostRace) return { ok: false, error: 'already_taken' };
        throw err;
      }
    },

    async declineOffer(offerId, repId, reason, now) {
      return db.transaction((tx) => {
        // The claim: only an offer still open can be declined, once.
        const offer = tx
          .update(t.offers)
          .set({ status: 'declined', respondedAt: now, reason })
          .where(and(eq(t.offers.id, offerId), eq(t.offers.repId, repId), eq(t.offers.status, 'offered')))
          .returning()
          .get();
        if (!offer) return null;
        const repName = q.user.get({ id: repId })?.name ?? null;
        const decided = rules.planDecline(closedOfferLead(offer.leadId), { repId, repName, reason });
        ctx.execute(tx, { id: offer.leadId, workspaceId: offer.workspaceId }, decided.plan, now);
        return { offer: toOpen(offer), leadWaiting: decided.leadWaiting };
      });
    },

    async expireOffer(offerId, now) {
      return db.transaction((tx) => {
        // The claim: no row when it was answered or is not yet due.
        const offer = tx
          .update(t.offers)
          .set({ status: 'expired', respondedAt: now })
          .where(and(eq(t.offers.id, offerId), eq(t.offers.status, 'offered'), lte(t.offers.expiresAt, now)))
          .returning()
          .get();
        if (!offer) return null;
        const lead = reader.lead(offer.leadId)!;
        const rep = q.user.get({ id: offer.repId })!;
        const decided = rules.planExpiry(closedOfferLead(lead.id), rep, ctx.site(tx, lead.siteId).missedOffersBeforeAway);
        ctx.execute(tx, lead, decided.plan, now);
        return { offer: toOpen(offer), leadWaiting: decided.leadWaiting, away: decided.away };
      });
    },

    async openOffers() {
      return db.select().from(t.offers).where(eq(t.offers.status, 'offered')).all().map(toOpen);
    },

    async openOffersForRep(repId) {
      const ids = db
        .select({ id: t.offers.id })
        .from(t.offers)
        .where(and(eq(t.offers.repId, repId), eq(t.offers.status, 'offered')))
        .orderBy(asc(t.offers.offeredAt))
        .all();
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
      return q.callFacts.get({ id: offerId }) ?? null;
    },

    async waitingLeads(workspaceId, now) {
      return waitingIds(workspaceId, now);
    },

    async repStates(workspaceId, online) {
      return reader.reps(workspaceId, online);
    },

    async recordSlaBreach(leadId, now) {
      return db.transaction((tx) => {
        const lead = reader.lead(leadId);
        if (!lead || lead.slaDueAt === null) return null;
        const recorded = tx
          .select({ id: t.slaBreaches.id })
          .from(t.slaBreaches)
          .where(and(eq(t.slaBreaches.leadId, leadId), eq(t.slaBreaches.dueAt, lead.slaDueAt)))
          .get();
        const offers = tx
          .select({ repId: t.offers.repId, status: t.offers.status, offeredAt: t.offers.offeredAt })
          .from(t.offers)
          .where(eq(t.offers.leadId, leadId))
          .all() as Array<{ repId: string; status: OfferStatus; offeredAt: number }>;
        const decided = rules.planSlaBreach(lead, { recorded: recorded !== undefined, offers, slaMs: ctx.site(tx, lead.siteId).slaMs }, now);
        if (!decided) return null;
        ctx.execute(tx, lead, decided.plan, now);
        return decided.breach;
      });
    },

    async pendingSla() {
      return db
        .select({ leadId: t.leads.id, dueAt: t.leads.slaDueAt })
        .from(t.leads)
        .where(
          and(
            isNotNull(t.leads.slaDueAt),
            isNull(t.leads.acceptedAt),
            ne(t.leads.routing, 'closed'),
            notExists(
              db
                .select({ id: t.slaBreaches.id })
                .from(t.slaBreaches)
                .where(and(eq(t.slaBreaches.leadId, t.leads.id), eq(t.slaBreaches.dueAt, t.leads.slaDueAt))),
            ),
          ),
        )
        .all()
        .map((r) => ({ leadId: r.leadId, dueAt: r.dueAt ?? 0 }));
    },

    async visitorFacts(leadId) {
      const lead = reader.lead(leadId);
      if (!lead) return null;
      const owner = lead.ownerId ? q.user.get({ id: lead.ownerId }) : undefined;
      const ending = q.endingUrl.get({ site: lead.siteId });
      const call = lead.talk === 'browser' && lead.ownerId ? q.acceptedOffer.get({ lead: leadId, rep: lead.ownerId }) : undefined;
      return visitorFactsOf(lead, ctx.site(db, lead.siteId), owner?.name ?? null, ending?.url ?? null, reader.offeredTo(leadId), call?.id ?? null);
    },

    async scheduleCallback(leadId, slotAt, now) {
      return db.transaction((tx) => {
        const lead = reader.lead(leadId);
        if (!lead) return false;
        const plan = rules.planBooking(lead, slotAt, ctx.site(tx, lead.siteId).slaMs);
        if (!plan) return false;
        ctx.execute(tx, lead, plan, now);
        return true;
      });
    },

    async warmLeads(workspaceId, limit) {
      const leads = db
        .select()
        .from(t.leads)
        .where(and(eq(t.leads.workspaceId, workspaceId), eq(t.leads.stage, 'mql'), eq(t.leads.routing, 'closed'), isNull(t.leads.ownerId)))
        .orderBy(asc(t.leads.capturedAt))
        .limit(limit)
        .all();
      const none = new Set<string>();
      return leads.map((lead) => {
        const teams = rules.teamsOfLead(reader.snapshot(lead, none));
        return { leadId: lead.id, name: lead.name, score: lead.score, capturedAt: lead.capturedAt, teamId: teams?.[0]?.id ?? null };
      });
    },

    async dueWork(now, limit) {
      const offers = db
        .select()
        .from(t.offers)
        .where(and(eq(t.offers.status, 'offered'), lte(t.offers.expiresAt, now)))
        .orderBy(asc(t.offers.expiresAt))
        .limit(limit)
        .all()
        .map(toOpen);
      const sla = db
        .select({ leadId: t.leads.id })
        .from(t.leads)
        .where(
          and(
            // Only leads still looking for a rep: the routing index keeps this cheap as history grows.
            inArray(t.leads.routing, ['waiting', 'offered']),
            lte(t.leads.slaDueAt, now),
            isNull(t.leads.acceptedAt),
            notExists(
              db
                .select({ id: t.slaBreaches.id })
                .from(t.slaBreaches)
                .where(and(eq(t.slaBreaches.leadId, t.leads.id), eq(t.slaBreaches.dueAt, t.leads.slaDueAt))),
            ),
          ),
        )
        .orderBy(asc(t.leads.slaDueAt))
        .limit(limit)
        .all()
        .map((r) => r.leadId);
      const scheduled = db
        .select({ leadId: t.leads.id })
        .from(t.leads)
        .where(and(eq(t.leads.routing, 'scheduled'), lte(t.leads.scheduledFor, now)))
        .orderBy(asc(t.leads.scheduledFor))
        .limit(limit)
        .all()
        .map((r) => r.leadId);
      const followUps = db
        .select({ leadId: t.followUps.leadId })
        .from(t.followUps)
        .where(and(unsentFollowUp(), lte(t.followUps.dueAt, now)))
        .orderBy(asc(t.followUps.dueAt))
        .limit(limit)
        .all()
        .map((r) => r.leadId);
      return { offers, sla, scheduled, followUps };
    },

    async claimFollowUpNotice(leadId, now) {
      const rows = db
        .update(t.followUps)
        .set({ noticeSentAt: now })
        .where(and(eq(t.followUps.leadId, leadId), unsentFollowUp(), lte(t.followUps.dueAt, now)))
        .returning({ leadId: t.followUps.leadId, workspaceId: t.followUps.workspaceId, repId: t.followUps.repId, dueAt: t.followUps.dueAt })
        .all();
      return rows[0] ?? null;
    },

    async followUpNotices(leadId) {
      return db
        .select({ leadId: t.followUps.leadId, at: t.followUps.dueAt })
        .from(t.followUps)
        .where(and(unsentFollowUp(), leadId === undefined ? undefined : eq(t.followUps.leadId, leadId)))
        .orderBy(asc(t.followUps.dueAt))
        .all();
    },

    async claimManagerAlert(leadId, now) {
      return db.transaction((tx) => {
        const lead = tx
          .update(t.leads)
          .set({ managerAlertSentAt: now })
          .where(and(eq(t.leads.id, leadId), isNotNull(t.leads.managerAlertedAt), isNull(t.leads.managerAlertSentAt)))
          .returning({ id: t.leads.id, workspaceId: t.leads.workspaceId, name: t.leads.name })
          .get();
        if (!lead) return null;
        const managers = tx
          .select({ id: t.users.id, name: t.users.name, email: t.users.email })
          .from(t.users)
          .where(and(eq(t.users.workspaceId, lead.workspaceId), eq(t.users.active, true), inArray(t.users.role, [...ALERTED_ROLES])))
          .orderBy(asc(t.users.createdAt))
          .all();
        return { leadId: lead.id, workspaceId: lead.workspaceId, leadName: lead.name, managers };
      });
    },

    async pendingManagerAlerts(limit) {
      return db
        .select({ id: t.leads.id })
        .from(t.leads)
        .where(and(isNotNull(t.leads.managerAlertedAt), isNull(t.leads.managerAlertSentAt)))
        .limit(limit)
        .all()
        .map((r) => r.id);
    },

    async bookedCallbacks(workspaceId, limit) {
      const leads = db
        .select()
        .from(t.leads)
        .where(and(eq(t.leads.workspaceId, workspaceId), eq(t.leads.routing, 'scheduled')))
        .orderBy(asc(t.leads.scheduledFor), asc(t.leads.id))
        .limit(limit)
        .all();
      const none = new Set<string>();
      return leads.flatMap((lead) => {
        const card = ctx.card(db, lead.id, workspaceId);
        return card ? [bookedCallback(lead.scheduledFor ?? 0, card, rules.teamsOfLead(reader.snapshot(lead, none)))] : [];
      });
    },

    async scheduledLeads() {
      return db
        .select({ leadId: t.leads.id, at: t.leads.scheduledFor })
        .from(t.leads)
        .where(eq(t.leads.routing, 'scheduled'))
        .all()
        .map((r) => ({ leadId: r.leadId, at: r.at ?? 0 }));
    },
  };
}

/** An open follow-up whose "due" push is not sent yet. */
function unsentFollowUp() {
  return and(eq(t.followUps.status, 'open'), isNull(t.followUps.noticeSentAt));
}
