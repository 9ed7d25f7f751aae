// The lifecycle stage machine: which transitions are allowed, and which need a reason.
// Pure and shared: the server enforces it, the console uses it to show what a rep may do.
import type { Stage } from './api';
import type { Qualification } from './qualify/types';

const TERMINAL_WITH_REASON: readonly Stage[] = ['nurture', 'disqualified', 'suspect'];

/** Allowed next stages from each stage. Suspect is final: never route again. */
const NEXT: Record<Stage, readonly Stage[]> = {
  visitor: ['lead', 'mql', 'hot', 'disqualified', 'suspect'],
  lead: ['mql', 'hot', 'nurture', 'disqualified', 'suspect'],
  mql: ['hot', 'sal', 'nurture', 'disqualified', 'suspect'],
  hot: ['sal', 'mql', 'nurture', 'disqualified', 'suspect'],
  sal: ['sql', 'nurture', 'disqualified', 'suspect'],
  sql: ['opportunity', 'nurture', 'disqualified', 'suspect'],
  opportunity: ['nurture', 'disqualified'],
  nurture: ['lead', 'mql', 'hot', 'disqualified', 'suspect'],
  disqualified: ['nurture'],
  suspect: [],
};

export type TransitionCheck = { ok: true } | { ok: false; error: 'not_allowed' | 'reason_required' };

export function checkTransition(from: Stage, to: Stage, reason: string | null | undefined): TransitionCheck {
  if (!NEXT[from].includes(to)) return { ok: false, error: 'not_allowed' };
  if (TERMINAL_WITH_REASON.includes(to) && !reason?.trim()) return { ok: false, error: 'reason_required' };
  return { ok: true };
}

/** The stage a qualification puts a newly known person in. */
export function stageFromQualification(q: Qualification): Stage {
  if (q.fit.status === 'fails') return q.fit.stage ?? 'disqualified';
  if (q.hot) return 'hot';
  if (q.mql) return 'mql';
  return 'lead';
}
