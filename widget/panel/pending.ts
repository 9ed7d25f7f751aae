// A callback request not yet acknowledged, kept in sessionStorage (when the visitor's consent
// allows storage) so that leaving the page does not lose it: the loader reopens the panel on the
// next page and the panel resends it with the same idempotency key.
import type { CallbackRequest } from '../../shared/schemas/callback.schema';
import { PENDING_KEY, readStore, writeStore } from '../storage';

export interface Pending {
  key: string;
  body: CallbackRequest;
  /** Where it goes when not `/v1/callbacks`: a mapped host form's submission (widget/track/host-forms.ts). */
  path?: string;
  /** The number to echo when the body has none of its own (a host form's). */
  phone?: string;
}

export function readPending(): Pending | null {
  try {
    const p = JSON.parse(readStore(PENDING_KEY, 'sessionStorage') || 'null') as Pending | null;
    return p && typeof p.key === 'string' && p.body && (typeof p.body.phone === 'string' || typeof p.path === 'string') ? p : null;
  } catch {
    return null;
  }
}

/** Keeps `pending`, or forgets it when null. */
export function keepPending(pending: Pending | null): void {
  writeStore(PENDING_KEY, pending && JSON.stringify(pending), 'sessionStorage');
}
