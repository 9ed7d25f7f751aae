// What the calendar side keeps in the database: each rep's connected calendar and how its
// latest reads went. Both stores (server/db/sqlite/calendar-ops.ts, pg/calendar-ops.ts) give this.

/** A rep's connected calendar as stored (the app password sealed, never in plain text). */
export interface CalendarConnection {
  repId: string;
  workspaceId: string;
  serverUrl: string;
  calendarUrl: string;
  displayName: string;
  username: string;
  sealedPassword: string;
  timeZone: string | null;
  state: 'connected' | 'down';
  connectedAt: number;
  lastReadOkAt: number | null;
  lastFailedAt: number | null;
  downSince: number | null;
  lastError: string | null;
}

export type NewCalendarConnection = Pick<
  CalendarConnection,
  'repId' | 'workspaceId' | 'serverUrl' | 'calendarUrl' | 'displayName' | 'username' | 'sealedPassword' | 'timeZone' | 'connectedAt'
>;

/** A read's outcome: ok, or failed with a message that holds no credentials. */
export type CalendarReadOutcome = { ok: true; at: number } | { ok: false; at: number; error: string };

export interface CalendarStore {
  calendarOf(repId: string): Promise<CalendarConnection | null>;
  calendarsOf(repIds: readonly string[]): Promise<CalendarConnection[]>;
  /** Connects (or reconnects, replacing) the rep's calendar; it starts as connected and read ok. */
  saveCalendar(c: NewCalendarConnection): Promise<void>;
  /** Disconnects; true when there was one. */
  removeCalendar(repId: string): Promise<boolean>;
  /** Records a read: a failure sets `down` (keeping the first failure's time), a success clears it. */
  recordCalendarRead(repId: string, outcome: CalendarReadOutcome): Promise<void>;
}

/** The columns a read's outcome sets (both stores write these). */
export function readColumns(outcome: CalendarReadOutcome, downSince: number | null) {
  return outcome.ok
    ? { state: 'connected' as const, lastReadOkAt: outcome.at, downSince: null, lastError: null }
    : { state: 'down' as const, lastFailedAt: outcome.at, downSince: downSince ?? outcome.at, lastError: outcome.error.slice(0, 500) };
}

/** A connection row as the store reads it (both dialects' columns have the same names). */
export function connectionOf(row: Omit<CalendarConnection, 'state'> & { state: string }): CalendarConnection {
  return { ...row, state: row.state === 'down' ? 'down' : 'connected' };
}
