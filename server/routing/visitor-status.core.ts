// What the visitor's panel says about their lead: being offered now, accepted, nobody can take
// it now (closed, busy or queued, with callback times), booked, ruled out. Pure: (facts, now).
import type { Stage, VisitorStatus } from '../../shared/api';
import { callbackSlots } from '../callbacks/slots';
import { isOpenAllAt, nextOpenAt } from './hours.core';
import { slotSchedules } from './slot-schedules.core';
import type { QueueReason, RoutingSnapshot } from './routing.types';

/** What the store reads about a lead for its visitor. */
export interface VisitorFacts {
  routing: 'waiting' | 'offered' | 'owned' | 'scheduled' | 'closed';
  stage: Stage;
  ownerId: string | null;
  ownerName: string | null;
  acceptedAt: number | null;
  capturedAt: number;
  hotAt: number | null;
  scheduledFor: number | null;
  queueReason: QueueReason | null;
  /** The promise shown while offering (the site's SLA, in seconds). */
  promiseSeconds: number;
  /** The site's link for visitors it will not call, if it set one. */
  endingUrl: string | null;
  /** A browser call's accepted offer (the lead asked to talk in the browser and a rep took it), else null. */
  callOfferId?: string | null;
  /** The meeting booked for the lead, when it is scheduled with a rep (read with the booking). */
  meeting?: { repName: string; end: number } | null;
  /** The lead's offers still `offered` in the store, with their reps' names: its visitor is told who is asked. */
  openOffers: ReadonlyArray<{ repName: string; offeredAt: number; expiresAt: number }>;
}

/** Stages whose visitor gets the courteous ending: nobody will call them. */
const RULED_OUT: readonly Stage[] = ['disqualified', 'suspect'];

/** A lead waiting for a reason that will not pass in seconds: its visitor is offered later times,
 * which needs the routing snapshot (read only then). */
export function waitsInQueue(f: VisitorFacts): boolean {
  return !f.ownerId && f.routing === 'waiting' && f.queueReason !== null && f.queueReason !== 'owner_wait' && !RULED_OUT.includes(f.stage);
}

/**
 * `snapshot` is needed when `waitsInQueue(f)`; without it such a lead reads as being offered.
 * `slots`: the meeting times free for it (server/booking/meeting-times.ts); without them, the
 * half hours inside the hours of the reps who could take it.
 */
export function decideVisitorStatus(f: VisitorFacts, snapshot: RoutingSnapshot | null, now: number, slots?: readonly string[]): VisitorStatus {
  if (f.ownerId) {
    const accepted = { state: 'accepted' as const, repName: f.ownerName ?? 'A rep', at: f.acceptedAt ?? f.capturedAt };
    // A browser call: the visitor's widget answers the rep's call for this offer.
    return f.callOfferId ? { ...accepted, call: { offerId: f.callOfferId } } : accepted;
  }
  if (f.routing === 'scheduled' && f.scheduledFor !== null) {
    const slot = new Date(f.scheduledFor).toISOString();
    return f.meeting
      ? { state: 'scheduled', slot, meeting: { repName: f.meeting.repName, endsAt: new Date(f.meeting.end).toISOString() } }
      : { state: 'scheduled', slot };
  }
  // A suspect must not learn they were flagged: the same ending as any disqualified visitor.
  if (RULED_OUT.includes(f.stage)) return { state: 'ended', link: f.endingUrl };
  if (f.routing === 'closed') return { state: 'closed' };
  if (snapshot && waitsInQueue(f)) return nobodyNow(snapshot, f.queueReason!, now, slots);
  return { state: 'waiting', since: f.hotAt ?? f.capturedAt, promiseSeconds: f.promiseSeconds, asking: askingNow(f.openOffers, now) };
}

/**
 * Who is asked to take the lead at `now`: the first name of each rep whose offer is open (not yet
 * past its expiry, as an accept's claim sees it), first offered first. First names only: the
 * visitor learns the full name of the one who accepts.
 */
export function askingNow(offers: VisitorFacts['openOffers'], now: number): string[] {
  return offers
    .filter((o) => o.expiresAt > now)
    .sort((a, b) => a.offeredAt - b.offeredAt)
    .map((o) => o.repName.trim().split(/\s+/)[0]!);
}

/**
 * Closed when no rep who could take the lead is inside their hours (whatever else routing saw:
 * offline reps at night are "closed", not "queued"), with the next opening; else busy when the
 * reps who are on are all occupied; else queued.
 */
function nobodyNow(s: RoutingSnapshot, reason: QueueReason, now: number, free?: readonly string[]): VisitorStatus {
  const schedules = slotSchedules(s);
  const slots = free ? [...free] : callbackSlots(now, schedules);
  // Nobody is looked for: the site's form asks its visitors to book a time.
  if (reason === 'visitor_books') return { state: 'no_rep', why: 'book', opensAt: null, slots };
  if (schedules.length && !schedules.some((hours) => isOpenAllAt(hours, now))) {
    const openings = schedules.map((hours) => nextOpenAt(hours, now)).filter((t) => t !== null);
    const opensAt = openings.length ? new Date(Math.min(...openings)).toISOString() : null;
    return { state: 'no_rep', why: 'closed', opensAt, slots };
  }
  return { state: 'no_rep', why: reason === 'all_busy' ? 'busy' : 'queued', opensAt: null, slots };
}
