// A booked meeting as it goes into the rep's calendar: Sixty mails the iTIP invites itself, so the
// organizer and attendees are marked SCHEDULE-AGENT=CLIENT (RFC 6638). A CalDAV server that
// schedules (iCloud, Nextcloud, Fastmail) then stores the event without sending its own invitations
// on top of Sixty's.
import ICAL from 'ical.js';

export function clientScheduled(ics: string): string {
  const root = new ICAL.Component(ICAL.parse(ics));
  for (const vevent of root.getAllSubcomponents('vevent'))
    for (const prop of [...vevent.getAllProperties('organizer'), ...vevent.getAllProperties('attendee')])
      if (!prop.getParameter('schedule-agent')) prop.setParameter('schedule-agent', 'CLIENT');
  return root.toString();
}
