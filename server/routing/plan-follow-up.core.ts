// The follow-up cadence: after a no-answer or voicemail, when is the next attempt, or is it over.
import { addBusinessDays } from './hours.core';
import type { Cadence, Hours } from './routing.types';

export { DEFAULT_CADENCE } from './routing-defaults';

export type FollowUpPlan = { kind: 'next'; attempt: number; dueAt: number } | { kind: 'nurture'; reason: string };

/**
 * `attemptsMade` counts the attempts without contact so far, this one included. The next attempt
 * is due the cadence's gap in business days later (of the owner's hours), at the same local time
 * or the next opening; after the last one the lead goes back to nurture.
 */
export function planFollowUp(attemptsMade: number, cadence: Cadence, hours: Hours, now: number): FollowUpPlan {
  const offsets = cadence.offsetsBusinessDays;
  if (attemptsMade >= offsets.length) return { kind: 'nurture', reason: `no contact after ${attemptsMade} attempts` };
  const gap = Math.max(0, offsets[attemptsMade]! - (offsets[attemptsMade - 1] ?? 0));
  return { kind: 'next', attempt: attemptsMade + 1, dueAt: addBusinessDays(now, gap, hours) };
}
