// Who holds a lead, changed by a person rather than by routing: a rep taking a warm MQL from the
// team's list, a supervisor reassigning a held lead or pushing an offer to a rep. Decided
// without the database from the rows the store read under its lock; both stores execute the plan.
import type { Stage } from '../../shared/api';
import { checkTransition } from '../../shared/lifecycle';
import type { LeadPlan, NewOffer, StageMove } from './lead-plan';

/** Who a trail line names when the acting user is gone. */
export const UNKNOWN_MANAGER = 'A manager';

export const holdText = {
  claimReason: 'Pulled from the warm MQL list',
  claimed: (repName: string) => `${repName} took this warm lead from the team's list`,
  reassigned: (byName: string, toName: string) => `${byName} reassigned this lead to ${toName}`,
  forceOfferReason: 'Offered by a supervisor',
  forceOffered: (repName: string, byName: string) => `Offered to ${repName} by ${byName}`,
};

/** The lead as a change of holder needs it. */
export interface HeldLead {
  stage: Stage;
  ownerId: string | null;
  routing: string;
  firstOfferedAt: number | null;
}

/** Only a warm lead nobody holds (an MQL with no owner and no open offer) can be pulled; it becomes the rep's SAL. */
export function planClaim(lead: HeldLead, rep: { id: string; name: string }, now: number): LeadPlan | 'not_available' {
  if (lead.ownerId !== null || lead.stage !== 'mql' || !['closed', 'waiting'].includes(lead.routing)) return 'not_available';
  if (!checkTransition(lead.stage, 'sal', null).ok) return 'not_available';
  return {
    lead: { ownerId: rep.id, routing: 'owned', acceptedAt: now, stage: 'sal' },
    moves: [{ from: 'mql', to: 'sal', actor: rep.id, reason: holdText.claimReason }],
    trail: [{ kind: 'accepted', text: holdText.claimed(rep.name) }],
  };
}

/** A held lead moves to another rep with its open follow-ups. */
export function planReassign(lead: Pick<HeldLead, 'ownerId'>, to: { id: string; name: string }, byName: string | null): LeadPlan | 'not_owned' {
  if (!lead.ownerId) return 'not_owned';
  return {
    lead: { ownerId: to.id },
    trail: [{ kind: 'reassigned', text: holdText.reassigned(byName ?? UNKNOWN_MANAGER, to.name) }],
    followUps: [{ kind: 'reassign', repId: to.id }],
  };
}

/** A supervisor pushing a lead to a rep is a decision that it should be called now: a lead or MQL turns hot. */
function forceOfferMove(stage: Stage, by: string): StageMove[] {
  if (stage !== 'lead' && stage !== 'mql') return [];
  return checkTransition(stage, 'hot', null).ok ? [{ from: stage, to: 'hot', actor: by, reason: holdText.forceOfferReason }] : [];
}

export function planForceOffer(
  lead: HeldLead,
  offer: { repId: string; repName: string; alreadyOffered: boolean },
  ctx: { by: string; byName: string | null; offerTimeoutMs: number; now: number; newId: () => string },
): { plan: LeadPlan; offer: NewOffer } | 'owned' | 'already_offered' {
  if (lead.ownerId) return 'owned';
  if (offer.alreadyOffered) return 'already_offered';
  const { now } = ctx;
  const made: NewOffer = { id: ctx.newId(), repId: offer.repId, expiresAt: now + ctx.offerTimeoutMs, step: 'team', ruleId: null };
  const moves = forceOfferMove(lead.stage, ctx.by);
  return {
    offer: made,
    plan: {
      offers: [made],
      lead: { routing: 'offered', firstOfferedAt: lead.firstOfferedAt ?? now, queueReason: null, ...(moves.length ? { stage: 'hot' as const } : {}) },
      moves,
      trail: [{ kind: 'offered', text: holdText.forceOffered(offer.repName, ctx.byName ?? UNKNOWN_MANAGER) }],
    },
  };
}
