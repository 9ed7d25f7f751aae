// What booking, moving and cancelling a meeting do to its lead: planned without the database,
// executed by both stores in the transaction that writes the booking.
import type { LeadPlan } from '../routing/lead-plan';
import { planBooking } from '../routing/plan-booking.core';

const when = (t: number) => new Date(t).toISOString();

/** A waiting lead is scheduled at the meeting's start (offered then, its SLA running from it). */
export function planMeeting(
  lead: { routing: string },
  m: { bookingId: string; start: number; repId: string; repName: string },
  slaMs: number,
): LeadPlan | null {
  const plan = planBooking(lead, m.start, slaMs);
  if (!plan) return null;
  const text = `Visitor booked a meeting with ${m.repName} at ${when(m.start)}`;
  return { ...plan, trail: [{ kind: 'meeting_booked', text, data: { at: m.start, repId: m.repId, bookingId: m.bookingId } }] };
}

/** A scheduled lead follows its meeting to the new time. */
export function planMeetingMoved(
  lead: { routing: string },
  m: { bookingId: string; from: number; to: number; repName: string },
  slaMs: number,
): LeadPlan | null {
  if (lead.routing !== 'scheduled') return null;
  return {
    lead: { scheduledFor: m.to, slaDueAt: m.to + slaMs, roundStartedAt: m.to },
    trail: [
      {
        kind: 'meeting_moved',
        text: `Visitor moved the meeting with ${m.repName} from ${when(m.from)} to ${when(m.to)}`,
        data: { from: m.from, at: m.to, bookingId: m.bookingId },
      },
    ],
  };
}

/** The visitor cancelled: nobody calls them at that time; the lead leaves the schedule. */
export function planMeetingCancelled(lead: { routing: string }, m: { bookingId: string; start: number; repName: string }): LeadPlan {
  const trail = [
    { kind: 'meeting_cancelled', text: `Visitor cancelled the meeting with ${m.repName} at ${when(m.start)}`, data: { at: m.start, bookingId: m.bookingId } },
  ];
  return lead.routing === 'scheduled' ? { lead: { routing: 'closed', scheduledFor: null, queueReason: null }, trail } : { trail };
}

/** The rep's call at or after the meeting's time: held, or a no-show (the visitor was not reached). */
export function planMeetingResult(m: { bookingId: string; start: number; repName: string }, result: 'meeting_held' | 'meeting_no_show'): LeadPlan {
  const text =
    result === 'meeting_held'
      ? `Meeting held: ${m.repName} reached the visitor at the meeting booked for ${when(m.start)}`
      : `No-show: ${m.repName} did not reach the visitor at the meeting booked for ${when(m.start)}`;
  return { trail: [{ kind: result, text, data: { at: m.start, bookingId: m.bookingId } }] };
}
