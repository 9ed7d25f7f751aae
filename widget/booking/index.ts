// Entry of `sixty-booking.js`: the booking screens (the times to pick, the taken-time retry, the
// confirmation), registered as `sixty._booking`. Loaded by the live view only when nobody can
// call now or a meeting is booked; renders with the panel's Preact (widget/live/shared-preact.ts).
import type { BookingBundle, SixtyWindow } from '../contract';
import { BookingDone } from './BookingDone';
import { BookingTimes } from './BookingTimes';
import { BOOKING_CSS } from './styles';

const booking: BookingBundle = { BookingTimes, BookingDone, css: BOOKING_CSS };

const sixty = (window as SixtyWindow).sixty;
if (sixty && sixty._ui) sixty._booking = booking;
