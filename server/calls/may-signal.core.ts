// Who may signal a browser call: only its two parties, and only while the call holds. The
// visitor's socket is scoped by its token to one lead; the rep's by their session.
import type { CallFacts } from '../db/store';

/** The socket asking: a visitor (the lead their token names) or a signed-in rep. */
export type CallParty = { kind: 'visitor'; leadId: string } | { kind: 'rep'; repId: string };

export type SignalDecision =
  | { ok: true; to: CallParty }
  /**
   * `not_found`: no such offer. `forbidden`: the socket is not a party of it (logged: someone
   * tried). `not_accepted`: it is still being offered. `ended`: declined, expired, taken by
   * another rep, the lead closed or reassigned.
   */
  | { ok: false; reason: 'not_found' | 'forbidden' | 'not_accepted' | 'ended' };

/**
 * May `party` signal for the offer these facts describe, and to whom does it go? The two parties
 * are the visitor of the offer's lead and the rep the offer was made to; the call holds while
 * that offer is accepted and the lead is still theirs and open.
 */
export function maySignal(party: CallParty, facts: CallFacts | null): SignalDecision {
  if (!facts) return { ok: false, reason: 'not_found' };
  const isParty = party.kind === 'visitor' ? party.leadId === facts.leadId : party.repId === facts.repId;
  if (!isParty) return { ok: false, reason: 'forbidden' };
  if (facts.offerStatus === 'offered') return { ok: false, reason: 'not_accepted' };
  const holds = facts.offerStatus === 'accepted' && facts.leadRouting === 'owned' && facts.leadOwnerId === facts.repId;
  if (!holds) return { ok: false, reason: 'ended' };
  return { ok: true, to: party.kind === 'visitor' ? { kind: 'rep', repId: facts.repId } : { kind: 'visitor', leadId: facts.leadId } };
}
