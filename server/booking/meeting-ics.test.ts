// The meeting's iCalendar text, read back with ical.js: UID, SEQUENCE, times, organizer and
// attendees; REQUEST and CANCEL; the rep's copy explains the lead, the visitor's does not.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { Booking } from './booking-store';
import { calendarObject, itipMessage, visitorCopy, type MeetingDetails } from './meeting-ics';

const START = Date.parse('2026-11-24T14:00:00Z');
const booking: Booking = {
  id: 'b1',
  workspaceId: 'w',
  siteId: 's',
  leadId: 'lead-1',
  repId: 'dana',
  repName: 'Dana Reyes',
  repEmail: 'dana@demo.sixty',
  start: START,
  end: START + 30 * 60_000,
  status: 'active',
  uid: 'b1@sixty',
  sequence: 0,
};
const details: MeetingDetails = {
  booking,
  siteName: 'Acme',
  visitor: { name: 'Pat Lee', email: 'pat@example.com', phone: '+14155552671' },
  answers: [{ question: 'Projects', answer: 'Commercial' }],
  reasons: ['Asked for a call'],
  leadUrl: 'https://sixty.example/console/?lead=lead-1',
};

function event(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  const vevent = cal.getFirstSubcomponent('vevent')!;
  return { cal, vevent, ev: new ICAL.Event(vevent) };
}

describe('meeting iCalendar', () => {
  it("is stored in the rep's calendar without a METHOD, with the lead explained", () => {
    const { cal, vevent, ev } = event(calendarObject(details, START - 3_600_000));
    expect(cal.getFirstPropertyValue('method')).toBeNull();
    expect(ev.uid).toBe('b1@sixty');
    expect(ev.sequence).toBe(0);
    expect(ev.startDate.toJSDate().getTime()).toBe(START);
    expect(ev.endDate.toJSDate().getTime()).toBe(START + 30 * 60_000);
    expect(String(vevent.getFirstPropertyValue('organizer')).toLowerCase()).toBe('mailto:dana@demo.sixty');
    expect(ev.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual(['mailto:pat@example.com', 'mailto:dana@demo.sixty']);
    expect(ev.description).toContain('Projects: Commercial');
    expect(ev.description).toContain('Asked for a call');
    expect(ev.description).toContain('https://sixty.example/console/?lead=lead-1');
    expect(ev.location).toBe('Phone: +14155552671');
  });

  it('is a REQUEST for an active meeting and a CANCEL (status CANCELLED) once cancelled, with its SEQUENCE', () => {
    const req = event(itipMessage({ ...details, booking: { ...booking, sequence: 1 } }, 'visitor', START).ics);
    expect(req.cal.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(req.ev.sequence).toBe(1);
    // The visitor's copy says who calls them, not why they were scored hot.
    expect(req.ev.description).not.toContain('Why they are hot');
    const cancel = itipMessage({ ...details, booking: { ...booking, status: 'cancelled', sequence: 2 } }, 'rep', START);
    expect(cancel.method).toBe('CANCEL');
    const c = event(cancel.ics);
    expect(c.cal.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(c.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(c.ev.sequence).toBe(2);
  });

  it('leaves the visitor out of the attendees when they gave no email', () => {
    const { ev } = event(visitorCopy({ ...details, visitor: { ...details.visitor, email: null } }, START));
    expect(ev.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual(['mailto:dana@demo.sixty']);
  });
});
