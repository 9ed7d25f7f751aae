// What logging a call does to a lead, decided without the database: whether the rep may log it
// (owner, stage rules, follow-up cadence), the lead's columns, its stage moves, trail lines, note
// and follow-ups. A save may carry a call result and a decision about the lead together
// (connected + SQL); both stores execute the plan in one transaction.
import type { SalesQualification, Stage } from '../../shared/api';
import { checkTransition } from '../../shared/lifecycle';
import { checkOutcome, DECISION_STAGE, NO_CONTACT_OUTCOMES, splitOutcome, type Outcome } from '../../shared/outcomes';
import type { OutcomeInput } from '../../shared/schemas/console.schema';
import type { LeadPlan, PlannedLine, StageMove } from './lead-plan';
import { planFollowUp } from './plan-follow-up.core';
import type { Cadence, Hours } from './routing.types';

export const OUTCOME_TEXT: Record<Outcome, string> = {
  connected: 'Connected',
  no_answer: 'No answer',
  voicemail: 'Left a voicemail',
  wrong_number: 'Wrong number',
  sql: 'Sales qualified (SQL)',
  opportunity: 'Opportunity opened',
  won: 'Deal won',
  lost: 'Deal lost',
  nurture: 'Back to nurture',
  disqualified: 'Disqualified',
  suspect: 'Suspect: never route again',
};

/** The four SQL answers as the trail says them, labelled as the rep's form labels them. */
const SALES_LABELS: Record<keyof SalesQualification, string> = {
  needs: 'Need',
  currentSolution: 'Current solution',
  decisionMaker: 'Decision maker',
  readyOrBudget: 'Ready to move / budget',
};

export const followUpText = (plan: { attempt: number; dueAt: number }) => `Next call attempt (${plan.attempt}) due ${new Date(plan.dueAt).toISOString()}`;

export const nurtureText = (reason: string) => `Back to nurture: ${reason}`;

/** The lead row as the plan needs it. */
export interface OutcomeLead {
  stage: Stage;
  ownerId: string | null;
  firstCallAt: number | null;
  contactAttempts: number;
}

export interface OutcomeContext {
  userId: string;
  /** The site's follow-up cadence and the hours whose business days count for the owner. */
  cadence: Cadence;
  hours: Hours;
  now: number;
}

export interface OutcomePlan {
  /** Every lead column the outcome sets, the final stage included. */
  columns: {
    stage: Stage;
    outcome: Outcome;
    outcomeAt: number;
    firstCallAt: number;
    contactAttempts: number;
    salesQualification?: string;
    routing?: 'closed';
  };
  /** In order: the rep's decision, then the cadence's own return to nurture. */
  moves: StageMove[];
  /** In order. */
  trail: PlannedLine[];
  note: string | null;
  /** How the lead's open follow-up closes (contact made or settled: done; wrong number: cancelled). */
  closeFollowUps: 'done' | 'cancelled';
  /** The next attempt after no contact, when the cadence has one. */
  nextFollowUp: { attempt: number; dueAt: number } | null;
}

export type OutcomeRefusal =
  | { error: 'not_owner' }
  /** The call result on a lead past the cadence, or a decision the stage machine forbids: 409 with the rule. */
  | { error: 'left_cadence' | 'stage_rule'; message: string }
  | { error: 'reason_required'; message: string };

function lineText(label: string, parts: ReadonlyArray<string | null | undefined>): string {
  const extra = parts.filter((s): s is string => !!s && !!s.trim()).join(' - ');
  return `${label}${extra ? `: ${extra}` : ''}`;
}

function salesText(q: SalesQualification): string {
  return (Object.keys(SALES_LABELS) as Array<keyof SalesQualification>).map((k) => `${SALES_LABELS[k]}: ${q[k]}`).join('; ');
}

export function planOutcome(
  lead: OutcomeLead,
  input: OutcomeInput,
  ctx: OutcomeContext,
): { ok: true; plan: OutcomePlan } | { ok: false; refusal: OutcomeRefusal } {
  if (lead.ownerId !== ctx.userId) return { ok: false, refusal: { error: 'not_owner' } };
  const logged = splitOutcome(input);
  const allowed = checkOutcome(lead.stage, logged);
  if (!allowed.ok) return { ok: false, refusal: { error: allowed.error, message: allowed.message } };
  const { now, userId } = ctx;
  const reason = input.reason?.trim() || null;
  const notes = input.notes?.trim() || null;

  const moves: StageMove[] = [];
  const trail: PlannedLine[] = [];
  let stage = lead.stage;
  if (logged.decision) {
    const to = DECISION_STAGE[logged.decision];
    const check = checkTransition(stage, to, reason);
    // The schema asks for the reason first; this holds for callers that skip it.
    if (!check.ok) return { ok: false, refusal: { error: 'reason_required', message: `A reason is required to move a lead to ${to.toUpperCase()}` } };
    moves.push({ from: stage, to, actor: userId, reason });
    stage = to;
  }
  // One line per part, the call first; the reason and notes go with the last.
  if (logged.call) trail.push({ kind: 'outcome', text: lineText(OUTCOME_TEXT[logged.call], logged.decision ? [] : [reason, notes]) });
  if (logged.decision) {
    const sales = logged.decision === 'sql' && input.qualification ? salesText(input.qualification) : null;
    trail.push({ kind: 'outcome', text: lineText(OUTCOME_TEXT[logged.decision], [reason, sales, notes]) });
  }

  const noContact = logged.call !== null && NO_CONTACT_OUTCOMES.includes(logged.call);
  const contactAttempts = lead.contactAttempts + (noContact ? 1 : 0);
  let nextFollowUp: OutcomePlan['nextFollowUp'] = null;
  let routing: 'closed' | undefined;
  // A decision settles the lead: the cadence only goes on after an attempt without one.
  if (noContact && !logged.decision) {
    const next = planFollowUp(contactAttempts, ctx.cadence, ctx.hours, now);
    if (next.kind === 'next') {
      nextFollowUp = { attempt: next.attempt, dueAt: next.dueAt };
      trail.push({ kind: 'follow_up', text: followUpText(next), data: { attempt: next.attempt, dueAt: next.dueAt } });
    } else {
      if (checkTransition(stage, 'nurture', next.reason).ok) {
        moves.push({ from: stage, to: 'nurture', actor: 'system', reason: next.reason });
        stage = 'nurture';
      }
      routing = 'closed';
      trail.push({ kind: 'nurture', text: nurtureText(next.reason), data: { reason: next.reason } });
    }
  }

  return {
    ok: true,
    plan: {
      columns: {
        stage,
        outcome: logged.decision ?? logged.call!,
        outcomeAt: now,
        // The first logged outcome is the first call attempt when no click on the number came before.
        firstCallAt: lead.firstCallAt ?? now,
        contactAttempts,
        ...(input.qualification && logged.decision === 'sql' ? { salesQualification: JSON.stringify(input.qualification) } : {}),
        ...(routing ? { routing } : {}),
      },
      moves,
      trail,
      note: notes,
      closeFollowUps: logged.call === 'wrong_number' ? 'cancelled' : 'done',
      nextFollowUp,
    },
  };
}

/** The outcome's writes as both stores execute them; `newId` names the next follow-up. */
export function outcomeWrites(plan: OutcomePlan, userId: string, newId: () => string): LeadPlan {
  const next = plan.nextFollowUp;
  return {
    lead: plan.columns,
    moves: plan.moves,
    ...(plan.note ? { note: { authorId: userId, text: plan.note } } : {}),
    trail: plan.trail,
    followUps: [
      { kind: 'close', status: plan.closeFollowUps },
      ...(next ? [{ kind: 'open' as const, id: newId(), repId: userId, attempt: next.attempt, dueAt: next.dueAt }] : []),
    ],
  };
}
