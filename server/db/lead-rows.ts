// What both dialects' lead operations write without touching the database: a captured lead's
// row and first trail lines. Shared so the SQLite and PostgreSQL stores tell reps the same story
// in the same words (what an outcome writes is planned in routing/plan-outcome.core.ts).
import { weeklyHours } from '../routing/hours.core';
import type * as t from './schema';
import type { CallbackCommand } from './store';

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
