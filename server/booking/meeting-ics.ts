// The iCalendar text of a booked meeting (ical-generator 10): as the rep's calendar stores it (no
// METHOD), as an iTIP invite or cancel (METHOD:REQUEST / CANCEL, RFC 5546), and as a rep's feed.
// Pure: the same booking, details and `now` always give the same text.
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import type { Booking } from './booking-store';

/** What the meeting says about the lead; `forRep` parts are never sent to the visitor. */
export interface MeetingDetails {
  booking: Booking;
  siteName: string;
  visitor: { name: string; email: string | null; phone: string };
  /** The must-have answers, as the rep reads them on the lead card. */
  answers: ReadonlyArray<{ question: string; answer: string }>;
  /** Why the lead was hot (the score's reasons). */
  reasons: readonly string[];
  /** The lead card in the console. */
  leadUrl: string;
}

export type Audience = 'rep' | 'visitor';

const PROD_ID = { company: 'Sixty', product: 'Sixty', language: 'EN' } as const;

/** The rep's copy explains the lead; the visitor's copy only says who calls them and how. */
function describe(d: MeetingDetails, audience: Audience): { summary: string; description: string } {
  if (audience === 'visitor') {
    return {
      summary: `Call with ${d.booking.repName} (${d.siteName})`,
      description: `${d.booking.repName} of ${d.siteName} will call you at ${d.visitor.phone}.`,
    };
  }
  const lines = [
    `${d.visitor.name} booked this call on ${d.siteName}. Call them at ${d.visitor.phone}.`,
    '',
    'Their answers:',
    ...(d.answers.length ? d.answers.map((a) => `- ${a.question}: ${a.answer}`) : ['- (none)']),
    '',
    'Why they are hot:',
    ...(d.reasons.length ? d.reasons.map((r) => `- ${r}`) : ['- They asked for a call']),
    '',
    `Lead card: ${d.leadUrl}`,
  ];
  return { summary: `Call with ${d.visitor.name} (${d.siteName})`, description: lines.join('\n') };
}

function addMeeting(cal: ICalCalendar, d: MeetingDetails, audience: Audience, now: number) {
  const { booking } = d;
  const { summary, description } = describe(d, audience);
  const organizer = { name: booking.repName, email: booking.repEmail };
  const attendees = [
    ...(d.visitor.email
      ? [{ name: d.visitor.name, email: d.visitor.email, rsvp: true, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.NEEDSACTION }]
      : []),
    { name: booking.repName, email: booking.repEmail, role: ICalAttendeeRole.CHAIR, status: ICalAttendeeStatus.ACCEPTED },
  ];
  cal.createEvent({
    id: booking.uid,
    sequence: booking.sequence,
    stamp: new Date(now),
    start: new Date(booking.start),
    end: new Date(booking.end),
    summary,
    description,
    location: `Phone: ${d.visitor.phone}`,
    organizer,
    attendees,
    status: booking.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    ...(audience === 'rep' ? { url: d.leadUrl } : {}),
  });
}

/** The event as the rep's calendar stores it: one VEVENT, no METHOD (RFC 4791). */
export function calendarObject(d: MeetingDetails, now: number): string {
  const cal = ical({ prodId: PROD_ID });
  addMeeting(cal, d, 'rep', now);
  return cal.toString();
}

/** The iTIP message mailed to an attendee: REQUEST for a new or moved meeting, CANCEL once cancelled. */
export function itipMessage(d: MeetingDetails, audience: Audience, now: number): { method: 'REQUEST' | 'CANCEL'; ics: string } {
  const method = d.booking.status === 'cancelled' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  const cal = ical({ prodId: PROD_ID, method });
  addMeeting(cal, d, audience, now);
  return { method: method === ICalCalendarMethod.CANCEL ? 'CANCEL' : 'REQUEST', ics: cal.toString() };
}

/** The visitor's add-to-calendar file: their copy of the meeting, no METHOD (a plain import). */
export function visitorCopy(d: MeetingDetails, now: number): string {
  const cal = ical({ prodId: PROD_ID });
  addMeeting(cal, d, 'visitor', now);
  return cal.toString();
}

/** A rep's private feed: every upcoming meeting, as a subscribed calendar reads it. */
export function meetingFeed(repName: string, meetings: readonly MeetingDetails[], now: number): string {
  const cal = ical({ prodId: PROD_ID, name: `Sixty meetings of ${repName}`, ttl: 15 * 60 });
  for (const d of meetings) addMeeting(cal, d, 'rep', now);
  return cal.toString();
}
