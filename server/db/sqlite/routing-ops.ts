// Routing's store operations: each runs in one transaction, applying the pure core's decision
// together with the routing trail, so what reps are told always matches committed rows.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gte, inArray, isNotNull, isNull, lte, max, ne, notExists, or, sql } from 'drizzle-orm';
import type { OfferView, Stage, VisitorStatus } from '../../../shared/api';
import { checkTransition } from '../../../shared/lifecycle';
import { teamsOfLead } from '../../routing/lead-teams.core';
import { matchRule } from '../../routing/match-rule.core';
import { slaBreachCause } from '../../routing/sla-cause.core';
import { BEHAVIOUR, planTurnedHot } from '../../routing/turn-hot.core';
import { QUEUE_TEXT, SLA_TEXT } from '../../routing/routing-text';
import type { QueueReason, RoutingPlan, RoutingSnapshot } from '../../routing/routing.types';
import * as a from '../admin-schema';
import * as t from '../schema';
import type { AcceptResult, DecideRouting, OpenOffer, RouteResult, SlaBreach } from '../store';
import type { RoutingOps } from '../op-types';
import type { RouteIn } from './capture-ops';
import {
  bookedCallback,
  escalationLines,
  FALLBACK_RULE_ID,
  LostRace,
  missedAwayReason,
  offeredColumns,
  offeredLine,
  routable,
  ruleLine,
  skipsLine,
  toOpen,
  visitorFactsOf,
  type TrailLine,
} from '../routing-rows';
import type { StoreContext, Tx } from './context';
import type { LeadRow } from './routing-snapshot';

/** The routing operations, and the one-lead pass a capture runs inside its own transaction (capture-ops.ts). */
export function routingOps(ctx: StoreContext): RoutingOps & { routeIn: RouteIn } {
  const { db, reader } = ctx;
  const ph = (name: string) => sql.placeholder(name);
  /** A placeholder where drizzle's types want an SQL value (update sets). */
  const val = (name: string) => sql`${sql.placeholder(name)}`;
  // The statements every routing step runs, prepared once.
  const q = {
    openOfferOfLead: db
      .select({ id: t.offers.id })
      .from(t.offers)
      .where(and(eq(t.offers.leadId, ph('lead')), eq(t.offers.status, 'offered')))
      .prepare(),
    release: db
      .update(t.leads)
      .set({ routing: 'waiting', queueReason: null })
      .where(and(eq(t.leads.id, ph('lead')), eq(t.leads.routing, 'offered')))
      .prepare(),
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
    endingUrl: db
      .select({ url: a.siteAppearance.endingUrl })
      .from(a.siteAppearance)
      .where(eq(a.siteAppearance.siteId, ph('site')))
      .prepare(),
    expire: db
      .update(t.offers)
      .set({ status: 'expired', respondedAt: val('now') })
      .where(and(eq(t.offers.id, ph('id')), eq(t.offers.status, 'offered'), lte(t.offers.expiresAt, ph('now'))))
      .prepare(),
    missed: db
      .update(t.users)
      .set({ missedInARow: val('missed') })
      .where(eq(t.users.id, ph('id')))
      .prepare(),
    insertOffer: db
      .insert(t.offers)
      .values({
        id: ph('id'),
        workspaceId: ph('ws'),
        leadId: ph('lead'),
        repId: ph('rep'),
        status: 'offered',
        offeredAt: ph('now'),
        expiresAt: ph('expiresAt'),
        step: ph('step'),
        ruleId: ph('rule'),
      })
      .prepare(),
    offeredTo: db
      .update(t.users)
      .set({ lastOfferedAt: val('now'), offerSeq: val('seq') })
      .where(eq(t.users.id, ph('id')))
      .prepare(),
    /** When the lead last went to nurture (for "returned from nurture after ..."). */
    nurturedAt: db
      .select({ at: max(t.stageChanges.at) })
      .from(t.stageChanges)
      .where(and(eq(t.stageChanges.leadId, ph('lead')), eq(t.stageChanges.toStage, 'nurture')))
      .prepare(),
  };

  function routeIn(tx: Tx, lead: LeadRow, now: number, online: ReadonlySet<string>, decide: DecideRouting): RouteResult {
    const snapshot = reader.snapshot(lead, online);
    return apply(tx, lead, snapshot, decide(snapshot), now);
  }

  /** Commits a plan: offers (or the queue reason), the trail, and the round-robin bookkeeping. */
  function apply(tx: Tx, lead: LeadRow, snapshot: RoutingSnapshot, plan: RoutingPlan, now: number): RouteResult {
    const ruleId = plan.rule.id ?? FALLBACK_RULE_ID;
    const ruleChanged = lead.ruleId !== ruleId;
    const names = new Map(snapshot.reps.map((r) => [r.repId, r.name]));
    const trail = (line: TrailLine | null) => {
      if (line) ctx.event(tx, lead, line.kind, line.text, now, line.data);
    };
    const trailRule = () => trail(ruleChanged ? ruleLine(plan, snapshot) : null);
    const trailSkips = () => trail(skipsLine(plan));

    if (plan.kind === 'wait') {
      if (ruleChanged || lead.queueReason !== plan.reason) {
        trailRule();
        trailSkips();
        ctx.event(tx, lead, 'queued', QUEUE_TEXT[plan.reason], now, { reason: plan.reason });
      }
      tx.update(t.leads).set({ routing: 'waiting', queueReason: plan.reason, ruleId }).where(eq(t.leads.id, lead.id)).run();
      return { leadId: lead.id, workspaceId: lead.workspaceId, offers: [], queueReason: plan.reason, wakeAt: plan.wakeAt, slaDueAt: lead.slaDueAt };
    }

    trailRule();
    for (const line of escalationLines(plan, snapshot)) trail(line);
    trailSkips();
    const site = ctx.site(tx, lead.siteId);
    // Round robin's order: one workspace-wide sequence, so equal timestamps still rotate.
    let seq = Math.max(0, ...snapshot.reps.map((r) => r.offerSeq ?? 0));
    const offers: OpenOffer[] = [];
    for (const repId of plan.repIds) {
      const offer: OpenOffer = { id: randomUUID(), leadId: lead.id, repId, workspaceId: lead.workspaceId, expiresAt: now + site.offerTimeoutMs };
      q.insertOffer.run({
        id: offer.id,
        ws: offer.workspaceId,
        lead: offer.leadId,
        rep: repId,
        now,
        expiresAt: offer.expiresAt,
        step: plan.step,
        rule: plan.rule.id,
      });
      q.offeredTo.run({ now, seq: ++seq, id: repId });
      trail(offeredLine(plan, repId, names.get(repId), offer.id));
      offers.push(offer);
    }
    if (plan.pass) {
      tx.update(t.teams).set({ vtime: plan.pass.vtime }).where(eq(t.teams.id, plan.pass.teamId)).run();
      tx.update(t.teamMembers)
        .set({ pass: plan.pass.pass })
        .where(and(eq(t.teamMembers.teamId, plan.pass.teamId), eq(t.teamMembers.repId, plan.pass.repId)))
        .run();
    }
    tx.update(t.leads)
      .set(offeredColumns(plan, ruleId, now, t.leads.firstOfferedAt))
      .where(eq(t.leads.id, lead.id))
      .run();
    return { leadId: lead.id, workspaceId: lead.workspaceId, offers, queueReason: null, wakeAt: null, slaDueAt: lead.slaDueAt };
  }

  /** Closes an offer's lead back to `waiting` when no other offer of it is open. */
  function releaseLead(leadId: string): boolean {
    if (q.openOfferOfLead.get({ lead: leadId })) return false;
    return q.release.run({ lead: leadId }).changes === 1;
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

    async markHot(leadId, now, hand = BEHAVIOUR) {
      return db.transaction((tx) => {
        const lead = tx.select().from(t.leads).where(eq(t.leads.id, leadId)).get();
        if (!lead) return false;
        const nurturedAt = lead.stage === 'nurture' ? (q.nurturedAt.get({ lead: leadId })?.at ?? null) : null;
        const plan = planTurnedHot({ ...lead, stage: lead.stage as Stage }, hand, { now, slaMs: ctx.site(tx, lead.siteId).slaMs, nurturedAt });
        if (plan.kind === 'skip' || plan.kind === 'waiting') return plan.kind === 'waiting';
        if (Object.keys(plan.columns).length) tx.update(t.leads).set(plan.columns).where(eq(t.leads.id, leadId)).run();
        for (const m of plan.moves) {
          tx.insert(t.stageChanges)
            .values({ workspaceId: lead.workspaceId, leadId, fromStage: m.from, toStage: m.to, actor: m.actor, reason: m.reason, at: now })
            .run();
        }
        for (const line of plan.trail) ctx.event(tx, lead, line.kind, line.text, now, line.data);
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
        for (const id of waitingIds(workspaceId, now)) {
          const lead = reader.lead(id);
          if (lead && routable(lead, now)) results.push(routeIn(tx, lead, now, online, decide));
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

    async routingSnapshot(leadId, online) {
      const lead = db.select().from(t.leads).where(eq(t.leads.id, leadId)).get();
      return lead ? reader.snapshot(lead, online) : null;
    },

    async acceptOffer(offerId, repId, now): Promise<AcceptResult> {
      try {
        return db.transaction((tx): AcceptResult => {
          const offer = tx.select().from(t.offers).where(eq(t.offers.id, offerId)).get();
          if (!offer || offer.repId !== repId) return { ok: false, error: 'not_found' };
          // The conditional update is the lock: only one accept can move the offer out of `offered`.
          const won = tx
            .update(t.offers)
            .set({ status: 'accepted', respondedAt: now })
            .where(and(eq(t.offers.id, offerId), eq(t.offers.status, 'offered'), sql`${t.offers.expiresAt} > ${now}`))
            .run();
          if (won.changes !== 1) {
            return { ok: false, error: offer.status === 'accepted' || offer.status === 'taken' ? 'already_taken' : 'expired' };
          }
          // And the lead has one owner: with several open offers (broadcast) only the first accept
          // finds it unowned; across processes this update is what decides.
          const owned = tx
            .update(t.leads)
            .set({ routing: 'owned', ownerId: repId, acceptedAt: now, queueReason: null })
            .where(and(eq(t.leads.id, offer.leadId), isNull(t.leads.ownerId)))
            .run();
          if (owned.changes !== 1) throw new LostRace();
          const lead = tx.select().from(t.leads).where(eq(t.leads.id, offer.leadId)).get()!;
          const rep = tx.select({ name: t.users.name }).from(t.users).where(eq(t.users.id, repId)).get()!;
          tx.update(t.users).set({ missedInARow: 0 }).where(eq(t.users.id, repId)).run();
          const secs = Math.round((now - (lead.hotAt ?? lead.capturedAt)) / 1000);
          ctx.event(tx, lead, 'accepted', `Accepted by ${rep.name} (${secs} s after the hand-raise)`, now, { repId, offerId });
          if (checkTransition(lead.stage as Stage, 'sal', null).ok) ctx.moveStage(tx, lead, 'sal', repId, null, now);
          const others = tx
            .select()
            .from(t.offers)
            .where(and(eq(t.offers.leadId, lead.id), eq(t.offers.status, 'offered')))
            .all();
          tx.update(t.offers)
            .set({ status: 'taken', respondedAt: now })
            .where(and(eq(t.offers.leadId, lead.id), eq(t.offers.status, 'offered')))
            .run();
          return { ok: true, leadId: lead.id, workspaceId: lead.workspaceId, repName: rep.name, otherOffers: others.map(toOpen) };
        });
      } catch (err) {
        if (err instanceof LostRace) return { ok: false, error: 'already_taken' };
        throw err;
      }
    },

    async declineOffer(offerId, repId, reason, now) {
      return db.transaction((tx) => {
        const offer = tx
          .select()
          .from(t.offers)
          .where(and(eq(t.offers.id, offerId), eq(t.offers.repId, repId)))
          .get();
        if (!offer) return null;
        const done = tx
          .update(t.offers)
          .set({ status: 'declined', respondedAt: now, reason })
          .where(and(eq(t.offers.id, offerId), eq(t.offers.status, 'offered')))
          .run();
        if (done.changes !== 1) return null;
        // A decline is an answer: the rep is not missing offers.
        tx.update(t.users).set({ missedInARow: 0 }).where(eq(t.users.id, repId)).run();
        const rep = tx.select({ name: t.users.name }).from(t.users).where(eq(t.users.id, repId)).get();
        ctx.event(
          tx,
          { id: offer.leadId, workspaceId: offer.workspaceId },
          'declined',
          `Declined by ${rep?.name ?? 'a rep'}${reason ? `: ${reason}` : ''}`,
          now,
          { repId, reason },
        );
        return { offer: toOpen(offer), leadWaiting: releaseLead(offer.leadId) };
      });
    },

    async expireOffer(offerId, now) {
      return db.transaction((tx) => {
        const offer = q.offer.get({ id: offerId });
        if (!offer) return null;
        if (q.expire.run({ id: offerId, now }).changes !== 1) return null;
        const lead = reader.lead(offer.leadId)!;
        const rep = q.user.get({ id: offer.repId })!;
        ctx.event(tx, lead, 'expired', `${rep.name} did not accept in time`, now, { repId: rep.id });
        const k = ctx.site(tx, lead.siteId).missedOffersBeforeAway;
        const missed = rep.missedInARow + 1;
        let away: { reason: string } | null = null;
        if (k > 0 && missed >= k) {
          away = { reason: missedAwayReason(missed) };
          tx.update(t.users).set({ presence: 'away', awayReason: away.reason, missedInARow: 0 }).where(eq(t.users.id, rep.id)).run();
          ctx.event(tx, lead, 'away', `${rep.name} set away after ${missed} missed offers in a row`, now, { repId: rep.id });
        } else {
          q.missed.run({ missed, id: rep.id });
        }
        return { offer: toOpen(offer), leadWaiting: releaseLead(offer.leadId), away };
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
      return ids.map((o) => ctx.offerView(db, o.id)).filter((o): o is OfferView => o !== null);
    },

    async offerView(offerId) {
      return ctx.offerView(db, offerId);
    },

    async waitingLeads(workspaceId, now) {
      return waitingIds(workspaceId, now);
    },

    async repStates(workspaceId, online) {
      return reader.reps(workspaceId, online);
    },

    async recordSlaBreach(leadId, now) {
      return db.transaction((tx): SlaBreach | null => {
        const lead = tx.select().from(t.leads).where(eq(t.leads.id, leadId)).get();
        if (!lead || lead.slaDueAt === null || now < lead.slaDueAt) return null;
        if (lead.routing === 'closed' || lead.routing === 'scheduled') return null;
        if (lead.acceptedAt !== null && lead.acceptedAt <= lead.slaDueAt) return null;
        const seen = tx
          .select({ id: t.slaBreaches.id })
          .from(t.slaBreaches)
          .where(and(eq(t.slaBreaches.leadId, leadId), eq(t.slaBreaches.dueAt, lead.slaDueAt)))
          .get();
        if (seen) return null;
        const site = ctx.site(tx, lead.siteId);
        const offers = tx
          .select({ repId: t.offers.repId, status: t.offers.status, offeredAt: t.offers.offeredAt })
          .from(t.offers)
          .where(and(eq(t.offers.leadId, leadId), gte(t.offers.offeredAt, lead.slaDueAt - site.slaMs)))
          .all();
        const cause = slaBreachCause(offers, lead.queueReason as QueueReason | null);
        const breach: SlaBreach = { leadId, workspaceId: lead.workspaceId, siteId: lead.siteId, dueAt: lead.slaDueAt, cause, at: now };
        tx.insert(t.slaBreaches).values(breach).run();
        tx.insert(t.outbox)
          .values({ workspaceId: lead.workspaceId, topic: 'lead.sla_breached', payload: JSON.stringify(breach), createdAt: now })
          .run();
        ctx.event(tx, lead, 'sla_breached', `SLA missed: no rep accepted within ${Math.round(site.slaMs / 1000)} s (${SLA_TEXT[cause]})`, now, { cause });
        return breach;
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
      return visitorFactsOf(lead, ctx.site(db, lead.siteId), owner?.name ?? null, ending?.url ?? null);
    },

    async scheduleCallback(leadId, slotAt, now) {
      return db.transaction((tx) => {
        const lead = tx
          .select()
          .from(t.leads)
          .where(and(eq(t.leads.id, leadId), eq(t.leads.routing, 'waiting')))
          .get();
        if (!lead) return false;
        const site = ctx.site(tx, lead.siteId);
        tx.update(t.leads)
          .set({ routing: 'scheduled', scheduledFor: slotAt, slaDueAt: slotAt + site.slaMs, queueReason: null, roundStartedAt: slotAt })
          .where(eq(t.leads.id, leadId))
          .run();
        ctx.event(tx, lead, 'scheduled', `Visitor asked to be called at ${new Date(slotAt).toISOString()}`, now, { at: slotAt });
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
        const s = reader.snapshot(lead, none);
        const rule = matchRule(s.rules, s.lead);
        return {
          leadId: lead.id,
          name: lead.name,
          score: lead.score,
          capturedAt: lead.capturedAt,
          teamId: rule && s.teams.has(rule.teamId) ? rule.teamId : null,
        };
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
      return { offers, sla, scheduled };
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
        return card ? [bookedCallback(lead.scheduledFor ?? 0, card, teamsOfLead(reader.snapshot(lead, none)))] : [];
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
