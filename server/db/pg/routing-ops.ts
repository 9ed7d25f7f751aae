// Routing's store operations over PostgreSQL, the twin of sqlite/routing-ops.ts. Each runs in
// one transaction that first takes its workspace's advisory lock (locks.ts), so routing
// decisions of a workspace are serialized across every process as SQLite's single writer
// serializes them in one. The lock comes before any read the decision depends on: under READ
// COMMITTED each statement after it sees everything committed before it was granted.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lte, max, ne, notExists, or, sql } from 'drizzle-orm';
import type { OfferView, Stage, VisitorStatus } from '../../../shared/api';
import { checkTransition } from '../../../shared/lifecycle';
import { teamsOfLead } from '../../routing/lead-teams.core';
import { matchRule } from '../../routing/match-rule.core';
import { slaBreachCause } from '../../routing/sla-cause.core';
import { BEHAVIOUR, planTurnedHot } from '../../routing/turn-hot.core';
import { QUEUE_TEXT, SLA_TEXT } from '../../routing/routing-text';
import type { QueueReason, RoutingPlan, RoutingSnapshot } from '../../routing/routing.types';
import type { AcceptResult, BookedCallback, DecideRouting, OpenOffer, RouteResult, SlaBreach, TeamWarmLead } from '../store';
import type { RoutingOps } from '../op-types';
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
import { eventRow, stageChangeRow, stageWrites, type StoreContext } from './context';
import { decodeRow } from './decode-row';
import { lockWorkspace, lockWorkspaceOf } from './locks';
import type { PgConn, PgTx } from './open';
import type { LeadRow } from './routing-snapshot';
import * as a from './admin-schema';
import * as t from './schema';
import { writeTogether } from './write-together';

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

export function routingOps(ctx: StoreContext): RoutingOps {
  const { db, reader } = ctx;

  async function routeIn(tx: PgTx, lead: LeadRow, now: number, online: ReadonlySet<string>, decide: DecideRouting): Promise<RouteResult> {
    const snapshot = await reader.snapshot(tx, lead, online);
    return apply(tx, lead, snapshot, decide(snapshot), now);
  }

  /**
   * Commits a plan: offers (or the queue reason), the trail, and the round-robin bookkeeping, in
   * one statement. Each table is written once: the trail lines in one multi-row insert (in order,
   * so their ids keep it), every offer in another.
   */
  async function apply(tx: PgTx, lead: LeadRow, snapshot: RoutingSnapshot, plan: RoutingPlan, now: number): Promise<RouteResult> {
    const ruleId = plan.rule.id ?? FALLBACK_RULE_ID;
    const ruleChanged = lead.ruleId !== ruleId;
    const names = new Map(snapshot.reps.map((r) => [r.repId, r.name]));
    const rule = ruleChanged ? ruleLine(plan, snapshot) : null;
    const skips = skipsLine(plan);
    const trail = (lines: Array<TrailLine | null>) => {
      const rows = lines.filter((l): l is TrailLine => l !== null).map((l) => eventRow(lead, l, now));
      return rows.length ? [tx.insert(t.leadEvents).values(rows)] : [];
    };

    if (plan.kind === 'wait') {
      const queued = ruleChanged || lead.queueReason !== plan.reason;
      await writeTogether(tx, [
        ...trail(queued ? [rule, skips, { kind: 'queued', text: QUEUE_TEXT[plan.reason], data: { reason: plan.reason } }] : []),
        tx.update(t.leads).set({ routing: 'waiting', queueReason: plan.reason, ruleId }).where(eq(t.leads.id, lead.id)),
      ]);
      return { leadId: lead.id, workspaceId: lead.workspaceId, offers: [], queueReason: plan.reason, wakeAt: plan.wakeAt, slaDueAt: lead.slaDueAt };
    }

    const site = await ctx.site(tx, lead.siteId);
    const offers: OpenOffer[] = plan.repIds.map((repId) => ({
      id: randomUUID(),
      leadId: lead.id,
      repId,
      workspaceId: lead.workspaceId,
      expiresAt: now + site.offerTimeoutMs,
    }));
    // Round robin's order: one workspace-wide sequence, so equal timestamps still rotate; each
    // rep offered takes the next number, in plan order.
    const seq = Math.max(0, ...snapshot.reps.map((r) => r.offerSeq ?? 0));
    const seqOf = sql.join(
      plan.repIds.map((repId, i) => sql`when ${repId} then ${seq + i + 1}::bigint`),
      sql` `,
    );
    await writeTogether(tx, [
      ...trail([rule, ...escalationLines(plan, snapshot), skips, ...offers.map((o) => offeredLine(plan, o.repId, names.get(o.repId), o.id))]),
      ...(offers.length
        ? [
            tx.insert(t.offers).values(
              offers.map((o) => ({
                id: o.id,
                workspaceId: o.workspaceId,
                leadId: o.leadId,
                repId: o.repId,
                status: 'offered' as const,
                offeredAt: now,
                expiresAt: o.expiresAt,
                step: plan.step,
                ruleId: plan.rule.id,
              })),
            ),
            tx
              .update(t.users)
              .set({ lastOfferedAt: now, offerSeq: sql`case ${t.users.id} ${seqOf} end` })
              .where(inArray(t.users.id, plan.repIds)),
          ]
        : []),
      ...(plan.pass
        ? [
            tx.update(t.teams).set({ vtime: plan.pass.vtime }).where(eq(t.teams.id, plan.pass.teamId)),
            tx
              .update(t.teamMembers)
              .set({ pass: plan.pass.pass })
              .where(and(eq(t.teamMembers.teamId, plan.pass.teamId), eq(t.teamMembers.repId, plan.pass.repId))),
          ]
        : []),
      tx
        .update(t.leads)
        .set(offeredColumns(plan, ruleId, now, t.leads.firstOfferedAt))
        .where(eq(t.leads.id, lead.id)),
    ]);
    return { leadId: lead.id, workspaceId: lead.workspaceId, offers, queueReason: null, wakeAt: null, slaDueAt: lead.slaDueAt };
  }

  /** Closes an offer's lead back to `waiting` when no other offer of it is open. */
  async function releaseLead(tx: PgTx, leadId: string): Promise<boolean> {
    const [open] = await tx
      .select({ id: t.offers.id })
      .from(t.offers)
      .where(and(eq(t.offers.leadId, leadId), eq(t.offers.status, 'offered')))
      .limit(1);
    if (open) return false;
    const released = await tx
      .update(t.leads)
      .set({ routing: 'waiting', queueReason: null })
      .where(and(eq(t.leads.id, leadId), eq(t.leads.routing, 'offered')))
      .returning({ id: t.leads.id });
    return released.length === 1;
  }

  return {
    async markHot(leadId, now, hand = BEHAVIOUR) {
      return db.transaction(async (tx) => {
        if (!(await lockLeadWorkspace(tx, leadId))) return false;
        const lead = (await reader.lead(tx, leadId))!;
        const nurturedAt = lead.stage === 'nurture' ? await lastNurtured(tx, leadId) : null;
        const plan = planTurnedHot({ ...lead, stage: lead.stage as Stage }, hand, { now, slaMs: (await ctx.site(tx, lead.siteId)).slaMs, nurturedAt });
        if (plan.kind === 'skip' || plan.kind === 'waiting') return plan.kind === 'waiting';
        // One statement: the lead's columns, the record of each move and the trail lines in order.
        await writeTogether(tx, [
          ...(Object.keys(plan.columns).length ? [tx.update(t.leads).set(plan.columns).where(eq(t.leads.id, leadId))] : []),
          ...plan.moves.map((m) => tx.insert(t.stageChanges).values(stageChangeRow({ ...lead, stage: m.from }, m.to, m.actor, m.reason, now))),
          tx.insert(t.leadEvents).values(plan.trail.map((line) => eventRow(lead, line, now))),
        ]);
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
        for (const id of await waitingIds(tx, workspaceId, now)) {
          const lead = await reader.lead(tx, id);
          if (lead && routable(lead, now)) results.push(await routeIn(tx, lead, now, online, decide));
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
          // The conditional update is the decision: only one accept can move the offer out of
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
          const owned = await tx
            .update(t.leads)
            .set({ routing: 'owned', ownerId: repId, acceptedAt: now, queueReason: null })
            .where(and(eq(t.leads.id, offer.leadId), isNull(t.leads.ownerId)))
            .returning();
          const lead = owned[0];
          if (!lead) throw new LostRace();
          const repName = found.repName;
          const secs = Math.round((now - (lead.hotAt ?? lead.capturedAt)) / 1000);
          // The rest in one statement: the rep answered (missed count back to zero), the trail line,
          // the move to SAL where allowed (`owned` returned the row after the update; its stage is
          // unchanged by it), and the lead's other open offers taken.
          const others = await writeTogether(tx, [
            tx.update(t.users).set({ missedInARow: 0 }).where(eq(t.users.id, repId)),
            tx
              .insert(t.leadEvents)
              .values(eventRow(lead, { kind: 'accepted', text: `Accepted by ${repName} (${secs} s after the hand-raise)`, data: { repId, offerId } }, now)),
            ...(checkTransition(lead.stage as Stage, 'sal', null).ok ? stageWrites(tx, lead, 'sal', repId, null, now) : []),
            tx
              .update(t.offers)
              .set({ status: 'taken', respondedAt: now })
              .where(and(eq(t.offers.leadId, lead.id), eq(t.offers.status, 'offered')))
              .returning(),
          ]);
          return { ok: true, leadId: lead.id, workspaceId: lead.workspaceId, repName, otherOffers: others.map((o) => toOpen(decodeRow(t.offers, o))) };
        });
      } catch (err) {
        if (err instanceof LostRace) return { ok: false, error: 'already_taken' };
        throw err;
      }
    },

    async declineOffer(offerId, repId, reason, now) {
      return db.transaction(async (tx) => {
        if ((await lockWorkspaceOf(tx, t.offers, offerId)) === null) return null;
        const [offer] = await tx
          .update(t.offers)
          .set({ status: 'declined', respondedAt: now, reason })
          .where(and(eq(t.offers.id, offerId), eq(t.offers.repId, repId), eq(t.offers.status, 'offered')))
          .returning();
        if (!offer) return null;
        // A decline is an answer: the rep is not missing offers.
        const [rep] = await tx.update(t.users).set({ missedInARow: 0 }).where(eq(t.users.id, repId)).returning({ name: t.users.name });
        const lead = { id: offer.leadId, workspaceId: offer.workspaceId };
        await ctx.event(tx, lead, 'declined', `Declined by ${rep?.name ?? 'a rep'}${reason ? `: ${reason}` : ''}`, now, { repId, reason });
        return { offer: toOpen(offer), leadWaiting: await releaseLead(tx, offer.leadId) };
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
        await ctx.event(tx, lead, 'expired', `${rep!.name} did not accept in time`, now, { repId: rep!.id });
        const k = (await ctx.site(tx, lead.siteId)).missedOffersBeforeAway;
        const missed = rep!.missedInARow + 1;
        let away: { reason: string } | null = null;
        if (k > 0 && missed >= k) {
          away = { reason: missedAwayReason(missed) };
          await tx.update(t.users).set({ presence: 'away', awayReason: away.reason, missedInARow: 0 }).where(eq(t.users.id, rep!.id));
          await ctx.event(tx, lead, 'away', `${rep!.name} set away after ${missed} missed offers in a row`, now, { repId: rep!.id });
        } else {
          await tx.update(t.users).set({ missedInARow: missed }).where(eq(t.users.id, rep!.id));
        }
        return { offer: toOpen(offer), leadWaiting: await releaseLead(tx, offer.leadId), away };
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
      const views: OfferView[] = [];
      for (const o of ids) {
        const view = await ctx.offerView(db, o.id);
        if (view) views.push(view);
      }
      return views;
    },

    async offerView(offerId) {
      return ctx.offerView(db, offerId);
    },

    async waitingLeads(workspaceId, now) {
      return waitingIds(db, workspaceId, now);
    },

    async repStates(workspaceId, online) {
      return reader.reps(db, workspaceId, online);
    },

    async recordSlaBreach(leadId, now) {
      return db.transaction(async (tx): Promise<SlaBreach | null> => {
        if (!(await lockLeadWorkspace(tx, leadId))) return null;
        const lead = (await reader.lead(tx, leadId))!;
        if (lead.slaDueAt === null || now < lead.slaDueAt) return null;
        if (lead.routing === 'closed' || lead.routing === 'scheduled') return null;
        if (lead.acceptedAt !== null && lead.acceptedAt <= lead.slaDueAt) return null;
        const [seen] = await tx
          .select({ id: t.slaBreaches.id })
          .from(t.slaBreaches)
          .where(and(eq(t.slaBreaches.leadId, leadId), eq(t.slaBreaches.dueAt, lead.slaDueAt)));
        if (seen) return null;
        const site = await ctx.site(tx, lead.siteId);
        const offers = await tx
          .select({ repId: t.offers.repId, status: t.offers.status, offeredAt: t.offers.offeredAt })
          .from(t.offers)
          .where(and(eq(t.offers.leadId, leadId), gte(t.offers.offeredAt, lead.slaDueAt - site.slaMs)));
        const cause = slaBreachCause(offers, lead.queueReason as QueueReason | null);
        const breach: SlaBreach = { leadId, workspaceId: lead.workspaceId, siteId: lead.siteId, dueAt: lead.slaDueAt, cause, at: now };
        await tx.insert(t.slaBreaches).values(breach);
        await tx.insert(t.outbox).values({ workspaceId: lead.workspaceId, topic: 'lead.sla_breached', payload: JSON.stringify(breach), createdAt: now });
        await ctx.event(tx, lead, 'sla_breached', `SLA missed: no rep accepted within ${Math.round(site.slaMs / 1000)} s (${SLA_TEXT[cause]})`, now, { cause });
        return breach;
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
      return visitorFactsOf(lead, await ctx.site(db, lead.siteId), owner?.name ?? null, ending?.url ?? null);
    },

    async scheduleCallback(leadId, slotAt, now) {
      return db.transaction(async (tx) => {
        if (!(await lockLeadWorkspace(tx, leadId))) return false;
        const lead = (await reader.lead(tx, leadId))!;
        if (lead.routing !== 'waiting') return false;
        const site = await ctx.site(tx, lead.siteId);
        await tx
          .update(t.leads)
          .set({ routing: 'scheduled', scheduledFor: slotAt, slaDueAt: slotAt + site.slaMs, queueReason: null, roundStartedAt: slotAt })
          .where(eq(t.leads.id, leadId));
        await ctx.event(tx, lead, 'scheduled', `Visitor asked to be called at ${new Date(slotAt).toISOString()}`, now, { at: slotAt });
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
        const s = await reader.snapshot(db, lead, none);
        const rule = matchRule(s.rules, s.lead);
        warm.push({
          leadId: lead.id,
          name: lead.name,
          score: lead.score,
          capturedAt: lead.capturedAt,
          teamId: rule && s.teams.has(rule.teamId) ? rule.teamId : null,
        });
      }
      return warm;
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
        if (card) booked.push(bookedCallback(lead.scheduledFor ?? 0, card, teamsOfLead(await reader.snapshot(db, lead, none))));
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
      return { offers: offers.map(toOpen), sla: sla.map((r) => r.leadId), scheduled: scheduled.map((r) => r.leadId) };
    },
  };

  /** The breach row of the lead's current SLA deadline, for `not exists`. */
  function breachOfDue() {
    return db
      .select({ id: t.slaBreaches.id })
      .from(t.slaBreaches)
      .where(and(eq(t.slaBreaches.leadId, t.leads.id), eq(t.slaBreaches.dueAt, t.leads.slaDueAt)));
  }
}
