// On the queue, where a rep works: a line when their connected calendar cannot be read, so they
// learn it before visitors are offered times their calendar would have ruled out.
import { useEffect, useState } from 'preact/hooks';
import type { CalendarView } from '../../shared/console-api';
import { formatWhen } from '../format';
import { Link } from '../nav/Link';
import { calendarApi } from './calendar-api';
import './calendar-notice.css';

/** The state is kept fresh by the server's own reads; looking again each minute follows it. */
const CHECK_EVERY_MS = 60_000;

export function CalendarDownNotice() {
  const [calendar, setCalendar] = useState<CalendarView | null>(null);
  useEffect(() => {
    const look = () =>
      calendarApi.mine().then(
        (mine) => setCalendar(mine.calendar),
        // The queue works without it: a failed look changes nothing.
        () => undefined,
      );
    void look();
    const timer = setInterval(look, CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, []);
  if (calendar?.state !== 'down') return null;
  return (
    <p class="calendar-down-notice" role="status">
      <strong>Your calendar is unreachable since {formatWhen(calendar.downSince ?? Date.now(), Date.now())}</strong>: booked meetings are offered in your
      working hours around your Sixty bookings only. <Link to="/calendar">Check your calendar</Link>
    </p>
  );
}
