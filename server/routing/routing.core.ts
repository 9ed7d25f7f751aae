// Pure routing decisions: who gets the next offer for a lead, and why others were skipped.
// No I/O and no clock reads: the adapter passes in what it knows and `now`.

/** Default capacity (issue: 1 open offer and 5 active leads at once). */
export const DEFAULT_OFFER_CAPACITY = 1;
export const DEFAULT_ACTIVE_LEAD_CAPACITY = 5;

export interface RepCandidate {
  repId: string;
  name: string;
  online: boolean;
  presence: 'available' | 'away';
  openOffers: number;
  activeLeads: number;
  /** Null when never offered: such reps go first, in a stable order (never random). */
  lastOfferedAt: number | null;
  /** This rep already had this lead (declined or let it expire). */
  alreadyTried: boolean;
  /** Tie-breaker so the order is total and deterministic. */
  joinedAt: number;
}

export type SkipReason = 'offline' | 'away' | 'at_capacity' | 'already_tried';

export interface RoutingDecision {
  repId: string | null;
  skipped: Array<{ repId: string; name: string; reason: SkipReason }>;
}

/**
 * Round robin that stays fair when people come and go: the least recently offered among the
 * eligible reps wins; reps never offered go first, ordered by when they joined.
 */
export function chooseRep(candidates: readonly RepCandidate[], _now: number): RoutingDecision {
  const skipped: RoutingDecision['skipped'] = [];
  const eligible: RepCandidate[] = [];
  for (const c of candidates) {
    const reason = skipReason(c);
    if (reason) skipped.push({ repId: c.repId, name: c.name, reason });
    else eligible.push(c);
  }
  eligible.sort(byLeastRecentlyOffered);
  return { repId: eligible[0]?.repId ?? null, skipped };
}

function skipReason(c: RepCandidate): SkipReason | null {
  if (!c.online) return 'offline';
  if (c.presence !== 'available') return 'away';
  if (c.alreadyTried) return 'already_tried';
  if (c.openOffers >= DEFAULT_OFFER_CAPACITY || c.activeLeads >= DEFAULT_ACTIVE_LEAD_CAPACITY) return 'at_capacity';
  return null;
}

function byLeastRecentlyOffered(a: RepCandidate, b: RepCandidate): number {
  const la = a.lastOfferedAt ?? -Infinity;
  const lb = b.lastOfferedAt ?? -Infinity;
  if (la !== lb) return la < lb ? -1 : 1;
  if (a.joinedAt !== b.joinedAt) return a.joinedAt - b.joinedAt;
  return a.repId < b.repId ? -1 : a.repId > b.repId ? 1 : 0;
}

/** Human words for the routing trail. */
export const SKIP_TEXT: Record<SkipReason, string> = {
  offline: 'offline',
  away: 'away',
  at_capacity: 'at capacity',
  already_tried: 'already offered this lead',
};
