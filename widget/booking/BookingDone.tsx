// The booked meeting's confirmation: who calls, which number, and the meeting to add to the
// visitor's own calendar (an .ics file from the server, granted by the visitor's token).
import type { BookingDoneProps } from '../contract';
import { fill } from '../fill';
import { BOOKING_EN } from './texts';

export function BookingDone({ origin, lead, phone, t }: BookingDoneProps) {
  const own = { ...BOOKING_EN, ...t };
  const ics = `${origin}/v1/callbacks/${encodeURIComponent(lead.leadId)}/meeting.ics?token=${encodeURIComponent(lead.visitorToken)}`;
  return (
    <div class="booking booking-done">
      <p class="live-detail">{fill(own.bookedDetail, { phone })}</p>
      <a class="live-link" href={ics} download="meeting.ics" data-sixty-add-to-calendar>
        {own.addToCalendar}
      </a>
    </div>
  );
}
