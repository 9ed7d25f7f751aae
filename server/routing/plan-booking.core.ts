// Writes about a lead's time: a visitor booking a callback slot, the SLA deadline passing without
// an accept, the rep's first call. Decided without the database; both stores execute the plan.
import type { LeadPlan, SlaBreachRow } from './lead-plan';
import { SLA_TEXT } from './routing-text';
import type { OfferRecord, QueueReason } from './routing.types';
import { slaBreachCause } from './sla-cause.core';

/** Only a lead waiting for a rep can be booked; its SLA then runs from the slot. */
export function planBooking(lead: { routing: string }, slotAt: number, slaMs: number): LeadPlan | null {
  if (lead.routing !== 'waiting') return null;
  return {
    lead: { routing: 'scheduled', scheduledFor: slotAt, slaDueAt: slotAt + slaMs, queueReason: null, roundStartedAt: slotAt },
    trail: [{ kind: 'scheduled', text: `Visitor asked to be called at ${new Date(slotAt).toISOString()}`, data: { at: slotAt } }],
  };
}

/** The lead as the SLA check reads it. */
export interface SlaLead {
  id: string;
  workspaceId: string;
  siteId: string;
  routing: string;
  slaDueAt: number | null;
  acceptedAt: number | null;
  queueReason: string | null;
}

/**
 * A breach when the deadline passed with no accept before it, recorded once per deadline
 * (`recorded`: a breach of this deadline exists). The cause reads the offers of this round (made
 * at or after the hand-raise the deadline counts from).
 */
export function planSlaBreach(
  lead: SlaLead,
  facts: { recorded: boolean; offers: ReadonlyArray<OfferRecord & { offeredAt: number }>; slaMs: number },
  now: number,
): { breach: SlaBreachRow; plan: LeadPlan } | null {
  const due = lead.slaDueAt;
  if (due === null || now < due) return null;
  if (lead.routing === 'closed' || lead.routing === 'scheduled') return null;
  if (lead.acceptedAt !== null && lead.acceptedAt <= due) return null;
  if (facts.recorded) return null;
  const round = facts.offers.filter((o) => o.offeredAt >= due - facts.slaMs);
  const cause = slaBreachCause(round, lead.queueReason as QueueReason | null);
  const breach: SlaBreachRow = { leadId: lead.id, workspaceId: lead.workspaceId, siteId: lead.siteId, dueAt: due, cause, at: now };
  return {
    breach,
    plan: {
      slaBreach: breach,
      trail: [{ kind: 'sla_breached', text: `SLA missed: no rep accepted within ${Math.round(facts.slaMs / 1000)} s (${SLA_TEXT[cause]})`, data: { cause } }],
    },
  };
}

/** The first call attempt on a lead (a click on its number) starts its call timeline once. */
export function planFirstCall(lead: { firstCallAt: number | null }, now: number): LeadPlan | null {
  if (lead.firstCallAt !== null) return null;
  return { lead: { firstCallAt: now }, trail: [{ kind: 'call', text: 'First call attempt' }] };
}
