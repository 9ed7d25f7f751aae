// Connecting a rep's calendar from the console: discover the calendars a login sees, connect one
// (only a calendar discovery returned, read once before it is saved, the app password sealed),
// show it without the password, test it, disconnect. Problems come back as field messages.
import type { GuardedFetch } from '../net';
import type { CalendarView } from '../../shared/console-api';
import type { CalendarPort } from './calendar-port';
import type { CalendarConnection, CalendarStore } from './calendar-store';
import { discoverCalendars, readEvents, type CalDavLogin, type DiscoveredCalendar } from './caldav-client';
import { davFetch, CalendarHttpFailure } from './dav-fetch';
import { CALENDAR_KEY_ENV, seal } from './credential-box';
import { failureText } from './calendar-failure';

/** Something the rep can fix, on the field to fix it in (`_` for the form as a whole). */
export class CalendarProblem extends Error {
  constructor(
    readonly status: 400 | 409,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'CalendarProblem';
  }
}

export const KEY_MISSING = `Connecting a calendar needs ${CALENDAR_KEY_ENV} set on the Sixty server (32 random bytes, e.g. \`openssl rand -base64 32\`), so app passwords are stored encrypted. Ask your administrator to set it.`;

export interface CalendarLoginInput extends CalDavLogin {
  serverUrl: string;
}

export interface CalendarConnector {
  canConnect: boolean;
  discover(input: CalendarLoginInput): Promise<DiscoveredCalendar[]>;
  connect(
    rep: { id: string; workspaceId: string; timeZone: string | null },
    input: CalendarLoginInput & { calendarUrl?: string | undefined },
  ): Promise<CalendarView>;
  view(repId: string): Promise<CalendarView | null>;
  /** Reads the calendar now (recording how it went) and answers the view after. */
  test(repId: string): Promise<CalendarView | null>;
  disconnect(repId: string): Promise<boolean>;
}

export function viewOf(c: CalendarConnection): CalendarView {
  return {
    serverUrl: c.serverUrl,
    calendarUrl: c.calendarUrl,
    displayName: c.displayName,
    username: c.username,
    state: c.state,
    connectedAt: c.connectedAt,
    lastReadOkAt: c.lastReadOkAt,
    downSince: c.downSince,
    lastError: c.lastError,
  };
}

/** A failure of discovery or the first read, on the field the rep should look at. */
function problemOf(err: unknown): CalendarProblem {
  if (err instanceof CalendarProblem) return err;
  const text = failureText(err);
  const message = text.charAt(0).toUpperCase() + text.slice(1);
  if (err instanceof CalendarHttpFailure && (err.status === 401 || err.status === 403))
    return new CalendarProblem(400, 'calendar_refused', message, { password: 'The server refused this username and app password' });
  return new CalendarProblem(400, 'calendar_unreachable', message, { serverUrl: message });
}

export function createCalendarConnector(deps: {
  calendars: CalendarStore;
  key: Buffer | null;
  outbound: GuardedFetch;
  port: CalendarPort;
  clock: () => number;
}): CalendarConnector {
  const fetch = davFetch(deps.outbound);
  const needKey = () => {
    if (!deps.key) throw new CalendarProblem(409, 'calendar_key_missing', KEY_MISSING);
    return deps.key;
  };
  async function discover(input: CalendarLoginInput) {
    needKey();
    try {
      return await discoverCalendars(input.serverUrl, input, fetch);
    } catch (err) {
      throw problemOf(err);
    }
  }
  async function view(repId: string) {
    const c = await deps.calendars.calendarOf(repId);
    return c ? viewOf(c) : null;
  }
  return {
    canConnect: deps.key !== null,
    discover,
    async connect(rep, input) {
      const key = needKey();
      const found = await discover(input);
      const chosen = input.calendarUrl ? found.find((c) => c.url === input.calendarUrl) : found.length === 1 ? found[0] : undefined;
      if (!chosen)
        throw new CalendarProblem(400, 'invalid', 'Pick one of your calendars', {
          calendarUrl: input.calendarUrl ? 'That calendar is not among this account’s calendars' : 'This account has several calendars: pick one',
        });
      const now = deps.clock();
      try {
        // One read before saving: a calendar that cannot be read is not connected.
        await readEvents(chosen.url, input, { start: now, end: now + 24 * 3600_000 }, fetch);
      } catch (err) {
        throw problemOf(err);
      }
      await deps.calendars.saveCalendar({
        repId: rep.id,
        workspaceId: rep.workspaceId,
        serverUrl: input.serverUrl,
        calendarUrl: chosen.url,
        displayName: chosen.displayName,
        username: input.username,
        sealedPassword: seal(key, input.password, rep.id),
        timeZone: chosen.timeZone ?? rep.timeZone,
        connectedAt: now,
      });
      return viewOf((await deps.calendars.calendarOf(rep.id))!);
    },
    view,
    async test(repId) {
      const now = deps.clock();
      await deps.port.freshBusyOf(repId, { start: now, end: now + 24 * 3600_000 }, now);
      return view(repId);
    },
    disconnect: (repId) => deps.calendars.removeCalendar(repId),
  };
}
