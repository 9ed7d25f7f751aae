// Browser calls' records on PostgreSQL, the twin of sqlite/call-ops.ts. The workspace lock makes
// "the first report decides" one step across processes (as the first call attempt's check is).
import { eq } from 'drizzle-orm';
import type { CallRow } from '../../calls/plan-call-report.core';
import { talkOf } from '../routing-rows';
import type { CallOps } from '../op-types';
import { browserCalls } from './call-schema';
import type { StoreContext } from './context';
import { executePlan } from './execute-plan';
import { lockWorkspace } from './locks';
import type { PgTx } from './open';
import * as t from './schema';

export function callOps(ctx: StoreContext): CallOps {
  const { db } = ctx;

  /** The call's row, made (with its trail line) the first time it is asked for; null when the offer is no accepted browser call. */
  async function ensureCall(tx: PgTx, offerId: string, now: number): Promise<CallRow | null> {
    const [offer] = await tx.select().from(t.offers).where(eq(t.offers.id, offerId));
    if (!offer) return null;
    await lockWorkspace(tx, offer.workspaceId);
    const [existing] = await tx.select().from(browserCalls).where(eq(browserCalls.offerId, offerId));
    if (existing) return existing;
    if (offer.status !== 'accepted') return null;
    const [lead] = await tx.select().from(t.leads).where(eq(t.leads.id, offer.leadId));
    if (!lead || talkOf(lead) !== 'browser') return null;
    const [rep] = await tx.select({ name: t.users.name }).from(t.users).where(eq(t.users.id, offer.repId));
    const at = offer.respondedAt ?? now;
    const started = ctx.rules.planCallStarted({ offerId, workspaceId: offer.workspaceId, leadId: offer.leadId, repId: offer.repId }, rep?.name ?? 'A rep', at);
    await tx.insert(browserCalls).values(started.call);
    await executePlan(tx, lead, started.lead, at, ctx.rules.funnelStages);
    return started.call;
  }

  return {
    async browserCallStarted(offerId, now) {
      return db.transaction(async (tx) => (await ensureCall(tx, offerId, now)) !== null);
    },

    async recordCallReport(offerId, side, report, now) {
      return db.transaction(async (tx) => {
        const call = await ensureCall(tx, offerId, now);
        const [lead] = call ? await tx.select().from(t.leads).where(eq(t.leads.id, call.leadId)) : [];
        if (!call || !lead) return false;
        const plan = ctx.rules.planCallReport(call, lead, side, report, now);
        if (plan.call) await tx.update(browserCalls).set(plan.call).where(eq(browserCalls.offerId, offerId));
        if (plan.lead) await executePlan(tx, lead, plan.lead, now, ctx.rules.funnelStages);
        return true;
      });
    },

    async browserCall(offerId) {
      const [row] = await db.select().from(browserCalls).where(eq(browserCalls.offerId, offerId));
      return row ?? null;
    },
  };
}
