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
  const stages = STAGES_FROM[step];
  for (const c of l.changes) if (stages.has(c.to)) return c.at;
  return null;
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
  // When each lead reached each step (null: never), found once per lead and step: the counts,
  // durations and source tables below read it many times (searching again took seconds at 100,000 leads).
  const captured = leads.map((l) => l.capturedAt);
  const reached: Record<FunnelStep, ReadonlyArray<number | null>> = {
    visitors: captured,
    leads: captured,
    mql: firstReached(leads, 'mql'),
    sal: firstReached(leads, 'sal'),
    sql: firstReached(leads, 'sql'),
    opportunity: firstReached(leads, 'opportunity'),
    won: firstReached(leads, 'won'),
  };
  const reachedCount = (step: FunnelStep) => reached[step].reduce<number>((n, at) => (at === null ? n : n + 1), 0);
  const steps = FUNNEL_STEPS.map((step, i) => {
    if (step === 'visitors') return { step, count: visitors, conversionFromPrevious: null, medianMsFromPrevious: null };
    const count = reachedCount(step);
    const prev = FUNNEL_STEPS[i - 1]!;
    const prevCount = prev === 'visitors' ? visitors : reachedCount(prev);
    const durations: number[] = [];
    if (prev !== 'visitors') {
      const from = reached[prev];
      const to = reached[step];
      for (let j = 0; j < leads.length; j++) {
        const a = from[j]!;
        const b = to[j]!;
        if (a !== null && b !== null) durations.push(Math.max(0, b - a));
      }
      durations.sort((x, y) => x - y);
    }
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
    leads.forEach((l, j) => {
      const k = key(l) ?? '(direct)';
      const row = by.get(k) ?? { leads: 0, mql: 0, sql: 0 };
      row.leads++;
      if (reached.mql[j] !== null) row.mql++;
      if (reached.sql[j] !== null) row.sql++;
      by.set(k, row);
    });
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

/** The stages whose reaching counts as reaching each step: its own and every later step's. */
const stagesFrom = (step: keyof typeof STEP_STAGES): ReadonlySet<string> => new Set([step, ...later(step)].flatMap((s) => STEP_STAGES[s]));
const STAGES_FROM: Record<keyof typeof STEP_STAGES, ReadonlySet<string>> = {
  mql: stagesFrom('mql'),
  sal: stagesFrom('sal'),
  sql: stagesFrom('sql'),
  opportunity: stagesFrom('opportunity'),
  won: stagesFrom('won'),
};

/** Per lead, the time of its first change to the step or a later one (null: never reached). */
function firstReached(leads: readonly FunnelLead[], step: keyof typeof STEP_STAGES): Array<number | null> {
  return leads.map((l) => stepReachedAt(l, step));
}
