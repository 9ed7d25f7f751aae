// The routing trail in words: what a rep or manager reads on the lead's timeline.
import type { QueueReason, SkipReason, Skip, SlaCause, Step, Strategy } from './routing.types';

export const SKIP_TEXT: Record<SkipReason, string> = {
  offline: 'offline',
  away: 'away',
  no_call_tab: 'no console tab that can take a browser call',
  declined: 'declined this lead',
  already_offered: 'already offered this lead',
  outside_hours: 'outside hours',
  missing_skill: 'missing a required skill',
  missing_language: 'does not speak the required language',
  outside_territory: 'outside territory',
  at_capacity: 'busy (at capacity)',
};

export const QUEUE_TEXT: Record<QueueReason, string> = {
  owner_wait: 'Waiting for the account owner',
  nobody_online: 'Nobody online: waiting in the queue',
  nobody_available: 'Nobody available: waiting in the queue',
  out_of_hours: 'Out of hours: waiting in the queue',
  all_busy: 'Everyone is busy: waiting in the queue',
  all_declined: 'Everyone declined: waiting in the queue',
  no_match: 'No rep has the required skills, language or territory: waiting in the queue',
  visitor_books: 'Waiting for the visitor to book a callback time (the site form asks them to)',
  unanswered: 'Nobody accepted after every escalation step: waiting in the queue (the visitor may book a time)',
};

export const SLA_TEXT: Record<SlaCause, string> = {
  nobody_online: 'nobody online',
  out_of_hours: 'out of hours',
  all_busy: 'everyone busy',
  all_declined: 'everyone declined',
  no_match: 'no rep matched the requirements',
  timeouts: 'offers not accepted in time',
};

export const STRATEGY_TEXT: Record<Strategy, string> = {
  round_robin: 'round robin',
  weighted: 'weighted',
  account_owner: 'account owner first',
  broadcast: 'broadcast',
};

export const STEP_TEXT: Record<Step, string> = {
  previous_owner: 'the rep who had it before nurture',
  booked_rep: 'the rep the meeting was booked with',
  owner: 'the account owner',
  team: 'the team',
  overflow: 'the overflow team',
  everyone: 'everyone online',
  device: 'reps on their devices',
  team_all: 'every rep of the team at once',
};

/** `Skipped Sam, Alex: offline; Kim: busy (at capacity)`: one line, grouped by reason. */
export function describeSkips(skipped: readonly Skip[]): string | null {
  if (!skipped.length) return null;
  const by = new Map<SkipReason, string[]>();
  for (const s of skipped) by.set(s.reason, [...(by.get(s.reason) ?? []), s.name]);
  return `Skipped ${[...by].map(([reason, names]) => `${names.join(', ')}: ${SKIP_TEXT[reason]}`).join('; ')}`;
}
