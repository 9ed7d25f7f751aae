// The CalendarPort booking uses, over each rep's connected CalDAV calendar: busy times from a
// per-rep cache refreshed in the background, a fresh read before a booking commits, and the
// booked meeting written and removed. A calendar that cannot be read answers `down` (booking then
// falls back to hours and Sixty's own bookings) and the failure is recorded for the console.
import type { Logger } from 'pino';
import type { GuardedFetch } from '../net';
import type { CalendarMeeting, CalendarPort, RepBusy, TimeRange, WriteResult } from './calendar-port';
import type { CalendarConnection, CalendarStore } from './calendar-store';
import { busyTimes } from './busy-times.core';
import { cacheUse, type CachedBusy } from './busy-cache.core';
import { covers, mergeWithin } from './intervals.core';
import { deleteEvent, putEvent, readEvents, type CalDavLogin } from './caldav-client';
import { davFetch } from './dav-fetch';
import { clientScheduled } from './client-scheduled.core';
import { loginOf } from './calendar-login';
import { failureText } from './calendar-failure';

/**
 * A read covers a little more than asked: the widget asks from "now" to a fortnight ahead, a
 * moment later the same span shifted by seconds; reading to a day past the end lets those asks
 * share one read.
 */
export const READ_AHEAD_MS = 24 * 3600_000;
const HOUR = 3600_000;
/**
 * Servers match all-day and floating events against a time-range as if they were UTC, while we
 * read them in the calendar's zone (UTC-12 to UTC+14): the query reaches that far past each end.
 */
const ZONE_SLACK_MS = 14 * HOUR;

export interface CalendarPortDeps {
  calendars: CalendarStore;
  /** SIXTY_CALENDAR_KEY; null: connected calendars cannot be opened (they read as down). */
  key: Buffer | null;
  outbound: GuardedFetch;
  log: Logger;
  /** For the time a read is recorded at (the port's callers pass `now` for the cache). */
  clock: () => number;
}

/** A calendar port over reps' CalDAV calendars (see the file's head). */
export function calendarPort(deps: CalendarPortDeps): CalendarPort {
  const { calendars, log } = deps;
  const fetch = davFetch(deps.outbound);
  const cache = new Map<string, CachedBusy>();
  /** The read under way per rep; callers whose range it covers share it. */
  const reading = new Map<string, { source: string; window: TimeRange; writes: number; done: Promise<CachedBusy> }>();
  /** Bumped by each meeting written: a read started before it does not know the meeting. */
  const writes = new Map<string, number>();

  const sourceOf = (c: CalendarConnection) => `${c.calendarUrl}@${c.connectedAt}`;
  const none = (repId: string): RepBusy => ({ repId, busy: [], calendar: 'none', readAt: null });
  const down = (repId: string): RepBusy => ({ repId, busy: [], calendar: 'down', readAt: null });
  const fromCache = (repId: string, entry: CachedBusy, range: TimeRange): RepBusy =>
    entry.busy ? { repId, busy: mergeWithin(entry.busy, range), calendar: 'connected', readAt: entry.readAt } : down(repId);

  async function record(c: CalendarConnection, error: unknown | null) {
    const at = deps.clock();
    try {
      await calendars.recordCalendarRead(c.repId, error === null ? { ok: true, at } : { ok: false, at, error: failureText(error) });
    } catch (err) {
      log.warn({ err, repId: c.repId }, 'calendar: could not record a read');
    }
  }

  async function readNow(c: CalendarConnection, window: TimeRange, now: number): Promise<CachedBusy> {
    const source = sourceOf(c);
    try {
      const login = loginOf(deps.key, c);
      const objects = await readEvents(c.calendarUrl, login, { start: window.start - ZONE_SLACK_MS, end: window.end + ZONE_SLACK_MS }, fetch);
      const { busy, unreadable } = busyTimes(objects, window, c.timeZone ?? 'UTC');
      if (unreadable) log.warn({ repId: c.repId, unreadable }, 'calendar: skipped events it could not read');
      await record(c, null);
      return { source, window, busy, readAt: now };
    } catch (err) {
      log.warn({ repId: c.repId, reason: failureText(err) }, 'calendar: read failed');
      await record(c, err);
      // Cached like a read, so a calendar that hangs is not waited on by every ask within the TTL.
      return { source, window, busy: null, readAt: now };
    }
  }

  function read(c: CalendarConnection, range: TimeRange, now: number): Promise<CachedBusy> {
    const writesBefore = writes.get(c.repId) ?? 0;
    const running = reading.get(c.repId);
    if (running && running.source === sourceOf(c) && running.writes === writesBefore && covers(running.window, range)) return running.done;
    const window = { start: Math.floor(range.start / HOUR) * HOUR, end: range.end + READ_AHEAD_MS };
    const done = readNow(c, window, now).then((entry) => {
      if ((writes.get(c.repId) ?? 0) === writesBefore) cache.set(c.repId, entry);
      if (reading.get(c.repId)?.done === done) reading.delete(c.repId);
      return entry;
    });
    reading.set(c.repId, { source: sourceOf(c), window, writes: writesBefore, done });
    return done;
  }

  async function busyOfOne(c: CalendarConnection, range: TimeRange, now: number): Promise<RepBusy> {
    const entry = cache.get(c.repId);
    const use = cacheUse(entry, sourceOf(c), range, now);
    if (use === 'miss') return fromCache(c.repId, await read(c, range, now), range);
    if (use === 'stale') void read(c, range, now);
    return fromCache(c.repId, entry!, range);
  }

  async function write(repId: string, what: string, op: (c: CalendarConnection, login: CalDavLogin) => Promise<void>): Promise<WriteResult> {
    let c: CalendarConnection | null = null;
    try {
      c = await calendars.calendarOf(repId);
      if (!c) return 'no-calendar';
      await op(c, loginOf(deps.key, c));
      // Our own meeting changed the rep's busy times: the next ask reads again.
      writes.set(repId, (writes.get(repId) ?? 0) + 1);
      cache.delete(repId);
      return 'written';
    } catch (err) {
      log.warn({ repId, reason: failureText(err) }, `calendar: ${what} failed`);
      if (c) await record(c, err);
      return 'failed';
    }
  }

  return {
    async busyOf(repIds, range, now) {
      try {
        const connected = new Map((await calendars.calendarsOf(repIds)).map((c) => [c.repId, c]));
        return await Promise.all(repIds.map((id) => (connected.has(id) ? busyOfOne(connected.get(id)!, range, now) : none(id))));
      } catch (err) {
        log.warn({ err }, 'calendar: busy times unavailable');
        return repIds.map(down);
      }
    },
    async freshBusyOf(repId, range, now) {
      try {
        const c = await calendars.calendarOf(repId);
        if (!c) return none(repId);
        // A read already under way may have started before the caller's moment: wait for it, then read.
        await reading.get(repId)?.done;
        return fromCache(repId, await read(c, range, now), range);
      } catch (err) {
        log.warn({ err, repId }, 'calendar: busy times unavailable');
        return down(repId);
      }
    },
    putMeeting: (repId, meeting: CalendarMeeting) =>
      write(repId, 'writing a meeting', (c, login) => putEvent(c.calendarUrl, login, meeting.uid, clientScheduled(meeting.ics), fetch)),
    removeMeeting: (repId, uid) => write(repId, 'removing a meeting', (c, login) => deleteEvent(c.calendarUrl, login, uid, fetch)),
  };
}
