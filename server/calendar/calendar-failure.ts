// What a failed calendar request says, for the connection's record and the server's log: the
// guard's, the server's or our own words, never a URL with credentials or a stack.
import { OutboundFailure } from '../net';
import { CalendarHttpFailure } from './dav-fetch';
import { CalendarKeyProblem } from './calendar-login';
import { NoCalendarsFound } from './caldav-client';

export function failureText(err: unknown): string {
  if (err instanceof OutboundFailure) {
    if (err.reason === 'refused') return 'Sixty may not reach this server (not public, and not in SIXTY_FETCH_ALLOW), or its name is unknown';
    if (err.reason === 'timeout') return 'the calendar server did not answer in time';
    if (err.reason === 'too_large') return 'the calendar server sent more than Sixty reads';
    return 'could not connect to the calendar server';
  }
  if (err instanceof CalendarHttpFailure || err instanceof CalendarKeyProblem || err instanceof NoCalendarsFound) return err.message;
  return 'the calendar server gave an answer Sixty could not read';
}
