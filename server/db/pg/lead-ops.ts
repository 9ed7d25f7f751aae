// Lead operations on PostgreSQL: the rep's view of their leads, call
// attempts and outcomes (with the follow-up cadence), follow-up tasks. The twin of
// sqlite/lead-ops.ts; writes that touch routing state hold the workspace's lock.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { LeadCard, MyLeadRow, Stage } from '../../../shared/api';
import type { Hours } from '../../routing/routing.types';
import { WEEKDAYS_9_TO_5 } from '../../routing/routing-defaults';
import type { LeadOps } from '../op-types';
import { parseJson } from '../rows';
import { DEFAULT_CURRENCY } from '../../../shared/money';
import type { OutcomeActor, OutcomeRefusal, OutcomeRequest } from '../../routing/plan-outcome.core';
import { eventRow, stageChangeRow, type StoreContext } from './context';
import { executePlan } from './execute-plan';
import { lockWorkspace } from './locks';
import type { PgTx } from './open';
import * as t from './schema';
import { writeTogether } from './write-together';

/** A logged outcome: the lead's card and owner, a refusal, or null for no such lead. */
type Logged = { card: LeadCard; ownerId: string | null } | OutcomeRefusal | null;

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

  /** One outcome, the rep's or a CRM's: read, plan (routing/plan-outcome.core.ts), execute, in one transaction. */
  async function logOutcome(leadId: string, workspaceId: string, input: OutcomeRequest, actor: OutcomeActor, now: number): Promise<Logged> {
    return db.transaction(async (tx) => {
      await lockWorkspace(tx, workspaceId);
      const [lead] = await tx
        .select()
        .from(t.leads)
        .where(and(eq(t.leads.id, leadId), eq(t.leads.workspaceId, workspaceId)));
      if (!lead) return null;
      const [ws] = await tx.select({ currency: t.workspaces.currency }).from(t.workspaces).where(eq(t.workspaces.id, workspaceId));
      const site = await ctx.site(tx, lead.siteId);
      const decided = ctx.rules.planOutcome({ ...lead, stage: lead.stage as Stage }, input, {
        actor,
        currency: ws?.currency ?? DEFAULT_CURRENCY,
        cadence: site.followUpCadence,
        hours: actor.kind === 'rep' ? await repHours(tx, actor.userId) : WEEKDAYS_9_TO_5,
        now,
      });
      if (!decided.ok) return decided.refusal;
      // One statement: the lead's columns (its final stage and deal included), the record of each move,
      // the note, the trail lines in order, the open follow-up closed and the next one planned.
      await executePlan(tx, lead, ctx.rules.outcomeWrites(decided.plan, randomUUID), now, ctx.rules.funnelStages);
      return { card: (await ctx.card(tx, leadId, workspaceId))!, ownerId: lead.ownerId };
    });
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
        // The lock makes the first call's check and write one step across processes.
        await lockWorkspace(tx, workspaceId);
        const [lead] = await tx
          .select()
          .from(t.leads)
          .where(and(eq(t.leads.id, leadId), eq(t.leads.workspaceId, workspaceId), eq(t.leads.ownerId, userId)));
        if (!lead) return null;
        const plan = ctx.rules.planFirstCall(lead, now);
        if (plan) await executePlan(tx, lead, plan, now, ctx.rules.funnelStages);
        return ctx.card(tx, leadId, workspaceId);
      });
    },

    async recordOutcome(leadId, userId, workspaceId, input, now, manager = false) {
      const r = await logOutcome(leadId, workspaceId, input, { kind: 'rep', userId, manager }, now);
      return r && 'card' in r ? r.card : r;
    },

    async recordCrmOutcome(leadId, workspaceId, input, key, now) {
      return logOutcome(leadId, workspaceId, input, { kind: 'api_key', keyId: key.id, name: key.name }, now);
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
