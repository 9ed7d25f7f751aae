// What logging a call or a decision does to a lead, decided without the database: whether the rep
// (or a CRM through an API key) may log it (owner, stage rules, follow-up cadence, currency), the
// lead's columns (the deal's value and close time included), its stage moves, trail lines, note
// and follow-ups. A save may carry a call result and a decision about the lead together
// (connected + SQL); both stores execute the plan in one transaction. The console's outcome form
// and `PATCH /v1/leads/:id/outcome` both come here, so the rules live once.
import type { SalesQualification, Stage } from '../../shared/api';
import { checkTransition } from '../../shared/lifecycle';
import { formatMoney } from '../../shared/money';
import { CLOSING_DECISIONS, checkOutcome, DECISION_STAGE, isDealDecision, NO_CONTACT_OUTCOMES, splitOutcome, type Outcome } from '../../shared/outcomes';
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

/**
 * Who logs the outcome: a user in the console (the lead's rep; a manager or admin, `manager`,
 * may also decide about a lead someone else owns, closing a deal say, but not log calls on it),
 * or a CRM through one of the workspace's API keys.
 */
export type OutcomeActor = { kind: 'rep'; userId: string; manager?: boolean } | { kind: 'api_key'; keyId: string; name: string };

/** How the actor is recorded on stage changes (`stage_changes.actor`, the webhook's `actor`). */
export function actorId(actor: OutcomeActor): string {
  return actor.kind === 'rep' ? actor.userId : `api_key:${actor.keyId}`;
}

/** What an outcome may carry besides the console form's fields: the currency a CRM says its value is in. */
export type OutcomeRequest = OutcomeInput & { currency?: string | undefined };

export interface OutcomeContext {
  actor: OutcomeActor;
  /** The workspace's ISO 4217 currency: values are in it, and the trail says them in it. */
  currency: string;
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
    firstCallAt: number | null;
    contactAttempts: number;
    /** Set when a value came with opportunity, won or lost. */
    dealValue?: number;
    /** Now for won or lost; cleared when a deal is (re)opened. */
    closedAt?: number | null;
    salesQualification?: string;
    routing?: 'closed';
  };
  /** In order: the rep's decision, then the cadence's own return to nurture. */
  moves: StageMove[];
  /** In order. */
  trail: PlannedLine[];
  note: { authorId: string; text: string } | null;
  /** How the lead's open follow-up closes (contact made or settled: done; wrong number: cancelled). */
  closeFollowUps: 'done' | 'cancelled';
  /** The next attempt after no contact, when the cadence has one, for the rep who logged it. */
  nextFollowUp: { repId: string; attempt: number; dueAt: number } | null;
}

export type OutcomeRefusal =
  | { error: 'not_owner' }
  /** The call result on a lead past the cadence, or a decision the stage machine forbids: 409 with the rule. */
  | { error: 'left_cadence' | 'stage_rule'; message: string }
  | { error: 'reason_required'; message: string }
  /** A CRM named another currency than the workspace's: values are never converted. */
  | { error: 'currency_mismatch'; message: string };

function lineText(label: string, parts: ReadonlyArray<string | null | undefined>): string {
  const extra = parts.filter((s): s is string => !!s && !!s.trim()).join(' - ');
  return `${label}${extra ? `: ${extra}` : ''}`;
}

function salesText(q: SalesQualification): string {
  return (Object.keys(SALES_LABELS) as Array<keyof SalesQualification>).map((k) => `${SALES_LABELS[k]}: ${q[k]}`).join('; ');
}

/** The deal's value as the trail says it. */
const valueText = (value: number, currency: string) => `Value ${formatMoney(value, currency, 'en')}`;

export function planOutcome(
  lead: OutcomeLead,
  input: OutcomeRequest,
  ctx: OutcomeContext,
): { ok: true; plan: OutcomePlan } | { ok: false; refusal: OutcomeRefusal } {
  const { now, actor } = ctx;
  const logged = splitOutcome(input);
  // A rep logs on their own lead; a manager decides on anyone's; a CRM's key speaks for the whole workspace. Calls are the owner's.
  const owner = actor.kind === 'rep' && lead.ownerId === actor.userId;
  if (actor.kind === 'rep' && !owner && (!actor.manager || logged.call)) return { ok: false, refusal: { error: 'not_owner' } };
  if (input.currency !== undefined && input.currency !== ctx.currency) {
    return {
      ok: false,
      refusal: { error: 'currency_mismatch', message: `This workspace's deals are in ${ctx.currency}: send the value in ${ctx.currency}` },
    };
  }
  if (actor.kind === 'api_key' && logged.call) return { ok: false, refusal: { error: 'left_cadence', message: 'Call results are logged by the rep' } };
  const allowed = checkOutcome(lead.stage, logged);
  if (!allowed.ok) return { ok: false, refusal: { error: allowed.error, message: allowed.message } };
  const moveActor = actorId(actor);
  const reason = input.reason?.trim() || null;
  const notes = input.notes?.trim() || null;
  const value = logged.decision && isDealDecision(logged.decision) ? input.value : undefined;

  const moves: StageMove[] = [];
  const trail: PlannedLine[] = [];
  let stage = lead.stage;
  if (logged.decision) {
    const to = DECISION_STAGE[logged.decision];
    const check = checkTransition(stage, to, reason);
    // The schema asks for the reason first; this holds for callers that skip it.
    if (!check.ok) return { ok: false, refusal: { error: 'reason_required', message: `A reason is required to move a lead to ${to.toUpperCase()}` } };
    moves.push({ from: stage, to, actor: moveActor, reason });
    stage = to;
  }
  // One line per part, the call first; the reason and notes go with the last.
  if (logged.call) trail.push({ kind: 'outcome', text: lineText(OUTCOME_TEXT[logged.call], logged.decision ? [] : [reason, notes]) });
  if (logged.decision) {
    const sales = logged.decision === 'sql' && input.qualification ? salesText(input.qualification) : null;
    const worth = value !== undefined ? valueText(value, ctx.currency) : null;
    const via = actor.kind === 'api_key' ? ` (via API key ${actor.name})` : '';
    trail.push({ kind: 'outcome', text: lineText(OUTCOME_TEXT[logged.decision], [worth, reason, sales, notes]) + via });
  }

  const noContact = logged.call !== null && NO_CONTACT_OUTCOMES.includes(logged.call);
  const contactAttempts = lead.contactAttempts + (noContact ? 1 : 0);
  let nextFollowUp: OutcomePlan['nextFollowUp'] = null;
  let routing: 'closed' | undefined;
  // A decision settles the lead: the cadence only goes on after an attempt without one.
  if (noContact && !logged.decision) {
    const next = planFollowUp(contactAttempts, ctx.cadence, ctx.hours, now);
    if (next.kind === 'next') {
      nextFollowUp = { repId: moveActor, attempt: next.attempt, dueAt: next.dueAt };
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
        // The owner's first logged outcome is the first call attempt when no click on the number came before; a CRM or a manager made no call.
        firstCallAt: owner ? (lead.firstCallAt ?? now) : lead.firstCallAt,
        contactAttempts,
        ...(value !== undefined ? { dealValue: value } : {}),
        ...(logged.decision && (CLOSING_DECISIONS as readonly Outcome[]).includes(logged.decision) ? { closedAt: now } : {}),
        // A deal opened again (lost -> opportunity) is open: it no longer counts as closed.
        ...(logged.decision === 'opportunity' ? { closedAt: null } : {}),
        ...(input.qualification && logged.decision === 'sql' ? { salesQualification: JSON.stringify(input.qualification) } : {}),
        ...(routing ? { routing } : {}),
      },
      moves,
      trail,
      note: notes && actor.kind === 'rep' ? { authorId: actor.userId, text: notes } : null,
      closeFollowUps: logged.call === 'wrong_number' ? 'cancelled' : 'done',
      nextFollowUp,
    },
  };
}

/** The outcome's writes as both stores execute them; `newId` names the next follow-up. */
export function outcomeWrites(plan: OutcomePlan, newId: () => string): LeadPlan {
  const next = plan.nextFollowUp;
  return {
    lead: plan.columns,
    moves: plan.moves,
    ...(plan.note ? { note: plan.note } : {}),
    trail: plan.trail,
    followUps: [
      { kind: 'close', status: plan.closeFollowUps },
      ...(next ? [{ kind: 'open' as const, id: newId(), repId: next.repId, attempt: next.attempt, dueAt: next.dueAt }] : []),
    ],
  };
}
