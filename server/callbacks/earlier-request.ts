import type { CallbackGuardStore } from './callback-guard-store';

/**
 * How long a repeat request waits for the request ahead of it to make its lead. Making a lead takes
 * milliseconds; a request still pending after this is stuck or its process died, and the repeat
 * goes on to make its own lead rather than leave the visitor waiting.
 */
export const WAIT_FOR_EARLIER_MS = 5000;
const POLL_MS = 20;

/**
 * The lead made by an earlier request that was still pending when this one was admitted (a double
 * submit, a retry without an idempotency key, the same person on two tabs), once it has one; null
 * when it made none (released, failed) or did not finish within `timeoutMs`. Polling the store
 * works the same in one process and across several, where no in-memory signal could reach.
 */
export async function leadOfEarlierRequest(
  guard: Pick<CallbackGuardStore, 'requestOutcome'>,
  requestId: number,
  timeoutMs = WAIT_FOR_EARLIER_MS,
): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await guard.requestOutcome(requestId);
    if (outcome === 'gone') return null;
    if (outcome !== 'pending') return outcome.leadId;
    if (Date.now() >= deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
