// Call outcomes a rep can log. Plain constants (no zod) so the console can import them
// without bundling the schema library; the zod schema in schemas/console.schema.ts uses them.
// What a rep may log on a lead is derived from the stage machine (lifecycle.ts), never listed
// again: the console offers exactly what the server accepts.
import type { Stage } from './api';
import { needsReason, nextStages, stageRule } from './lifecycle';

export const OUTCOMES = [
  'connected',
  'no_answer',
  'voicemail',
  'wrong_number',
  'sql',
  'opportunity',
  'won',
  'lost',
  'nurture',
  'disqualified',
  'suspect',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** What happened on the call; the lead keeps its stage. */
export const CALL_RESULTS = ['connected', 'no_answer', 'voicemail', 'wrong_number'] as const satisfies readonly Outcome[];
export type CallResult = (typeof CALL_RESULTS)[number];

/** A decision about the lead: it moves to a stage. */
export type StageDecision = Exclude<Outcome, CallResult>;

/** The stage each decision moves the lead to. */
export const DECISION_STAGE: Record<StageDecision, Stage> = {
  sql: 'sql',
  opportunity: 'opportunity',
  won: 'won',
  lost: 'lost',
  nurture: 'nurture',
  disqualified: 'disqualified',
  suspect: 'suspect',
};

export function isCallResult(o: Outcome): o is CallResult {
  return (CALL_RESULTS as readonly Outcome[]).includes(o);
}

export const STAGE_DECISIONS: readonly StageDecision[] = OUTCOMES.filter((o): o is StageDecision => !isCallResult(o));

/** Outcomes that move the lead to a stage which must carry a reason (DOMAIN.md). */
export const OUTCOMES_NEEDING_REASON: readonly Outcome[] = STAGE_DECISIONS.filter((d) => needsReason(DECISION_STAGE[d]));

/** Decisions about a deal: each may carry its value (opening, winning or losing it). */
export const DEAL_DECISIONS = ['opportunity', 'won', 'lost'] as const satisfies readonly StageDecision[];

/** Decisions that close a deal: the lead's close time is set. */
export const CLOSING_DECISIONS = ['won', 'lost'] as const satisfies readonly StageDecision[];

export function isDealDecision(o: Outcome): o is (typeof DEAL_DECISIONS)[number] {
  return (DEAL_DECISIONS as readonly Outcome[]).includes(o);
}

/** Attempts without contact: each schedules the next follow-up per the site's cadence. */
export const NO_CONTACT_OUTCOMES: readonly Outcome[] = ['no_answer', 'voicemail'];

/**
 * Stages past the follow-up cadence: the lead went back to marketing or was ruled out, so no
 * call attempt is logged on it any more (a nurtured lead comes back when the person raises a hand).
 */
export const OUT_OF_CADENCE: readonly Stage[] = ['nurture', 'disqualified', 'suspect', 'won', 'lost'];

export interface OutcomeChoices {
  calls: readonly CallResult[];
  decisions: readonly StageDecision[];
}

/** What a rep may log on a lead at `stage`: call results while it is in the cadence, and the decisions lifecycle allows. */
export function outcomeChoices(stage: Stage): OutcomeChoices {
  const next = nextStages(stage);
  return {
    calls: OUT_OF_CADENCE.includes(stage) ? [] : CALL_RESULTS,
    decisions: STAGE_DECISIONS.filter((d) => next.includes(DECISION_STAGE[d])),
  };
}

/** A logged outcome split into its two parts: the call result and the decision about the lead. */
export interface LoggedOutcome {
  call: CallResult | null;
  decision: StageDecision | null;
}

/** `{ outcome, call? }` as the API takes it: `outcome` is either part; `call` rides along with a decision. */
export function splitOutcome(input: { outcome: Outcome; call?: CallResult | undefined }): LoggedOutcome {
  if (isCallResult(input.outcome)) return { call: input.outcome, decision: null };
  return { call: input.call ?? null, decision: input.outcome };
}

export type OutcomeCheck = { ok: true } | { ok: false; error: 'left_cadence' | 'stage_rule'; message: string };

/** Whether a lead at `stage` may take this outcome; the refusal names the rule. */
export function checkOutcome(stage: Stage, logged: LoggedOutcome): OutcomeCheck {
  const choices = outcomeChoices(stage);
  if (logged.call && !choices.calls.includes(logged.call)) {
    return {
      ok: false,
      error: 'left_cadence',
      message: `This lead left the follow-up cadence (it is ${stage.toUpperCase()}): no call attempts are logged on it any more`,
    };
  }
  if (logged.decision && !choices.decisions.includes(logged.decision)) {
    return {
      ok: false,
      error: 'stage_rule',
      message: `The stage rules do not allow ${stage.toUpperCase()} → ${DECISION_STAGE[logged.decision].toUpperCase()}. ${stageRule(stage)}.`,
    };
  }
  return { ok: true };
}
