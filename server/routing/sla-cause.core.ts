// Why a lead missed its SLA (hand-raise to accept), from what happened to it.
import type { OfferRecord, QueueReason, SlaCause } from './routing.types';

/** Default SLA target: a rep accepts within 60 seconds of the hand-raise. */
export const DEFAULT_SLA_MS = 60_000;

/**
 * Offers that ran out (or are still open at the deadline) mean timeouts; offers that were all
 * declined mean all declined; with no offer at all, the reason it waited.
 */
export function slaBreachCause(offers: readonly OfferRecord[], queued: QueueReason | null): SlaCause {
  if (offers.some((o) => o.status === 'expired' || o.status === 'offered')) return 'timeouts';
  if (offers.length && offers.every((o) => o.status === 'declined')) return 'all_declined';
  switch (queued) {
    case null:
    case 'owner_wait':
    // Never due while the visitor has not booked (the SLA runs from the slot): kept for safety.
    case 'visitor_books':
      return 'timeouts';
    case 'nobody_available':
      return 'nobody_online';
    // The ladder ran out after offers nobody took in time.
    case 'unanswered':
      return 'timeouts';
    default:
      return queued;
  }
}
