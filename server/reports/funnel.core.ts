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
    mql: leads.map((l) => l.reached.mql),
    sal: leads.map((l) => l.reached.sal),
    sql: leads.map((l) => l.reached.sql),
    opportunity: leads.map((l) => l.reached.opportunity),
    won: leads.map((l) => l.reached.won),
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
    }
    return { step, count, conversionFromPrevious: ratio(count, prevCount), medianMsFromPrevious: percentile(sortedNumbers(durations), 50) };
  });

  const reasons = (stages: string[]) => {
    const by = new Map<string, number>();
    for (const l of leads) for (const c of l.exits) if (stages.includes(c.to)) by.set(c.reason ?? '(no reason)', (by.get(c.reason ?? '(no reason)') ?? 0) + 1);
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
