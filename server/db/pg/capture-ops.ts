// Capture on PostgreSQL, the twin of sqlite/capture-ops.ts: the same plan, executed under the
// workspace's lock (routing state is at stake) with the idempotency key claimed first, so a
// second request with it (any process) waits for the first to commit and answers from it.
import { randomUUID } from 'node:crypto';
import { refreshStageFacts } from './report-stages';
import { refreshFacts } from './report-facts';
import { and, eq } from 'drizzle-orm';
import type { OfferView } from '../../../shared/api';
import { captureRows } from '../capture-rows';
import type { CaptureOps } from '../op-types';
import { routable, visitorFactsOf } from '../routing-rows';
import type { CaptureResult, DecideRouting, RouteResult } from '../store';
import * as ab from './abuse-schema';
import * as a from './admin-schema';
import { eventRow, type StoreContext } from './context';
import { lockWorkspace } from './locks';
import type { PgTx } from './open';
import type { LeadRow } from './routing-snapshot';
import * as t from './schema';
import * as tr from './tracking-schema';
import { writeTogether } from './write-together';

/** Routing's pass over one lead inside a transaction the caller holds (routing-ops.ts). */
export type RouteIn = (tx: PgTx, lead: LeadRow, now: number, online: ReadonlySet<string>, decide: DecideRouting) => Promise<RouteResult>;

/** Callback times come from hours, not from who is online now. */
const NOBODY_ONLINE: ReadonlySet<string> = new Set();

export function captureOps(ctx: StoreContext, routeIn: RouteIn): CaptureOps {
  const { db, reader } = ctx;
  return {
    async commitCapture(plan, routing) {
      return db.transaction(async (tx): Promise<CaptureResult> => {
        const { site, now } = plan;
        await lockWorkspace(tx, site.workspaceId);
        const lead = { id: randomUUID(), workspaceId: site.workspaceId, siteId: site.id };
        const rows = captureRows(plan, lead);
        const key = rows.idempotencyKey;
        if (key) {
          // Claimed first: no lead twice, and no unique violation that would abort the transaction.
          const claimed = await tx.insert(t.idempotencyKeys).values(key).onConflictDoNothing().returning({ key: t.idempotencyKeys.key });
          if (!claimed.length) {
            const [prior] = await tx
              .select()
              .from(t.idempotencyKeys)
              .where(and(eq(t.idempotencyKeys.siteId, site.id), eq(t.idempotencyKeys.key, key.key)));
            if (!prior) throw new Error('idempotency key vanished while claimed');
            return prior.bodyHash === key.bodyHash ? { kind: 'replay', leadId: prior.leadId } : { kind: 'conflict' };
          }
        }
        // One statement: the lead at its stage, the record of that move, its first trail lines
        // (in id order), the admitted request settled and the visitor's history joined.
        const requestId = plan.requestId;
        const visitorId = plan.visitorId;
        await writeTogether(tx, [
          tx.insert(t.leads).values(rows.lead),
          tx.insert(tr.visitorTouches).values(rows.touch),
          ...(rows.stageChange ? [tx.insert(t.stageChanges).values(rows.stageChange)] : []),
          tx.insert(t.leadEvents).values(plan.trail.map((line) => eventRow(lead, line, now))),
          ...(requestId !== null ? [tx.update(ab.callbackRequests).set({ leadId: lead.id }).where(eq(ab.callbackRequests.id, requestId))] : []),
          ...(visitorId !== null
            ? [
                tx
                  .update(tr.visitors)
                  .set({ leadId: lead.id })
                  .where(and(eq(tr.visitors.siteId, site.id), eq(tr.visitors.visitorId, visitorId))),
              ]
            : []),
        ]);
        await refreshFacts(tx, [lead.id], ctx.rules.reportFacts);
        if (rows.stageChange) await refreshStageFacts(tx, ctx.rules.funnelStages, [lead.id]);

        let row = (await reader.lead(tx, lead.id))!;
        let routed: RouteResult | null = null;
        if (plan.route && routing && routable(row, now)) {
          routed = await routeIn(tx, row, now, routing.online, routing.decide);
          row = (await reader.lead(tx, lead.id))!;
        }
        const offers = await ctx.offerViews(
          tx,
          (routed?.offers ?? []).map((o) => o.id),
        );
        const [ending] = await tx.select({ url: a.siteAppearance.endingUrl }).from(a.siteAppearance).where(eq(a.siteAppearance.siteId, site.id));
        const visitor = visitorFactsOf(row, site, null, ending?.url ?? null, routed?.offers.length ? await reader.offeredTo(tx, lead.id) : []);
        const queueSnapshot = routing?.waitsInQueue(visitor) ? await reader.snapshot(tx, row, NOBODY_ONLINE) : null;
        return { kind: 'created', leadId: lead.id, routed, offers, visitor, queueSnapshot };
      });
    },
  };
}
