// A site's meeting settings: how long a booked meeting lasts, how soon one may start, and the
// gap kept free around each meeting in the rep's day. Read by the slots (booking-slots.core.ts).

export interface BookingSettings {
  /** Length of a booked meeting, in minutes. */
  meetingMinutes: number;
  /** The earliest start offered is this many minutes from now (time to be ready for the call). */
  noticeMinutes: number;
  /** Minutes kept free before and after each meeting, against the rep's other meetings and events. */
  bufferMinutes: number;
}

/**
 * Half-hour meetings, offered from 15 minutes on (the callback lead time Sixty always had: speed
 * is the point), with no gap forced around them. A site that needs preparation time raises them.
 */
export const DEFAULT_BOOKING: BookingSettings = { meetingMinutes: 30, noticeMinutes: 15, bufferMinutes: 0 };
