// Capture on SQLite: executes a planned capture (capture/plan-capture.core.ts) and, for a hot
// lead, its first routing pass, in one transaction: the capture's own savepoint in the group
// commit that captures arriving together share (group-commit.ts), answered once it committed.
// What the router then pushes (offer cards, the visitor's status) is read inside that
// transaction, so it is exactly what was committed.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { OfferView } from '../../../shared/api';
import * as ab from '../abuse-schema';
import * as a from '../admin-schema';
import { captureRows } from '../capture-rows';
import type { CaptureOps } from '../op-types';
import { routable, visitorFactsOf } from '../routing-rows';
import * as t from '../schema';
import type { CaptureResult, DecideRouting, RouteResult } from '../store';
import * as tr from '../tracking-schema';
import type { StoreContext, Tx } from './context';
import type { LeadRow, RosterMemo } from './routing-snapshot';
import { createReportStagesOps } from './report-stages';
import { createReportFactsOps } from './report-facts';

/** Routing's pass over one lead inside a transaction the caller holds (routing-ops.ts). */
export type RouteIn = (tx: Tx, lead: LeadRow, now: number, online: ReadonlySet<string>, decide: DecideRouting, rosters?: RosterMemo) => RouteResult;

/** Callback times come from hours, not from who is online now. */
const NOBODY_ONLINE: ReadonlySet<string> = new Set();

export function captureOps(ctx: StoreContext, routeIn: RouteIn): CaptureOps {
  const { db, reader } = ctx;
  const facts = createReportFactsOps(db, ctx.rules.reportFacts);
  const stageFacts = createReportStagesOps(db, ctx.rules.funnelStages);
  return {
    async commitCapture(plan, routing) {
      return ctx.commitTogether({
        keepsRosters: true,
        run: (tx, rosters): CaptureResult => {
          const { site, now } = plan;
          if (plan.idempotency) {
            const prior = tx
              .select()
              .from(t.idempotencyKeys)
              .where(and(eq(t.idempotencyKeys.siteId, site.id), eq(t.idempotencyKeys.key, plan.idempotency.key)))
              .get();
            if (prior) return prior.bodyHash === plan.idempotency.bodyHash ? { kind: 'replay', leadId: prior.leadId } : { kind: 'conflict' };
          }
          const lead = { id: randomUUID(), workspaceId: site.workspaceId, siteId: site.id };
          const rows = captureRows(plan, lead);
          tx.insert(t.leads).values(rows.lead).run();
          tx.insert(tr.visitorTouches).values(rows.touch).run();
          for (const line of plan.trail) ctx.event(tx, lead, line.kind, line.text, now);
          if (rows.stageChange) tx.insert(t.stageChanges).values(rows.stageChange).run();
          if (rows.idempotencyKey) tx.insert(t.idempotencyKeys).values(rows.idempotencyKey).run();
          if (plan.requestId !== null) tx.update(ab.callbackRequests).set({ leadId: lead.id }).where(eq(ab.callbackRequests.id, plan.requestId)).run();
          if (plan.visitorId !== null) {
            tx.update(tr.visitors)
              .set({ leadId: lead.id })
              .where(and(eq(tr.visitors.siteId, site.id), eq(tr.visitors.visitorId, plan.visitorId)))
              .run();
          }
          facts.refresh([lead.id]);
          stageFacts.refresh([lead.id]);

          let row = reader.lead(lead.id)!;
          let routed: RouteResult | null = null;
          if (plan.route && routing && routable(row, now)) {
            routed = routeIn(tx, row, now, routing.online, routing.decide, rosters);
            row = reader.lead(lead.id)!;
          }
          const offers = ctx.offerViews(
            tx,
            (routed?.offers ?? []).map((o) => o.id),
          );
          const ending = tx.select({ url: a.siteAppearance.endingUrl }).from(a.siteAppearance).where(eq(a.siteAppearance.siteId, site.id)).get();
          const visitor = visitorFactsOf(row, site, null, ending?.url ?? null, routed?.offers.length ? reader.offeredTo(lead.id) : []);
          const queueSnapshot = routing?.waitsInQueue(visitor) ? reader.snapshot(row, NOBODY_ONLINE) : null;
          return { kind: 'created', leadId: lead.id, routed, offers, visitor, queueSnapshot };
        },
      });
    },
  };
}
