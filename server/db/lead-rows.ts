// What both dialects' lead operations write without touching the database: a captured lead's
// row and first trail lines, an outcome's columns and words, the follow-up trail. Shared so the
// SQLite and PostgreSQL stores tell reps the same story in the same words.
import type { Stage } from '../../shared/api';
import type { OutcomeInput } from '../../shared/schemas/console.schema';
import { weeklyHours } from '../routing/hours.core';
import type * as t from './schema';
import type { CallbackCommand } from './store';

/** Stage each logged outcome moves the lead to; null = it stays where it is. */
export const OUTCOME_STAGE: Record<OutcomeInput['outcome'], Stage | null> = {
  connected: null,
  no_answer: null,
  voicemail: null,
  wrong_number: null,
  sql: 'sql',
  opportunity: 'opportunity',
  nurture: 'nurture',
  disqualified: 'disqualified',
  suspect: 'suspect',
};

export const OUTCOME_TEXT: Record<OutcomeInput['outcome'], string> = {
  connected: 'Connected',
  no_answer: 'No answer',
  voicemail: 'Left a voicemail',
  wrong_number: 'Wrong number',
  sql: 'Sales qualified (SQL)',
  opportunity: 'Opportunity opened',
  nurture: 'Back to nurture',
  disqualified: 'Disqualified',
  suspect: 'Suspect: never route again',
};

/** Business days for a follow-up when the owner has no team or hours of their own. */
export const WEEKDAYS_9_TO_5 = weeklyHours('UTC', [1, 2, 3, 4, 5], '09:00', '17:00');

/** A captured callback's lead row, qualified and (when hot) waiting to be offered. */
export function capturedLeadRow(cmd: CallbackCommand, lead: { id: string; workspaceId: string; siteId: string }): typeof t.leads.$inferInsert {
  const q = cmd.qualification;
  return {
    ...lead,
    stage: 'visitor',
    name: cmd.name,
    phone: cmd.phoneE164,
    email: cmd.email,
    visitorId: cmd.visitorId,
    timeZone: cmd.timeZone ?? null,
    pageUrl: cmd.pageUrl,
    referrer: cmd.referrer ?? null,
    answers: JSON.stringify(cmd.answers),
    fit: q.fit.status,
    fitReason: q.fit.reason ?? null,
    score: q.score,
    mql: q.mql,
    hot: q.hot,
    reasons: JSON.stringify(q.reasons),
    rulesVersion: q.rulesVersion,
    // Only hot MQLs are offered live; the router offers this one right after the commit.
    routing: q.hot ? 'waiting' : 'closed',
    hotAt: q.hot ? cmd.now : null,
    slaDueAt: q.hot ? cmd.now + cmd.site.slaMs : null,
    roundStartedAt: cmd.now,
    capturedAt: cmd.now,
    qualifiedAt: cmd.now,
  };
}

/** A captured lead's first trail: the `captured` line, why it took its stage, the `qualified` line. */
export function captureTrail(cmd: CallbackCommand): { captured: string; why: string | null; qualified: string } {
  const q = cmd.qualification;
  const why = q.fit.status === 'fails' ? (q.fit.reason ?? 'Disqualified by a must-have answer') : q.reasons.map((r) => r.text).join('; ');
  return {
    captured: `Asked for a callback${cmd.pageUrl ? ` on ${cmd.pageUrl}` : ''}`,
    why: why || null,
    qualified: `Qualified as ${cmd.stage.toUpperCase()} (score ${q.score}, rules v${q.rulesVersion})`,
  };
}

/** The lead columns a logged outcome sets (the first call is this one when none was logged). */
export function outcomeColumns(lead: { firstCallAt: number | null }, input: OutcomeInput, now: number) {
  return {
    outcome: input.outcome,
    outcomeAt: now,
    firstCallAt: lead.firstCallAt ?? now,
    ...(input.qualification ? { salesQualification: JSON.stringify(input.qualification) } : {}),
  };
}

/** The trail line of a logged outcome, with its reason and notes. */
export function outcomeText(input: OutcomeInput): string {
  const extra = [input.reason, input.notes].filter((s) => s && s.trim()).join(' - ');
  return `${OUTCOME_TEXT[input.outcome]}${extra ? `: ${extra}` : ''}`;
}

export const followUpText = (plan: { attempt: number; dueAt: number }) => `Next call attempt (${plan.attempt}) due ${new Date(plan.dueAt).toISOString()}`;

export const nurtureText = (reason: string) => `Back to nurture: ${reason}`;
