/** Store operations behind the callback protections (per-phone limit, repeat requests). */
export interface CallbackGuardStore {
  /** Whether this idempotency key was already used on the site (a retry: limits do not apply again). */
  keyUsed(siteId: string, key: string): Promise<boolean>;
  /** Times of the requests for this phone on the site since `since`, oldest first. */
  requestsForPhone(siteId: string, phone: string, since: number): Promise<number[]>;
  /** The lead of the latest request from this phone or email since `since`. */
  recentLead(siteId: string, phone: string, email: string | null, since: number): Promise<string | null>;
  /** Records a request; `repeat` also notes it on the lead's timeline. */
  record(r: { workspaceId: string; siteId: string; phone: string; email: string | null; leadId: string; at: number; repeat: boolean }): Promise<void>;
}
