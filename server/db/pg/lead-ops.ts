// Lead operations on PostgreSQL: the rep's view of their leads, call
// attempts and outcomes (with the follow-up cadence), follow-up tasks. The twin of
// sqlite/lead-ops.ts; writes that touch routing state hold the workspace's lock.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { MyLeadRow, Stage } from '../../../shared/api';
import { planOutcome } from '../../routing/plan-outcome.core';
import type { Hours } from '../../routing/routing.types';
import { WEEKDAYS_9_TO_5 } from '../lead-rows';
import type { LeadOps } from '../op-types';
import { parseJson } from '../rows';
import { eventRow, stageChangeRow, type StoreContext } from './context';
import { lockWorkspace } from './locks';
import type { PgTx } from './open';
import * as t from './schema';
import { writeTogether } from './write-together';

export function leadOps(ctx: StoreContext): LeadOps {
  const { db } = ctx;

  /** The hours whose business days count for a rep's follow-ups: their own, else their first team's. */
  async function repHours(tx: PgTx, repId: string): Promise<Hours> {
    const [rep] = await tx.select({ ownHours: t.users.ownHours }).from(t.users).where(eq(t.users.id, repId));
    if (rep?.ownHours) return parseJson<Hours>(rep.ownHours, WEEKDAYS_9_TO_5);
    const [team] = await tx
      .select({ hours: t.teams.hours })
      .from(t.teamMembers)
      .innerJoin(t.teams, eq(t.teams.id, t.teamMembers.teamId))
      .where(eq(t.teamMembers.repId, repId))
      .orderBy(asc(t.teams.createdAt))
      .limit(1);
    return team ? parseJson<Hours>(team.hours, WEEKDAYS_9_TO_5) : WEEKDAYS_9_TO_5;
  }

  /** Closes the lead's open follow-up (a write to send with others). */
  function closeFollowUps(tx: PgTx, leadId: string, status: 'done' | 'cancelled', now: number) {
    return tx
      .update(t.followUps)
      .set({ status, closedAt: now })
      .where(and(eq(t.followUps.leadId, leadId), eq(t.followUps.status, 'open')));
  }

  return {
    async leadCard(leadId, workspaceId) {
      return ctx.card(db, leadId, workspaceId);
    },

    async leadWorkspace(leadId) {
      const [row] = await db.select({ w: t.leads.workspaceId }).from(t.leads).where(eq(t.leads.id, leadId));
      return row?.w ?? null;
    },

    async myLeads(repId): Promise<MyLeadRow[]> {
      return (
        (await db
          .select({
            id: t.leads.id,
            name: t.leads.name,
            phone: t.leads.phone,
            stage: t.leads.stage,
            capturedAt: t.leads.capturedAt,
            acceptedAt: t.leads.acceptedAt,
            outcome: t.leads.outcome,
          })
          .from(t.leads)
          .where(eq(t.leads.ownerId, repId))
          // As SQLite orders them: PostgreSQL would put leads never accepted first.
          .orderBy(sql`${t.leads.acceptedAt} desc nulls last`)
          .limit(200)) as MyLeadRow[]
      );
    },

    async recordCallAttempt(leadId, userId, workspaceId, now) {
      return db.transaction(async (tx) => {
        const [lead] = await tx
          .select()
          .from(t.leads)
          .where(and(eq(t.leads.id, leadId), eq(t.leads.workspaceId, workspaceId), eq(t.leads.ownerId, userId)));
        if (!lead) return null;
        // Conditional, so two processes logging the same first call write its event once.
        const first = await tx
          .update(t.leads)
          .set({ firstCallAt: now })
          .where(and(eq(t.leads.id, leadId), isNull(t.leads.firstCallAt)))
          .returning({ id: t.leads.id });
        if (first.length) await ctx.event(tx, lead, 'call', 'First call attempt', now);
        return ctx.card(tx, leadId, workspaceId);
      });
    },

    async recordOutcome(leadId, userId, workspaceId, input, now) {
      return db.transaction(async (tx) => {
        await lockWorkspace(tx, workspaceId);
        const [lead] = await tx
          .select()
          .from(t.leads)
          .where(and(eq(t.leads.id, leadId), eq(t.leads.workspaceId, workspaceId)));
        if (!lead) return null;
        const site = await ctx.site(tx, lead.siteId);
        const decided = planOutcome({ ...lead, stage: lead.stage as Stage }, input, {
          userId,
          cadence: site.followUpCadence,
          hours: await repHours(tx, userId),
          now,
        });
        if (!decided.ok) return decided.refusal;
        const { plan } = decided;
        // One statement: the lead's columns (its final stage included), the record of each move,
        // the note, the trail lines in order, the open follow-up closed and the next one planned.
        // The follow-up close and insert touch different rows: the insert is open, the close
        // only sees rows that were open when the statement began.
        const next = plan.nextFollowUp;
        await writeTogether(tx, [
          tx.update(t.leads).set(plan.columns).where(eq(t.leads.id, leadId)),
          ...plan.moves.map((m) => tx.insert(t.stageChanges).values(stageChangeRow({ ...lead, stage: m.from }, m.to, m.actor, m.reason, now))),
          ...(plan.note ? [tx.insert(t.leadNotes).values({ workspaceId, leadId, authorId: userId, text: plan.note, at: now })] : []),
          tx.insert(t.leadEvents).values(plan.trail.map((line) => eventRow(lead, line, now))),
          closeFollowUps(tx, leadId, plan.closeFollowUps, now),
          ...(next
            ? [
                tx
                  .insert(t.followUps)
                  .values({ id: randomUUID(), workspaceId, leadId, repId: userId, attempt: next.attempt, dueAt: next.dueAt, status: 'open', createdAt: now }),
              ]
            : []),
        ]);
        return ctx.card(tx, leadId, workspaceId);
      });
    },

    async followUps(repId) {
      return db
        .select({
          id: t.followUps.id,
          leadId: t.followUps.leadId,
          leadName: t.leads.name,
          phone: t.leads.phone,
          attempt: t.followUps.attempt,
          dueAt: t.followUps.dueAt,
        })
        .from(t.followUps)
        .innerJoin(t.leads, eq(t.leads.id, t.followUps.leadId))
        .where(and(eq(t.followUps.repId, repId), eq(t.followUps.status, 'open')))
        .orderBy(asc(t.followUps.dueAt));
    },
  };
}
