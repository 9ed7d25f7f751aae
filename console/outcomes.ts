// Outcome choices for the form, from the zod-free shared constants.
import { OUTCOMES, OUTCOMES_NEEDING_REASON, type Outcome } from '../shared/outcomes';

/** Typed as a Record so adding an outcome fails to compile until it has a label. */
export const OUTCOME_LABELS: Record<Outcome, string> = {
  connected: 'Connected',
  no_answer: 'No answer',
  voicemail: 'Left a voicemail',
  wrong_number: 'Wrong number',
  sql: 'SQL',
  opportunity: 'Opportunity',
  nurture: 'Nurture',
  disqualified: 'Disqualified',
  suspect: 'Suspect',
};

export const OUTCOME_CHOICES: readonly Outcome[] = OUTCOMES;

/** The server enforces it too and its field message is shown. */
export function outcomeNeedsReason(outcome: Outcome): boolean {
  return OUTCOMES_NEEDING_REASON.includes(outcome);
}
