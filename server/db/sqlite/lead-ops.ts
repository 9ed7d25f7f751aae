// Lead operations: the rep's view of their leads, call attempts and
// outcomes (with the follow-up cadence), follow-up tasks.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { LeadCard, MyLeadRow, Stage } from '../../../shared/api';
import type { Hours } from '../../routing/routing.types';
import * as t from '../schema';
import { WEEKDAYS_9_TO_5 } from '../../routing/routing-defaults';
import type { LeadOps } from '../op-types';
import type { StoreContext, Tx } from './context';
import { parseJson } from '../rows';
import { DEFAULT_CURRENCY } from '../../../shared/money';
import type { OutcomeActor, OutcomeRefusal, OutcomeRequest } from '../../routing/plan-outcome.core';

/** A logged outcome: the lead's card and owner, a refusal, or null for no such lead. */
type Logged = { card: LeadCard; ownerId: string | null } | OutcomeRefusal | null;

export function leadOps(ctx: StoreContext): LeadOps {
  const { db } = ctx;

  /** The hours whose business days count for a rep's follow-ups: their own, else their first team's. */
  function repHours(tx: Tx, repId: string): Hours {
    const rep = tx.select({ ownHours: t.users.ownHours }).from(t.users).where(eq(t.users.id, repId)).get();
    if (rep?.ownHours) return parseJson<Hours>(rep.ownHours, WEEKDAYS_9_TO_5);
    const team = tx
      .select({ hours: t.teams.hours })
      .from(t.teamMembers)
      .innerJoin(t.teams, eq(t.teams.id, t.teamMembers.teamId))
      .where(eq(t.teamMembers.repId, repId))
      .orderBy(asc(t.teams.createdAt))
      .get();
    return team ? parseJson<Hours>(team.hours, WEEKDAYS_9_TO_5) : WEEKDAYS_9_TO_5;
  }

  /** One outcome, the rep's or a CRM's: read, plan (routing/plan-outcome.core.ts), execute, in one transaction. */
  function logOutcome(leadId: string, workspaceId: string, input: OutcomeRequest, actor: OutcomeActor, now: number): Logged {
    return db.transaction((tx) => {
      const lead = tx
        .select()
        .from(t.leads)
        .where(and(eq(t.leads.id, leadId), eq(t.leads.workspaceId, workspaceId)))
        .get();
      if (!lead) return null;
      const ws = tx.select({ currency: t.workspaces.currency }).from(t.workspaces).where(eq(t.workspaces.id, workspaceId)).get();
      const decided = ctx.rules.planOutcome({ ...lead, stage: lead.stage as Stage }, input, {
        actor,
        currency: ws?.currency ?? DEFAULT_CURRENCY,
        cadence: ctx.site(tx, lead.siteId).followUpCadence,
        hours: actor.kind === 'rep' ? repHours(tx, actor.userId) : WEEKDAYS_9_TO_5,
        now,
      });
      if (!decided.ok) return decided.refusal;
      ctx.execute(tx, lead, ctx.rules.outcomeWrites(decided.plan, randomUUID), now);
      return { card: ctx.card(tx, leadId, workspaceId)!, ownerId: lead.ownerId };
    });
  }

  return {
    async leadCard(leadId, workspaceId) {
      return ctx.card(db, leadId, workspaceId);
    },

    async leadWorkspace(leadId) {
      return db.select({ w: t.leads.workspaceId }).from(t.leads).where(eq(t.leads.id, leadId)).get()?.w ?? null;
    },

    async myLeads(repId): Promise<MyLeadRow[]> {
      return db
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
        .orderBy(desc(t.leads.acceptedAt))
        .limit(200)
        .all() as MyLeadRow[];
    },

    async recordCallAttempt(leadId, userId, workspaceId, now) {
      return db.transaction((tx) => {
        const lead = tx
          .select()
          .from(t.leads)
          .where(and(eq(t.leads.id, leadId), eq(t.leads.workspaceId, workspaceId), eq(t.leads.ownerId, userId)))
          .get();
        if (!lead) return null;
        const plan = ctx.rules.planFirstCall(lead, now);
        if (plan) ctx.execute(tx, lead, plan, now);
        return ctx.card(tx, leadId, workspaceId);
      });
    },

    async recordOutcome(leadId, userId, workspaceId, input, now, manager = false) {
      const r = logOutcome(leadId, workspaceId, input, { kind: 'rep', userId, manager }, now);
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
        .orderBy(asc(t.followUps.dueAt))
        .all();
    },
  };
}
