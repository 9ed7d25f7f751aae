// A known lead turns hot: by behaviour, by a hand-raise event, or by a new callback from a person
// whose lead is in nurture. Decides whether the lead goes to routing and what that writes; both
// stores execute the plan in one transaction (markHot), and the router offers it right after.
//
// "Returned from nurture": a lead in nurture whose person raises a hand again comes back as the
// same lead (its history, its owner), never as a second one. It is re-qualified (a callback brings
// fresh answers), its per-round timeline starts again from this hand-raise (SLA, accept, first
// call, outcome, attempts), the rep who had it is kept as `previousOwnerId` so routing offers it
// to them first while they are online, and the trail says how long it spent in nurture.
import type { Stage } from '../../shared/api';
import { checkTransition, stageFromQualification } from '../../shared/lifecycle';
import type { Qualification } from '../../shared/qualify/types';
import type { LeadColumns, LeadPlan, PlannedLine, StageMove } from './lead-plan';

/** Stages a lead may not be routed from when it turns hot again (a rep holds it, or it is ruled out). */
const NOT_ROUTABLE: readonly Stage[] = ['disqualified', 'suspect', 'sal', 'sql', 'opportunity', 'won', 'lost'];

export interface HotLead {
  stage: Stage;
  routing: string;
  ownerId: string | null;
  previousOwnerId: string | null;
}

/** What made a known lead hot, and what it brought. */
export interface HandRaise {
  /** As the trail says it, lower case: "asked for a callback", "hand-raise: demo_request". */
  cause: string;
  /** A new callback brings answers of its own: the lead is re-qualified with them. */
  requalified?: { answers: Record<string, string>; qualification: Qualification; pageUrl: string | null; timeZone: string | null };
}

export const BEHAVIOUR: HandRaise = { cause: 'turned hot from behaviour' };

export type HotPlan =
  /** Offered, owned or ruled out already: nothing changes. */
  | { kind: 'skip' }
  /** Already waiting for a rep: route it. */
  | { kind: 'waiting' }
  /** Write these, then route it (`route`), or leave it where it now stands (`stay`: re-qualified, not hot). */
  | { kind: 'route' | 'stay'; columns: LeadColumns; moves: StageMove[]; trail: PlannedLine[] };

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/** A stay in words: "40 min", "5 h", "12 days". */
export function spanText(ms: number): string {
  if (ms < HOUR_MS) return `${Math.max(1, Math.round(ms / 60_000))} min`;
  if (ms < 2 * DAY_MS) return `${Math.round(ms / HOUR_MS)} h`;
  return `${Math.round(ms / DAY_MS)} days`;
}

function requalifiedColumns(r: NonNullable<HandRaise['requalified']>): LeadColumns {
  const q = r.qualification;
  return {
    answers: JSON.stringify(r.answers),
    ...(r.pageUrl !== null ? { pageUrl: r.pageUrl } : {}),
    ...(r.timeZone !== null ? { timeZone: r.timeZone } : {}),
    score: q.score,
    fit: q.fit.status,
    fitReason: q.fit.reason ?? null,
    mql: q.mql,
    hot: q.hot,
    reasons: JSON.stringify(q.reasons),
    rulesVersion: q.rulesVersion,
  };
}

/**
 * `nurturedAt` is when the lead last went to nurture (its stage history), `slaMs` the site's
 * promise: the SLA clock starts again at this hand-raise.
 */
export function planTurnedHot(lead: HotLead, hand: HandRaise, ctx: { now: number; slaMs: number; nurturedAt: number | null }): HotPlan {
  const { now } = ctx;
  const waiting = { routing: 'waiting' as const, hot: true, hotAt: now, slaDueAt: now + ctx.slaMs, queueReason: null, roundStartedAt: now };

  if (lead.stage === 'nurture') {
    const q = hand.requalified?.qualification;
    const requalified = hand.requalified ? requalifiedColumns(hand.requalified) : {};
    const stay = ctx.nurturedAt !== null ? spanText(now - ctx.nurturedAt) : null;
    if (q && !q.hot) {
      // The new answers rule them out (or leave fit open): re-qualified, not routed.
      const to = stageFromQualification(q);
      const reason = q.fit.reason ?? null;
      const moves = to !== lead.stage && checkTransition(lead.stage, to, reason).ok ? [{ from: lead.stage, to, actor: 'system', reason }] : [];
      return {
        kind: 'stay',
        columns: { ...requalified, ...(moves.length ? { stage: to } : {}) },
        moves,
        trail: [
          {
            kind: 'qualified',
            text: `Raised a hand again${stay ? ` after ${stay} in nurture` : ''} (${hand.cause}), re-qualified as ${(moves.length ? to : lead.stage).toUpperCase()}: not routed`,
          },
        ],
      };
    }
    const previousOwnerId = lead.ownerId ?? lead.previousOwnerId;
    return {
      kind: 'route',
      columns: {
        ...requalified,
        ...waiting,
        stage: 'hot',
        scheduledFor: null,
        // A new round of the speed-to-lead timeline, measured from this hand-raise; the last
        // round stays on the trail.
        ownerId: null,
        previousOwnerId,
        acceptedAt: null,
        firstOfferedAt: null,
        firstCallAt: null,
        outcome: null,
        outcomeAt: null,
        contactAttempts: 0,
      },
      moves: [{ from: 'nurture', to: 'hot', actor: 'system', reason: `Returned from nurture: ${hand.cause}` }],
      trail: [
        {
          kind: 'returned',
          text: `Returned from nurture${stay ? ` after ${stay}` : ''}: ${hand.cause}. Routing to a rep now${previousOwnerId ? ', its previous owner first' : ''}`,
          data: { nurturedAt: ctx.nurturedAt, nurturedForMs: ctx.nurturedAt !== null ? now - ctx.nurturedAt : null, previousOwnerId },
        },
      ],
    };
  }

  if (lead.routing === 'waiting') return { kind: 'waiting' };
  if (lead.routing !== 'closed' || lead.ownerId || NOT_ROUTABLE.includes(lead.stage)) return { kind: 'skip' };
  const moves: StageMove[] = checkTransition(lead.stage, 'hot', null).ok
    ? [{ from: lead.stage, to: 'hot', actor: 'system', reason: 'Turned hot from behaviour' }]
    : [];
  return {
    kind: 'route',
    columns: { ...waiting, ...(moves.length ? { stage: 'hot' as const } : {}) },
    moves,
    trail: [{ kind: 'hot', text: 'Turned hot from behaviour: routing to a rep now' }],
  };
}

/** A plan that writes (`route` or `stay`) as both stores execute it. */
export function hotWrites(plan: Extract<HotPlan, { columns: LeadColumns }>): LeadPlan {
  return { ...(Object.keys(plan.columns).length ? { lead: plan.columns } : {}), moves: plan.moves, trail: plan.trail };
}
