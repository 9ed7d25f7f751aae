// The mails a booked, moved or cancelled meeting sends: an iTIP invite to the visitor (when they
// gave an email) and to the rep, each with its own copy of the event and the time in their own
// zone (the visitor's browser's, the rep's hours'), named.
import type { Mail } from '../mail/mailer';
import { itipMessage, type Audience, type MeetingDetails } from './meeting-ics';

/** "Tue, Nov 24, 9:00 AM EST" in a zone (UTC when unknown or invalid). */
export function meetingTime(at: number, timeZone: string | null): string {
  const opts: Intl.DateTimeFormatOptions = { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };
  try {
    return new Intl.DateTimeFormat('en-US', { ...opts, timeZone: timeZone ?? 'UTC' }).format(at);
  } catch {
    return new Intl.DateTimeFormat('en-US', { ...opts, timeZone: 'UTC' }).format(at);
  }
}

export function meetingMails(d: MeetingDetails, o: { now: number; visitorZone: string | null; repZone: string | null; manageUrl: string }): Mail[] {
  const { booking, visitor } = d;
  const cancelled = booking.status === 'cancelled';
  const moved = !cancelled && booking.sequence > 0;
  const mail = (to: string, audience: Audience, subject: string, text: string): Mail => {
    const { method, ics } = itipMessage(d, audience, o.now);
    return { to, subject, text, calendar: { method, ics, filename: cancelled ? 'cancel.ics' : 'invite.ics' } };
  };
  const mails: Mail[] = [];
  if (visitor.email) {
    const when = meetingTime(booking.start, o.visitorZone);
    const subject = cancelled ? `Cancelled: your call with ${booking.repName}` : `${moved ? 'Moved' : 'Booked'}: your call with ${booking.repName}, ${when}`;
    const text = cancelled
      ? `Your call with ${booking.repName} of ${d.siteName} on ${when} is cancelled.\n`
      : `${booking.repName} of ${d.siteName} will call you at ${visitor.phone} on ${when}.\n\nNeed another time, or to cancel? ${o.manageUrl}\n`;
    mails.push(mail(visitor.email, 'visitor', subject, text));
  }
  if (booking.repEmail) {
    const when = meetingTime(booking.start, o.repZone);
    const subject = cancelled ? `Cancelled: call with ${visitor.name}, ${when}` : `${moved ? 'Moved' : 'Booked'}: call with ${visitor.name}, ${when}`;
    const answers = d.answers.map((a) => `- ${a.question}: ${a.answer}`).join('\n');
    const text = cancelled
      ? `${visitor.name} cancelled the call on ${when}.\n\nLead card: ${d.leadUrl}\n`
      : `${visitor.name} booked a call with you on ${when}. Call them at ${visitor.phone}.\n\n${answers}\n\nLead card: ${d.leadUrl}\n`;
    mails.push(mail(booking.repEmail, 'rep', subject, text));
  }
  return mails;
}
