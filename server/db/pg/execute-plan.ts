// Executes a LeadPlan (server/routing/lead-plan.ts) inside the caller's transaction: the twin of
// sqlite/execute-plan.ts, in the same order, sent as one statement (write-together.ts). The
// plan writes the lead row once and no other row twice, as one statement requires.
import { and, eq, type SQLWrapper } from 'drizzle-orm';
import type { LeadPlan } from '../../routing/lead-plan';
import { toOpen } from '../routing-rows';
import type { OpenOffer } from '../store';
import { eventRow } from './context';
import { decodeRow } from './decode-row';
import type { PgConn } from './open';
import * as t from './schema';
import { writeTogether } from './write-together';
import { refreshStageFacts } from './report-stages';
import type { FunnelStages } from '../../reports/funnel.core';

/** Runs `plan` for `lead`; the offers it took (`takeOpenOffers`), else none. */
export async function executePlan(
  conn: PgConn,
  lead: { id: string; workspaceId: string },
  plan: LeadPlan,
  now: number,
  stages: FunnelStages,
): Promise<OpenOffer[]> {
  const ws = lead.workspaceId;
  const writes: SQLWrapper[] = [];
  if (plan.offers?.length) {
    writes.push(
      conn.insert(t.offers).values(
        plan.offers.map((o) => ({
          id: o.id,
          workspaceId: ws,
          leadId: lead.id,
          repId: o.repId,
          status: 'offered' as const,
          offeredAt: now,
          expiresAt: o.expiresAt,
          step: o.step,
          ruleId: o.ruleId,
        })),
      ),
    );
  }
  if (plan.lead && Object.keys(plan.lead).length) writes.push(conn.update(t.leads).set(plan.lead).where(eq(t.leads.id, lead.id)));
  if (plan.moves?.length) {
    writes.push(
      conn
        .insert(t.stageChanges)
        .values(plan.moves.map((m) => ({ workspaceId: ws, leadId: lead.id, fromStage: m.from, toStage: m.to, actor: m.actor, reason: m.reason, at: now }))),
    );
  }
  if (plan.note)
    writes.push(conn.insert(t.leadNotes).values({ workspaceId: ws, leadId: lead.id, authorId: plan.note.authorId, text: plan.note.text, at: now }));
  // One multi-row insert, in order, so the lines' ids keep it.
  if (plan.trail?.length) writes.push(conn.insert(t.leadEvents).values(plan.trail.map((l) => eventRow(lead, l, now))));
  for (const r of plan.reps ?? []) {
    const rep = eq(t.users.id, r.repId);
    if (r.kind === 'offered') writes.push(conn.update(t.users).set({ lastOfferedAt: now, offerSeq: r.seq }).where(rep));
    else if (r.kind === 'answered') writes.push(conn.update(t.users).set({ missedInARow: 0 }).where(rep));
    else if (r.kind === 'missed') writes.push(conn.update(t.users).set({ missedInARow: r.missedInARow }).where(rep));
    else writes.push(conn.update(t.users).set({ presence: 'away', awayReason: r.reason, missedInARow: 0 }).where(rep));
  }
  if (plan.pass) {
    const p = plan.pass;
    writes.push(
      conn.update(t.teams).set({ vtime: p.vtime }).where(eq(t.teams.id, p.teamId)),
      conn
        .update(t.teamMembers)
        .set({ pass: p.pass })
        .where(and(eq(t.teamMembers.teamId, p.teamId), eq(t.teamMembers.repId, p.repId))),
    );
  }
  // A close and an insert of follow-ups touch different rows: the close only sees rows that were
  // open when the statement began.
  for (const f of plan.followUps ?? []) {
    const open = and(eq(t.followUps.leadId, lead.id), eq(t.followUps.status, 'open'));
    if (f.kind === 'close') writes.push(conn.update(t.followUps).set({ status: f.status, closedAt: now }).where(open));
    else if (f.kind === 'reassign') writes.push(conn.update(t.followUps).set({ repId: f.repId }).where(open));
    else
      writes.push(
        conn
          .insert(t.followUps)
          .values({ id: f.id, workspaceId: ws, leadId: lead.id, repId: f.repId, attempt: f.attempt, dueAt: f.dueAt, status: 'open', createdAt: now }),
      );
  }
  if (plan.slaBreach) {
    writes.push(
      conn.insert(t.slaBreaches).values(plan.slaBreach),
      conn.insert(t.outbox).values({ workspaceId: ws, topic: 'lead.sla_breached', payload: JSON.stringify(plan.slaBreach), createdAt: now }),
    );
  }
  if (plan.takeOpenOffers) {
    writes.push(
      conn
        .update(t.offers)
        .set({ status: 'taken', respondedAt: now })
        .where(and(eq(t.offers.leadId, lead.id), eq(t.offers.status, 'offered')))
        .returning(),
    );
  }
  const rows = await writeTogether(conn, writes);
  // After the statement: the lead's stage facts are worked out from its changes, the new ones included.
  if (plan.moves?.length) await refreshStageFacts(conn, stages, [lead.id]);
  return plan.takeOpenOffers ? rows.map((raw) => toOpen(decodeRow(t.offers, raw))) : [];
}
