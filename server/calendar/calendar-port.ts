// The seam between booking (server/booking/) and a rep's own calendar (server/calendar/). Booking
// asks when reps are busy and writes the meetings it books; the calendar side answers from the
// rep's CalDAV server (through the guarded fetch module) or says it cannot. Times are epoch ms.

/** A half-open interval [start, end). */
export interface TimeRange {
  start: number;
  end: number;
}

/**
 * `connected`: busy times come from the rep's calendar. `none`: the rep connected no calendar
 * (their Sixty bookings are all that is known). `down`: a calendar is connected but could not be
 * read lately; slots fall back to team hours and the rep's Sixty bookings, and the console says so.
 */
export type CalendarState = 'connected' | 'none' | 'down';

export interface RepBusy {
  repId: string;
  /** Busy times from the rep's calendar that overlap the asked range (empty unless `connected`). */
  busy: TimeRange[];
  calendar: CalendarState;
  /** When these busy times were read from the calendar (null when never). */
  readAt: number | null;
}

/** A meeting as a calendar stores it: the iCalendar text (one VEVENT, no METHOD) and its UID. */
export interface CalendarMeeting {
  uid: string;
  ics: string;
}

export type WriteResult = 'written' | 'no-calendar' | 'failed';

export interface CalendarPort {
  /** Busy times of each rep over `range`, from a short-lived cache refreshed in the background. Never throws. */
  busyOf(repIds: readonly string[], range: TimeRange, now: number): Promise<RepBusy[]>;
  /** The same for one rep, read from the calendar now (right before a booking is committed). Never throws. */
  freshBusyOf(repId: string, range: TimeRange, now: number): Promise<RepBusy>;
  /** Creates or replaces the meeting (same UID) in the rep's calendar. Never throws. */
  putMeeting(repId: string, meeting: CalendarMeeting): Promise<WriteResult>;
  /** Deletes the meeting from the rep's calendar. Never throws. */
  removeMeeting(repId: string, uid: string): Promise<WriteResult>;
}

/** Nobody has a calendar: what booking sees until a calendar is connected, and in its own tests. */
export const NO_CALENDARS: CalendarPort = {
  busyOf: async (repIds) => repIds.map((repId) => ({ repId, busy: [], calendar: 'none', readAt: null })),
  freshBusyOf: async (repId) => ({ repId, busy: [], calendar: 'none', readAt: null }),
  putMeeting: async () => 'no-calendar',
  removeMeeting: async () => 'no-calendar',
};
