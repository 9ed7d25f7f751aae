// The funnel both teams argue from: visitors -> leads -> MQL -> SAL -> SQL -> opportunity -> won,
// conversion between steps, time in stage, won revenue, and why leads left (nurture,
// disqualified, lost deals). Pure.
import type { FunnelReport, FunnelStep } from '../../shared/console-api';
import { percentile, ratio } from './stats';

export const FUNNEL_STEPS = ['visitors', 'leads', 'mql', 'sal', 'sql', 'opportunity', 'won'] as const satisfies readonly FunnelStep[];

type StageStep = Exclude<FunnelStep, 'visitors' | 'leads'>;

/** Stages whose reaching counts as reaching the step (hot is an MQL; a lost deal was an opportunity). */
const STEP_STAGES: Record<StageStep, readonly string[]> = {
  mql: ['mql', 'hot'],
  sal: ['sal'],
  sql: ['sql'],
  opportunity: ['opportunity', 'lost'],
  won: ['won'],
};

/** When a lead reached a step (its first change to that stage or a later one), or null: it never did. */
export function stepReachedAt(l: Pick<FunnelLead, 'capturedAt' | 'changes'>, step: FunnelStep): number | null {
  if (step === 'visitors' || step === 'leads') return l.capturedAt;
  const hit = l.changes.find((c) => STEP_STAGES[step].includes(c.to) || later(step).some((s) => STEP_STAGES[s].includes(c.to)));
  return hit ? hit.at : null;
}

export interface FunnelLead {
  capturedAt: number;
  /** Every stage change of the lead, oldest first. */
  changes: Array<{ to: string; at: number; reason: string | null }>;
  /** Attributed source and campaign (shared/attribution); null = direct. */
  source: string | null;
  campaign: string | null;
  contactAttempts: number;
  /** The deal's value (workspace currency, major units), counted as revenue once it is won. */
  dealValue: number | null;
  /** The lead's tracked visitor when it is among the range's counted visitors (first seen in it, not a bot). */
  countedVisitor: string | null;
}

/**
 * People who visited in the range: the tracked visitors first seen in it, plus every lead not
 * among them (a callback from a page without tracking, a visitor first seen earlier, a second
 * lead from one browser). Each lead is someone who visited, so leads never outnumber visitors.
 */
export function visitorsReached(trackedVisitors: number, leads: readonly FunnelLead[]): number {
  const matched = new Set<string>();
  let unmatched = 0;
  for (const l of leads) {
    if (l.countedVisitor !== null && !matched.has(l.countedVisitor)) matched.add(l.countedVisitor);
    else unmatched++;
  }
  return trackedVisitors + unmatched;
}

export function funnel(trackedVisitors: number, leads: readonly FunnelLead[]): FunnelReport {
  const visitors = visitorsReached(trackedVisitors, leads);
  const reachedAt = stepReachedAt;
  const steps = FUNNEL_STEPS.map((step, i) => {
    if (step === 'visitors') return { step, count: visitors, conversionFromPrevious: null, medianMsFromPrevious: null };
    const count = leads.filter((l) => reachedAt(l, step) !== null).length;
    const prev = FUNNEL_STEPS[i - 1]!;
    const prevCount = prev === 'visitors' ? visitors : leads.filter((l) => reachedAt(l, prev) !== null).length;
    const durations =
      prev === 'visitors'
        ? []
        : leads
            .map((l) => {
              const a = reachedAt(l, prev);
              const b = reachedAt(l, step);
              return a !== null && b !== null ? Math.max(0, b - a) : null;
            })
            .filter((d): d is number => d !== null)
            .sort((x, y) => x - y);
    return { step, count, conversionFromPrevious: ratio(count, prevCount), medianMsFromPrevious: percentile(durations, 50) };
  });

  const reasons = (stages: string[]) => {
    const by = new Map<string, number>();
    for (const l of leads)
      for (const c of l.changes) if (stages.includes(c.to)) by.set(c.reason ?? '(no reason)', (by.get(c.reason ?? '(no reason)') ?? 0) + 1);
    return [...by.entries()].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  };
  const bySource = (key: (l: FunnelLead) => string | null) => {
    const by = new Map<string, { leads: number; mql: number; sql: number }>();
    for (const l of leads) {
      const k = key(l) ?? '(direct)';
      const row = by.get(k) ?? { leads: 0, mql: 0, sql: 0 };
      row.leads++;
      if (reachedAt(l, 'mql') !== null) row.mql++;
      if (reachedAt(l, 'sql') !== null) row.sql++;
      by.set(k, row);
    }
    return [...by.entries()].sort((a, b) => b[1].leads - a[1].leads || a[0].localeCompare(b[0]));
  };
  const worked = leads.filter((l) => l.contactAttempts > 0);
  return {
    steps,
    nurtureReasons: reasons(['nurture']),
    disqualifyReasons: reasons(['disqualified', 'suspect']),
    lostReasons: reasons(['lost']),
    revenue: wonRevenue(leads),
    sources: bySource((l) => l.source).map(([source, r]) => ({ source, ...r })),
    campaigns: bySource((l) => l.campaign).map(([campaign, r]) => ({ campaign, ...r })),
    followUps: { leadsWorked: worked.length, meanAttempts: worked.length ? worked.reduce((s, l) => s + l.contactAttempts, 0) / worked.length : null },
  };
}

/** The value of the deals won (a lead reopened after a win still counts once). */
export function wonRevenue(leads: ReadonlyArray<Pick<FunnelLead, 'capturedAt' | 'changes' | 'dealValue'>>): number {
  return leads.reduce((sum, l) => sum + (stepReachedAt(l, 'won') !== null ? (l.dealValue ?? 0) : 0), 0);
}

/** Reaching a later step implies having passed the earlier ones (an SQL was an MQL). */
function later(step: StageStep): StageStep[] {
  const order = ['mql', 'sal', 'sql', 'opportunity', 'won'] as const;
  return order.slice(order.indexOf(step) + 1);
}
