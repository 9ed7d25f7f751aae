// The funnel both teams argue from: visitors -> leads -> MQL -> SAL -> SQL -> opportunity -> won,
// conversion between steps, time in stage, won revenue, and why leads left (nurture,
// disqualified, lost deals). Pure.
import type { FunnelReport, FunnelStep } from '../../shared/console-api';
import { percentile, ratio, sortedNumbers } from './stats';

export const FUNNEL_STEPS = ['visitors', 'leads', 'mql', 'sal', 'sql', 'opportunity', 'won'] as const satisfies readonly FunnelStep[];

export type StageStep = Exclude<FunnelStep, 'visitors' | 'leads'>;

/** The steps reached by moving stage, in order. */
export const STAGE_STEPS = ['mql', 'sal', 'sql', 'opportunity', 'won'] as const satisfies readonly StageStep[];

/** The stages a lead leaves the funnel to, with a reason (nurture, disqualified, lost deals). */
export const EXIT_STAGES = ['nurture', 'disqualified', 'suspect', 'lost'] as const;

/** Stages whose reaching counts as reaching the step (hot is an MQL; a lost deal was an opportunity). */
const STEP_STAGES: Record<StageStep, readonly string[]> = {
  mql: ['mql', 'hot'],
  sal: ['sal'],
  sql: ['sql'],
  opportunity: ['opportunity', 'lost'],
  won: ['won'],
};

/** When a lead reached a step (its first change to that stage or a later one), or null: it never did. */
export function stepReachedAt(l: Pick<FunnelLead, 'capturedAt' | 'reached'>, step: FunnelStep): number | null {
  if (step === 'visitors' || step === 'leads') return l.capturedAt;
  return l.reached[step];
}

/** A stage change of a lead. */
export interface StageChange {
  to: string;
  at: number;
  reason: string | null;
}

/** When a lead first reached each step by moving stage (null: never). */
export type StepTimes = Record<StageStep, number | null>;

/** What the funnel needs of a lead's stage changes: when it first reached each step, and each move out of the funnel with its reason. */
export interface StageFacts {
  reached: StepTimes;
  /** Every change of the lead to an exit stage (EXIT_STAGES), in no particular order. */
  exits: Array<Pick<StageChange, 'to' | 'reason'>>;
}

/**
 * The stage facts of a lead's changes, as the stores aggregate them in the database (stepTimesSql):
 * a step is reached at the earliest change to one of its stages (stagesReaching).
 */
export function stageFacts(changes: readonly StageChange[]): StageFacts {
  const reached = Object.fromEntries(
    STAGE_STEPS.map((step) => {
      const times = changes.filter((c) => STAGES_FROM[step].has(c.to)).map((c) => c.at);
      return [step, times.length ? Math.min(...times) : null];
    }),
  ) as StepTimes;
  const exits = changes.filter((c) => (EXIT_STAGES as readonly string[]).includes(c.to)).map((c) => ({ to: c.to, reason: c.reason }));
  return { reached, exits };
}

export interface FunnelLead extends StageFacts {
  capturedAt: number;
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
 * What the funnel counts of its leads: a store aggregates it in the database (GROUP BY over the
 * stage facts each lead row keeps), funnelCounts works it out of the leads; funnelOfCounts makes the
 * report of either.
 */
export interface FunnelCounts {
  leads: number;
  /** Distinct tracked visitors among the leads' counted visitors (FunnelLead countedVisitor). */
  countedVisitors: number;
  /** Leads and the steps they reached, per attributed source and campaign (null = direct / none), in no particular order. */
  groups: Array<{ source: string | null; campaign: string | null; leads: number; reached: Record<StageStep, number> }>;
  /** Per step, the median (nearest rank) time from the previous step (mql: from capture) of the leads that reached both; null: none did. */
  medianMs: Record<StageStep, number | null>;
  /** Moves out of the funnel by stage and reason, in no particular order. */
  exits: Array<{ to: string; reason: string | null; count: number }>;
  /** The won deals' value (wonRevenue). */
  revenue: number;
  /** Leads with a contact attempt, and their attempts. */
  worked: { leads: number; attempts: number };
}

const noSteps = (): Record<StageStep, number> => ({ mql: 0, sal: 0, sql: 0, opportunity: 0, won: 0 });

/** The funnel's counts of its leads, worked out here (the stores aggregate the same in the database). */
export function funnelCounts(leads: readonly FunnelLead[]): FunnelCounts {
  const matched = new Set<string>();
  const groups = new Map<string, FunnelCounts['groups'][number]>();
  const exits = new Map<string, FunnelCounts['exits'][number]>();
  const durations: Record<StageStep, number[]> = { mql: [], sal: [], sql: [], opportunity: [], won: [] };
  const worked = { leads: 0, attempts: 0 };
  for (const l of leads) {
    if (l.countedVisitor !== null) matched.add(l.countedVisitor);
    const key = JSON.stringify([l.source, l.campaign]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { source: l.source, campaign: l.campaign, leads: 0, reached: noSteps() }));
    g.leads++;
    // Each step's time from the one before it (mql: from capture), when the lead reached both.
    let prev: number | null = l.capturedAt;
    for (const step of STAGE_STEPS) {
      const at = l.reached[step];
      if (at !== null) {
        g.reached[step]++;
        if (prev !== null) durations[step].push(Math.max(0, at - prev));
      }
      prev = at;
    }
    for (const c of l.exits) {
      const k = JSON.stringify([c.to, c.reason]);
      const e = exits.get(k);
      if (e) e.count++;
      else exits.set(k, { to: c.to, reason: c.reason, count: 1 });
    }
    if (l.contactAttempts > 0) {
      worked.leads++;
      worked.attempts += l.contactAttempts;
    }
  }
  const medianMs = Object.fromEntries(STAGE_STEPS.map((step) => [step, percentile(sortedNumbers(durations[step]), 50)])) as FunnelCounts['medianMs'];
  return {
    leads: leads.length,
    countedVisitors: matched.size,
    groups: [...groups.values()],
    medianMs,
    exits: [...exits.values()],
    revenue: wonRevenue(leads),
    worked,
  };
}

export function funnel(trackedVisitors: number, leads: readonly FunnelLead[]): FunnelReport {
  return funnelOfCounts(trackedVisitors, funnelCounts(leads));
}

/**
 * The funnel of leads counted by funnelCounts or a store. People who visited in the range: the
 * tracked visitors first seen in it, plus every lead not among them (a callback from a page without
 * tracking, a visitor first seen earlier, a second lead from one browser). Each lead is someone who
 * visited, so leads never outnumber visitors.
 */
export function funnelOfCounts(trackedVisitors: number, c: FunnelCounts): FunnelReport {
  const visitors = trackedVisitors + c.leads - c.countedVisitors;
  const reached = noSteps();
  for (const g of c.groups) for (const step of STAGE_STEPS) reached[step] += g.reached[step];
  const count = (step: FunnelStep) => (step === 'visitors' ? visitors : step === 'leads' ? c.leads : reached[step]);
  const steps = FUNNEL_STEPS.map((step, i) => {
    if (step === 'visitors') return { step, count: visitors, conversionFromPrevious: null, medianMsFromPrevious: null };
    const prev = FUNNEL_STEPS[i - 1]!;
    return {
      step,
      count: count(step),
      conversionFromPrevious: ratio(count(step), count(prev)),
      medianMsFromPrevious: step === 'leads' ? null : c.medianMs[step],
    };
  });

  const reasons = (stages: string[]) => {
    const by = new Map<string, number>();
    for (const e of c.exits) if (stages.includes(e.to)) by.set(e.reason ?? '(no reason)', (by.get(e.reason ?? '(no reason)') ?? 0) + e.count);
    return [...by.entries()].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  };
  const bySource = (key: (g: FunnelCounts['groups'][number]) => string | null) => {
    const by = new Map<string, { leads: number; mql: number; sql: number }>();
    for (const g of c.groups) {
      const k = key(g) ?? '(direct)';
      const row = by.get(k) ?? { leads: 0, mql: 0, sql: 0 };
      row.leads += g.leads;
      row.mql += g.reached.mql;
      row.sql += g.reached.sql;
      by.set(k, row);
    }
    return [...by.entries()].sort((a, b) => b[1].leads - a[1].leads || a[0].localeCompare(b[0]));
  };
  return {
    steps,
    nurtureReasons: reasons(['nurture']),
    disqualifyReasons: reasons(['disqualified', 'suspect']),
    lostReasons: reasons(['lost']),
    revenue: c.revenue,
    sources: bySource((g) => g.source).map(([source, r]) => ({ source, ...r })),
    campaigns: bySource((g) => g.campaign).map(([campaign, r]) => ({ campaign, ...r })),
    followUps: { leadsWorked: c.worked.leads, meanAttempts: c.worked.leads ? c.worked.attempts / c.worked.leads : null },
  };
}

/** The value of the deals won (a lead reopened after a win still counts once). */
export function wonRevenue(leads: ReadonlyArray<Pick<FunnelLead, 'capturedAt' | 'reached' | 'dealValue'>>): number {
  return leads.reduce((sum, l) => sum + (stepReachedAt(l, 'won') !== null ? (l.dealValue ?? 0) : 0), 0);
}

/** Reaching a later step implies having passed the earlier ones (an SQL was an MQL). */
function later(step: StageStep): StageStep[] {
  return STAGE_STEPS.slice(STAGE_STEPS.indexOf(step) + 1);
}

/** The stages whose reaching counts as reaching a step: its own and every later step's. */
export const stagesReaching = (step: StageStep): readonly string[] => [step, ...later(step)].flatMap((s) => STEP_STAGES[s]);
/** The stages that count for each step, and the exit stages: what a store aggregates a lead's changes by, handed to it as data (store-rules.ts). */
export interface FunnelStages {
  reaching: ReadonlyArray<{ step: StageStep; stages: readonly string[] }>;
  exits: readonly string[];
}
export const FUNNEL_STAGES: FunnelStages = { reaching: STAGE_STEPS.map((step) => ({ step, stages: stagesReaching(step) })), exits: EXIT_STAGES };
const stagesFrom = (step: StageStep): ReadonlySet<string> => new Set(stagesReaching(step));
const STAGES_FROM: Record<keyof typeof STEP_STAGES, ReadonlySet<string>> = {
  mql: stagesFrom('mql'),
  sal: stagesFrom('sal'),
  sql: stagesFrom('sql'),
  opportunity: stagesFrom('opportunity'),
  won: stagesFrom('won'),
};
