// Browser calls' records on SQLite, the twin of pg/call-ops.ts: read the call and its lead, ask
// the plan (calls/plan-call-report.core.ts), write the row and the trail in one transaction.
import { eq } from 'drizzle-orm';
import type { CallRow } from '../../calls/plan-call-report.core';
import { browserCalls } from '../call-schema';
import { talkOf } from '../routing-rows';
import * as t from '../schema';
import type { CallOps } from '../op-types';
import type { StoreContext, Tx } from './context';

export function callOps(ctx: StoreContext): CallOps {
  const { db } = ctx;

  /** The call's row, made (with its trail line) the first time it is asked for; null when the offer is no accepted browser call. */
  function ensureCall(tx: Tx, offerId: string, now: number): CallRow | null {
    const existing = tx.select().from(browserCalls).where(eq(browserCalls.offerId, offerId)).get();
    if (existing) return existing;
    const offer = tx.select().from(t.offers).where(eq(t.offers.id, offerId)).get();
    if (!offer || offer.status !== 'accepted') return null;
    const lead = tx.select().from(t.leads).where(eq(t.leads.id, offer.leadId)).get();
    if (!lead || talkOf(lead) !== 'browser') return null;
    const rep = tx.select({ name: t.users.name }).from(t.users).where(eq(t.users.id, offer.repId)).get();
    const started = ctx.rules.planCallStarted(
      { offerId, workspaceId: offer.workspaceId, leadId: offer.leadId, repId: offer.repId },
      rep?.name ?? 'A rep',
      offer.respondedAt ?? now,
    );
    tx.insert(browserCalls).values(started.call).run();
    ctx.execute(tx, lead, started.lead, offer.respondedAt ?? now);
    return started.call;
  }

  return {
    async browserCallStarted(offerId, now) {
      return db.transaction((tx) => ensureCall(tx, offerId, now) !== null);
    },

    async recordCallReport(offerId, side, report, now) {
      return db.transaction((tx) => {
        const call = ensureCall(tx, offerId, now);
        const lead = call && tx.select().from(t.leads).where(eq(t.leads.id, call.leadId)).get();
        if (!call || !lead) return false;
        const plan = ctx.rules.planCallReport(call, lead, side, report, now);
        if (plan.call) tx.update(browserCalls).set(plan.call).where(eq(browserCalls.offerId, offerId)).run();
        if (plan.lead) ctx.execute(tx, lead, plan.lead, now);
        return true;
      });
    },

    async browserCall(offerId) {
      return db.select().from(browserCalls).where(eq(browserCalls.offerId, offerId)).get() ?? null;
    },
  };
}
