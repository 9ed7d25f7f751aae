/** Store operations behind the callback protections (per-phone limit, repeat requests). */
export interface CallbackGuardStore {
  /** Whether this idempotency key was already used on the site (a retry: limits do not apply again). */
  keyUsed(siteId: string, key: string): Promise<boolean>;
  /**
   * Admits a request for this phone, atomically: when the phone had fewer than `limit` requests
   * in the workspace (any of its sites) since `since` (or `limit` is null), records this one as pending and returns its
   * id. Counting and recording in one step is what makes the daily cap hold against a burst of
   * simultaneous requests, in one process or across several. With `pendingSince`, also names the
   * latest request for this phone on this site admitted since then and not settled yet (`ahead`): a repeat that
   * arrived while the first was still making its lead.
   */
  admit(r: {
    workspaceId: string;
    siteId: string;
    phone: string;
    email: string | null;
    at: number;
    limit: number | null;
    since: number;
    pendingSince?: number | null;
  }): Promise<Admission>;
  /** The lead of the latest settled request from this phone or email since `since` (phone null: by email only). */
  recentLead(siteId: string, phone: string | null, email: string | null, since: number): Promise<string | null>;
  /** The site's latest lead with this phone when it is in nurture (whatever its age), else null. */
  nurturedLead(siteId: string, phone: string): Promise<string | null>;
  /**
   * Ties an admitted request to its lead; a `note` (a repeat joining the lead) also goes on the lead's
   * timeline, and a `phone` becomes the lead's number when it had none (a browser call's lead, then a
   * callback asked for on the phone).
   */
  settle(r: { requestId: number; workspaceId: string; leadId: string; at: number; note: string | null; phone?: string | null }): Promise<void>;
  /** What became of an admitted request: its lead, still pending, or gone (released, pruned, erased). */
  requestOutcome(requestId: number): Promise<RequestOutcome>;
  /** Forgets an admitted request that made no lead (an idempotent replay, a conflict, a failure). */
  release(requestId: number): Promise<void>;
  /**
   * Housekeeping: forgets requests from before `before` (past every window they count in) and
   * pending ones from before `pendingBefore` (their process died between admitting and settling;
   * without this they would hold a slot of the phone's daily cap until the day was over).
   * Returns how many rows went.
   */
  prune(before: number, pendingBefore: number): Promise<number>;
}

/**
 * Admitted, with the pending request's id (and the earlier one still pending, if asked); or over
 * the cap until `retryAt`.
 */
export type Admission = { ok: true; requestId: number; ahead: number | null } | { ok: false; retryAt: number };

export type RequestOutcome = { leadId: string } | 'pending' | 'gone';

/** A request's row (undefined when it is gone) read with its lead (null when that was erased). */
export function outcomeOf(row: { settledTo: string | null; leadId: string | null } | undefined): RequestOutcome {
  if (!row) return 'gone';
  if (row.settledTo === null) return 'pending';
  return row.leadId === null ? 'gone' : { leadId: row.leadId };
}

/** When the oldest of the last `limit` requests leaves the window, a slot frees up. */
export function retryAtOf(times: number[], limit: number, windowMs: number): number {
  return times[times.length - limit]! + windowMs;
}
