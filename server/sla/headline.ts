// The figures a manager's digest leads with and the SLA pace is judged from, computed by the same
// store queries and pure functions as GET /v1/console/reports (speedToLead, funnel), so the
// digest and Numbers never disagree about a range.
import type { SlaPace } from '../../shared/schemas/sla.schema';
import { funnelOfCounts } from '../reports/funnel.core';
import type { ReportsStore } from '../reports/reports-store';
import { speedToLead } from '../reports/speed-to-lead.core';
import { monthOf, slaPace } from './sla-pace.core';
import type { SlaStore } from './sla-store';

export interface Headline {
  leads: number;
  mqls: number;
  sqls: number;
  won: number;
  revenue: number;
  currency: string;
  /** Hand-raised leads (speed-to-lead's denominator). */
  handRaised: number;
  medianAcceptMs: number | null;
  medianFirstCallMs: number | null;
  breaches: number;
}

export async function headlineFigures(reports: ReportsStore, sla: SlaStore, workspaceId: string, from: number, to: number): Promise<Headline> {
  const [speedLeads, causes, visitors, funnelCounts, deals] = await Promise.all([
    reports.speedLeads(workspaceId, from, to),
    reports.breachCauses(workspaceId, from, to),
    reports.visitorCount(workspaceId, from, to),
    reports.funnelCounts(workspaceId, from, to),
    sla.wonDeals(workspaceId, from, to),
  ]);
  const speed = speedToLead(speedLeads, causes);
  const steps = funnelOfCounts(visitors, funnelCounts).steps;
  const count = (step: string) => steps.find((s) => s.step === step)?.count ?? 0;
  return {
    leads: count('leads'),
    mqls: count('mql'),
    sqls: count('sql'),
    ...deals,
    handRaised: speed.toAccept.leads,
    medianAcceptMs: speed.toAccept.medianMs,
    medianFirstCallMs: speed.toFirstCall.medianMs,
    breaches: speed.breaches.total,
  };
}

/** The saved SLA's targets against the month so far (the month of `now` in `timeZone`); null until an SLA is saved. */
export async function paceAt(reports: ReportsStore, sla: SlaStore, workspaceId: string, timeZone: string, now: number): Promise<SlaPace | null> {
  const [current] = await sla.slaHistory(workspaceId, 1);
  if (!current) return null;
  const month = monthOf(now, timeZone);
  const h = await headlineFigures(reports, sla, workspaceId, month.from, Math.max(month.from, now));
  return slaPace(
    { sla: current, month, timeZone, mqls: h.mqls, sqls: h.sqls, handRaised: h.handRaised, breaches: h.breaches, medianAcceptMs: h.medianAcceptMs },
    now,
  );
}
