// Executes a LeadPlan (server/routing/lead-plan.ts) inside the caller's transaction, in the plan's
// fixed order. The decisions were made by the plan; this file only turns each write into its
// statement (prepared once: routing runs on every capture, answer and availability change).
import { and, eq, sql } from 'drizzle-orm';
import type { LeadPlan } from '../../routing/lead-plan';
import * as t from '../schema';
import type { OpenOffer } from '../store';
import type { Db } from './open';
import { createReportStagesOps } from './report-stages';
import type { FunnelStages } from '../../reports/funnel.core';

type Conn = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

/** Runs `plan` for `lead`; the offers it took (`takeOpenOffers`), else none. */
export type PlanExecutor = (tx: Conn, lead: { id: string; workspaceId: string }, plan: LeadPlan, now: number) => OpenOffer[];

export function createPlanExecutor(db: Db, stages: FunnelStages): PlanExecutor {
  const stageFacts = createReportStagesOps(db, stages);
  const ph = (name: string) => sql.placeholder(name);
  const val = (name: string) => sql`${sql.placeholder(name)}`;
  const q = {
    offer: db
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
    stage: db
      .insert(t.stageChanges)
      .values({ workspaceId: ph('ws'), leadId: ph('lead'), fromStage: ph('from'), toStage: ph('to'), actor: ph('actor'), reason: ph('reason'), at: ph('at') })
      .prepare(),
    event: db
      .insert(t.leadEvents)
      .values({ workspaceId: ph('ws'), leadId: ph('lead'), kind: ph('kind'), text: ph('text'), at: ph('at'), data: ph('data') })
      .prepare(),
    offered: db
      .update(t.users)
      .set({ lastOfferedAt: val('now'), offerSeq: val('seq') })
      .where(eq(t.users.id, ph('id')))
      .prepare(),
    missed: db
      .update(t.users)
      .set({ missedInARow: val('missed') })
      .where(eq(t.users.id, ph('id')))
      .prepare(),
    away: db
      .update(t.users)
      .set({ presence: 'away', awayReason: val('reason'), missedInARow: 0 })
      .where(eq(t.users.id, ph('id')))
      .prepare(),
    openOffers: db
      .select()
      .from(t.offers)
      .where(and(eq(t.offers.leadId, ph('lead')), eq(t.offers.status, 'offered')))
      .prepare(),
    take: db
      .update(t.offers)
      .set({ status: 'taken', respondedAt: val('now') })
      .where(and(eq(t.offers.leadId, ph('lead')), eq(t.offers.status, 'offered')))
      .prepare(),
  };

  return (tx, lead, plan, now) => {
    const ws = lead.workspaceId;
    for (const o of plan.offers ?? []) {
      q.offer.run({ id: o.id, ws, lead: lead.id, rep: o.repId, now, expiresAt: o.expiresAt, step: o.step, rule: o.ruleId });
    }
    if (plan.lead && Object.keys(plan.lead).length) tx.update(t.leads).set(plan.lead).where(eq(t.leads.id, lead.id)).run();
    for (const m of plan.moves ?? []) q.stage.run({ ws, lead: lead.id, from: m.from, to: m.to, actor: m.actor, reason: m.reason, at: now });
    if (plan.moves?.length) stageFacts.refresh([lead.id]);
    if (plan.note) tx.insert(t.leadNotes).values({ workspaceId: ws, leadId: lead.id, authorId: plan.note.authorId, text: plan.note.text, at: now }).run();
    for (const l of plan.trail ?? []) {
      q.event.run({ ws, lead: lead.id, kind: l.kind, text: l.text, at: now, data: l.data === undefined ? null : JSON.stringify(l.data) });
    }
    for (const r of plan.reps ?? []) {
      if (r.kind === 'offered') q.offered.run({ now, seq: r.seq, id: r.repId });
      else if (r.kind === 'answered') q.missed.run({ missed: 0, id: r.repId });
      else if (r.kind === 'missed') q.missed.run({ missed: r.missedInARow, id: r.repId });
      else q.away.run({ reason: r.reason, id: r.repId });
    }
    if (plan.pass) {
      const p = plan.pass;
      tx.update(t.teams).set({ vtime: p.vtime }).where(eq(t.teams.id, p.teamId)).run();
      tx.update(t.teamMembers)
        .set({ pass: p.pass })
        .where(and(eq(t.teamMembers.teamId, p.teamId), eq(t.teamMembers.repId, p.repId)))
        .run();
    }
    for (const f of plan.followUps ?? []) {
      const open = and(eq(t.followUps.leadId, lead.id), eq(t.followUps.status, 'open'));
      if (f.kind === 'close') tx.update(t.followUps).set({ status: f.status, closedAt: now }).where(open).run();
      else if (f.kind === 'reassign') tx.update(t.followUps).set({ repId: f.repId }).where(open).run();
      else
        tx.insert(t.followUps)
          .values({ id: f.id, workspaceId: ws, leadId: lead.id, repId: f.repId, attempt: f.attempt, dueAt: f.dueAt, status: 'open', createdAt: now })
          .run();
    }
    if (plan.slaBreach) {
      tx.insert(t.slaBreaches).values(plan.slaBreach).run();
      tx.insert(t.outbox)
        .values({ workspaceId: ws, topic: 'lead.sla_breached', payload: JSON.stringify(plan.slaBreach), createdAt: now })
        .run();
    }
    if (!plan.takeOpenOffers) return [];
    const taken = q.openOffers.all({ lead: lead.id });
    q.take.run({ lead: lead.id, now });
    return taken.map((o) => ({ id: o.id, leadId: o.leadId, repId: o.repId, workspaceId: o.workspaceId, expiresAt: o.expiresAt }));
  };
}
