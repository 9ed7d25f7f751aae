// What the right to erasure means in both dialects: what it reports, who it is about, which
// tables hang off a lead, and when a visitor's stored traits name the person.
import type { ErasureResult } from '../../shared/console-api';

/** What an erasure reports: rows removed per table (the console's answer type, one shape). */
export type { ErasureResult };

/** Tables keyed by lead id, deleted before the leads themselves (foreign keys). */
export const BY_LEAD = [
  'lead_events',
  'lead_notes',
  'stage_changes',
  'offers',
  'follow_ups',
  'sla_breaches',
  'idempotency_keys',
  'callback_requests',
  'form_submissions',
  // A booked meeting holds no contact details, but its times and rep say who met whom.
  'bookings',
  // The capture's own touch (its page and referrer); session touches go with the visitor.
  'visitor_touches',
  // A browser call's record: when, how long, who hung up (no audio is ever kept).
  'browser_calls',
] as const;

export interface Subject {
  /** E.164. */
  phone: string | null;
  email: string | null;
  /** Whether a phone typed into a site's form is this person's (parsed in the site's region). */
  phoneMatches: (typed: string, siteId: string) => boolean;
}

export function traitsMention(traits: string, siteId: string, who: Subject): boolean {
  try {
    const t = JSON.parse(traits) as Record<string, unknown>;
    if (who.email !== null && typeof t.email === 'string' && t.email.toLowerCase() === who.email.toLowerCase()) return true;
    return who.phone !== null && typeof t.phone === 'string' && who.phoneMatches(t.phone, siteId);
  } catch {
    return false;
  }
}
