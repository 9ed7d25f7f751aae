// Whether a rep's cached busy times can answer a question: pure, taking `now`.
import type { TimeRange } from './calendar-port';
import { covers } from './intervals.core';

/**
 * How long a read answers without a refresh. Slots shown to a visitor may be up to this stale
 * (a meeting the rep just added in their own app shows within a minute), while a page of slots
 * for several reps costs no CalDAV round trip; booking itself re-reads (freshBusyOf).
 */
export const BUSY_TTL_MS = 60_000;

/** One read of a rep's calendar, for the connection it was read with. */
export interface CachedBusy {
  /** The connection's calendar URL and connect time: a reconnect makes older reads useless. */
  source: string;
  window: TimeRange;
  /** Null: the read failed (the calendar is down). */
  busy: TimeRange[] | null;
  readAt: number;
}

/** `fresh`: answer from it; `stale`: answer from it and refresh in the background; `miss`: read now. */
export type CacheUse = 'fresh' | 'stale' | 'miss';

export function cacheUse(entry: CachedBusy | undefined, source: string, range: TimeRange, now: number): CacheUse {
  if (!entry || entry.source !== source || !covers(entry.window, range)) return 'miss';
  return now - entry.readAt < BUSY_TTL_MS ? 'fresh' : 'stale';
}
