// The lifecycle stage machine: which transitions are allowed, and which need a reason.
// Pure and shared: the server enforces it, the console uses it to show what a rep may do.
import type { Stage } from './api';
import type { Qualification } from './qualify/types';

const TERMINAL_WITH_REASON: readonly Stage[] = ['nurture', 'disqualified', 'suspect', 'lost'];

/**
 * Allowed next stages from each stage. Suspect is final: never route again. A SAL lead may go
 * straight to opportunity: a rep who finds a deal on the first call does not log SQL first.
 * An opportunity closes as won or lost (the closed loop to revenue). Won is final; a lost deal
 * may go back to nurture, and a deal closed by mistake is reopened from lost only (a CRM that
 * reports a lost deal won after all moves it lost -> won).
 */
const NEXT: Record<Stage, readonly Stage[]> = {
  visitor: ['lead', 'mql', 'hot', 'disqualified', 'suspect'],
  lead: ['mql', 'hot', 'nurture', 'disqualified', 'suspect'],
  mql: ['hot', 'sal', 'nurture', 'disqualified', 'suspect'],
  hot: ['sal', 'mql', 'nurture', 'disqualified', 'suspect'],
  sal: ['sql', 'opportunity', 'nurture', 'disqualified', 'suspect'],
  sql: ['opportunity', 'nurture', 'disqualified', 'suspect'],
  opportunity: ['won', 'lost', 'nurture', 'disqualified'],
  won: [],
  lost: ['won', 'opportunity', 'nurture'],
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

/** The stages a lead may move to from `from`, in the machine's order. */
export function nextStages(from: Stage): readonly Stage[] {
  return NEXT[from];
}

/** Whether moving to `to` must carry a reason (nurture, disqualified, suspect). */
export function needsReason(to: Stage): boolean {
  return TERMINAL_WITH_REASON.includes(to);
}

const stageName = (s: Stage) => s.toUpperCase();

/** The rule of the machine for one stage, in words: what a refused move answers with. */
export function stageRule(from: Stage): string {
  const next = NEXT[from];
  if (!next.length) return `${stageName(from)} is final: a lead never leaves it`;
  return `From ${stageName(from)} a lead can move to ${next.map(stageName).join(', ')}`;
}

/** The stage a qualification puts a newly known person in. */
export function stageFromQualification(q: Qualification): Stage {
  if (q.fit.status === 'fails') return q.fit.stage ?? 'disqualified';
  if (q.hot) return 'hot';
  if (q.mql) return 'mql';
  return 'lead';
}
