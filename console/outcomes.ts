// Outcome choices for the form, from the zod-free shared constants. What the form offers for a
// lead comes from the stage machine (shared/outcomes.ts -> shared/lifecycle.ts), never a list of
// its own: a rep is never shown a choice the server would refuse.
import type { Stage } from '../shared/api';
import { OUTCOMES_NEEDING_REASON, outcomeChoices, type Outcome, type OutcomeChoices } from '../shared/outcomes';

/** Typed as a Record so adding an outcome fails to compile until it has a label. */
export const OUTCOME_LABELS: Record<Outcome, string> = {
  connected: 'Connected',
  no_answer: 'No answer',
  voicemail: 'Left a voicemail',
  wrong_number: 'Wrong number',
  sql: 'SQL',
  opportunity: 'Opportunity',
  won: 'Won',
  lost: 'Lost',
  nurture: 'Nurture',
  disqualified: 'Disqualified',
  suspect: 'Suspect',
};

/** The call results and lead decisions the form offers on a lead at `stage`. */
export function formChoices(stage: Stage): OutcomeChoices {
  return outcomeChoices(stage);
}

/** The server enforces it too and its field message is shown. */
export function outcomeNeedsReason(outcome: Outcome): boolean {
  return OUTCOMES_NEEDING_REASON.includes(outcome);
}
