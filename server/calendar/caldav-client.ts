// Talking CalDAV to a rep's calendar server with tsdav, every request through the guarded fetch:
// discovery from a base URL (well-known, current-user-principal, calendar-home-set, calendars),
// reading a range's events (calendar-query with a time-range; recurrences are expanded by us),
// and writing or deleting one meeting by its UID.
import ICAL from 'ical.js';
import { calendarQuery, createAccount, fetchCalendars, getBasicAuthHeaders } from 'tsdav';
import type { TimeRange } from './calendar-port';
import { CalendarHttpFailure } from './dav-fetch';
import { isTimeZone } from '../../shared/schemas/routing-config.schema';

export interface CalDavLogin {
  username: string;
  password: string;
}

export interface DiscoveredCalendar {
  url: string;
  displayName: string;
  /** The calendar's own zone (calendar-timezone), for all-day and floating times; null when it names none. */
  timeZone: string | null;
}

/** Why discovery found nothing usable, beyond a refused address or credentials. */
export class NoCalendarsFound extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'NoCalendarsFound';
  }
}

function auth(login: CalDavLogin): Record<string, string> {
  return getBasicAuthHeaders({ username: login.username, password: login.password });
}

/** The TZID of a calendar-timezone VTIMEZONE, when it is a zone this runtime knows. */
function zoneOf(vtimezone: string | undefined): string | null {
  if (!vtimezone) return null;
  try {
    const tzid = new ICAL.Component(ICAL.parse(vtimezone)).getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid');
    return typeof tzid === 'string' && isTimeZone(tzid) ? tzid : null;
  } catch {
    return null;
  }
}

/** The calendars for events that this login can see from `serverUrl`, as CalDAV clients find them. */
export async function discoverCalendars(serverUrl: string, login: CalDavLogin, fetch: typeof globalThis.fetch): Promise<DiscoveredCalendar[]> {
  const headers = auth(login);
  let account;
  try {
    account = await createAccount({ account: { serverUrl, accountType: 'caldav', credentials: login }, headers, fetch });
  } catch (err) {
    // tsdav wraps what went wrong on the way: the guard's refusal and the server's 401 matter to the rep.
    throw rootCause(err) ?? new NoCalendarsFound('No CalDAV service was found at this address');
  }
  const calendars = await fetchCalendars({ account, headers, fetch });
  const forEvents = calendars.filter((c) => !c.components?.length || c.components.includes('VEVENT'));
  if (!forEvents.length) throw new NoCalendarsFound('This account has no calendar for events');
  return forEvents.map((c) => ({
    url: c.url,
    displayName: typeof c.displayName === 'string' && c.displayName ? c.displayName : new URL(c.url).pathname.split('/').filter(Boolean).pop()!,
    timeZone: zoneOf(c.timezone),
  }));
}

/** The first error in a cause chain that says something to the rep (the guard's or the server's). */
function rootCause(err: unknown): Error | null {
  for (let e: unknown = err; e instanceof Error; e = e.cause) if (e.name === 'OutboundFailure' || e instanceof CalendarHttpFailure) return e;
  return null;
}

/** CalDAV wants UTC times as 20260302T090000Z. */
function caldavTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/** The iCalendar texts of the events that touch `range` (recurring masters whole: expanded by us). */
export async function readEvents(calendarUrl: string, login: CalDavLogin, range: TimeRange, fetch: typeof globalThis.fetch): Promise<string[]> {
  const responses = await calendarQuery({
    url: calendarUrl,
    props: { 'd:getetag': {}, 'c:calendar-data': {} },
    filters: {
      'comp-filter': {
        _attributes: { name: 'VCALENDAR' },
        'comp-filter': { _attributes: { name: 'VEVENT' }, 'time-range': { _attributes: { start: caldavTime(range.start), end: caldavTime(range.end) } } },
      },
    },
    depth: '1',
    headers: auth(login),
    fetch,
  });
  const texts: string[] = [];
  for (const r of responses) {
    // A multistatus of no events is one response for the collection, without data.
    if (!r.ok && r.status !== 207 && r.status !== undefined) throw new Error(`the calendar server answered the query with HTTP ${r.status}`);
    const data = r.props?.calendarData;
    const text = typeof data === 'string' ? data : (data as { _cdata?: string } | undefined)?._cdata;
    if (text) texts.push(text);
  }
  return texts;
}

/** Where a meeting lives in the calendar: one resource per UID. */
export function meetingUrl(calendarUrl: string, uid: string): string {
  return new URL(`${encodeURIComponent(uid)}.ics`, calendarUrl.endsWith('/') ? calendarUrl : `${calendarUrl}/`).href;
}

/**
 * Creates the meeting, or replaces it when one with its UID is there: created only where none
 * exists (If-None-Match), else replaced only as last read (If-Match), so a change someone made
 * in between is not silently lost without a second look.
 */
export async function putEvent(calendarUrl: string, login: CalDavLogin, uid: string, ics: string, fetch: typeof globalThis.fetch): Promise<void> {
  const url = meetingUrl(calendarUrl, uid);
  const headers = { ...auth(login), 'content-type': 'text/calendar; charset=utf-8' };
  const created = await fetch(url, { method: 'PUT', headers: { ...headers, 'if-none-match': '*' }, body: ics });
  if (created.ok) return;
  if (created.status !== 412) throw new Error(`the calendar server refused the meeting (HTTP ${created.status})`);
  const current = await fetch(url, { method: 'GET', headers: auth(login) });
  const etag = current.headers.get('etag');
  const replaced = await fetch(url, { method: 'PUT', headers: { ...headers, ...(etag ? { 'if-match': etag } : {}) }, body: ics });
  if (!replaced.ok) throw new Error(`the calendar server refused the changed meeting (HTTP ${replaced.status})`);
}

/** Deletes the meeting; one already gone counts as deleted. */
export async function deleteEvent(calendarUrl: string, login: CalDavLogin, uid: string, fetch: typeof globalThis.fetch): Promise<void> {
  const res = await fetch(meetingUrl(calendarUrl, uid), { method: 'DELETE', headers: auth(login) });
  if (!res.ok && res.status !== 404 && res.status !== 410) throw new Error(`the calendar server refused to delete the meeting (HTTP ${res.status})`);
}
