// A connection's CalDAV login, its app password unsealed only for the request that needs it.
import type { CalDavLogin } from './caldav-client';
import type { CalendarConnection } from './calendar-store';
import { CALENDAR_KEY_ENV, unseal } from './credential-box';

/** The key is missing or is not the one the password was sealed with: the rep must reconnect (or the operator restore the key). */
export class CalendarKeyProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarKeyProblem';
  }
}

export function loginOf(key: Buffer | null, c: Pick<CalendarConnection, 'repId' | 'username' | 'sealedPassword'>): CalDavLogin {
  if (!key) throw new CalendarKeyProblem(`${CALENDAR_KEY_ENV} is not set, so the saved app password cannot be read`);
  try {
    return { username: c.username, password: unseal(key, c.sealedPassword, c.repId) };
  } catch {
    throw new CalendarKeyProblem(`the saved app password does not open with this ${CALENDAR_KEY_ENV}; reconnect the calendar`);
  }
}
