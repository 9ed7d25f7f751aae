// When a rep is busy, from the calendar objects their CalDAV server returned for a range: every
// event that blocks time (not TRANSP:TRANSPARENT, not STATUS:CANCELLED), recurring series expanded
// here with ical.js (servers' own expansion varies), moved or cancelled occurrences
// (RECURRENCE-ID overrides, EXDATE) honoured, times read in their own zone (VTIMEZONE or an IANA
// TZID), all-day and floating times in the calendar's zone. Pure: same objects, same answer.
import { TZDate } from '@date-fns/tz';
import ICAL from 'ical.js';
import type { TimeRange } from './calendar-port';
import { mergeWithin, overlaps } from './intervals.core';
import { isTimeZone } from '../../shared/schemas/routing-config.schema';

/**
 * Occurrences of one series looked at, at most: a daily event started 40 years ago is about
 * 15 000; a rule that would go on much longer (FREQ=MINUTELY) stops here instead of spinning.
 */
export const MAX_OCCURRENCES = 50_000;

export interface BusyReading {
  busy: TimeRange[];
  /** Calendar objects that could not be parsed (skipped; logged by the caller). */
  unreadable: number;
}

/** Midnight at the start of a local date, or a wall-clock time, in `zone`. */
function wallClock(t: ICAL.Time, zone: string): number {
  return new TZDate(t.year, t.month - 1, t.day, t.isDate ? 0 : t.hour, t.isDate ? 0 : t.minute, t.isDate ? 0 : t.second, zone).getTime();
}

/**
 * An instant of an iCalendar time. `tzid` is the property's TZID, for a time whose zone has no
 * VTIMEZONE in the object (then ical.js reads it as floating; an IANA name still says where).
 */
function instantOf(t: ICAL.Time, tzid: string | null, zone: string): number {
  if (t.isDate) return wallClock(t, zone);
  if (t.zone && t.zone.tzid !== 'floating') return t.toUnixTime() * 1000;
  return wallClock(t, tzid && isTimeZone(tzid) ? tzid : zone);
}

function blocksTime(component: ICAL.Component): boolean {
  const transp = String(component.getFirstPropertyValue('transp') ?? 'OPAQUE').toUpperCase();
  const status = String(component.getFirstPropertyValue('status') ?? '').toUpperCase();
  return transp !== 'TRANSPARENT' && status !== 'CANCELLED';
}

function tzidOf(component: ICAL.Component): string | null {
  const param = component.getFirstProperty('dtstart')?.getParameter('tzid');
  return typeof param === 'string' ? param : null;
}

/** One occurrence's interval; an all-day event without an end lasts its day. */
function intervalOf(start: ICAL.Time, end: ICAL.Time, tzid: string | null, zone: string): TimeRange {
  const from = instantOf(start, tzid, zone);
  let to = instantOf(end, tzid, zone);
  if (to <= from && start.isDate) {
    const next = start.clone();
    next.day += 1;
    to = instantOf(next, tzid, zone);
  }
  return { start: from, end: to };
}

function single(event: ICAL.Event, zone: string): TimeRange | null {
  if (!blocksTime(event.component)) return null;
  return intervalOf(event.startDate, event.endDate, tzidOf(event.component), zone);
}

/** A series' occurrences that come from its master (overrides are read on their own). */
function occurrences(master: ICAL.Event, range: TimeRange, zone: string): TimeRange[] {
  if (!blocksTime(master.component)) return [];
  const tzid = tzidOf(master.component);
  const found: TimeRange[] = [];
  const iterator = master.iterator();
  for (let i = 0; i < MAX_OCCURRENCES; i++) {
    const next = iterator.next();
    if (!next) break;
    const details = master.getOccurrenceDetails(next);
    const interval = intervalOf(details.startDate, details.endDate, tzid, zone);
    if (interval.start >= range.end) break;
    if (details.item === master && overlaps(interval, range)) found.push(interval);
  }
  return found;
}

function eventsOf(ics: string): ICAL.Event[][] {
  const root = new ICAL.Component(ICAL.parse(ics));
  const byUid = new Map<string, ICAL.Component[]>();
  for (const vevent of root.getAllSubcomponents('vevent')) {
    const uid = String(vevent.getFirstPropertyValue('uid') ?? '');
    byUid.set(uid, [...(byUid.get(uid) ?? []), vevent]);
  }
  return [...byUid.values()].map((components) => {
    const master = components.find((c) => !c.hasProperty('recurrence-id'));
    const overrides = components.filter((c) => c !== master).map((c) => new ICAL.Event(c));
    if (!master) return overrides;
    const event = new ICAL.Event(master);
    // Related, so the master's iteration knows which occurrences were moved or changed.
    for (const o of overrides) event.relateException(o);
    return [event, ...overrides];
  });
}

/** One calendar object's busy times; throws on text ical.js cannot read. */
function busyOfObject(ics: string, range: TimeRange, zone: string): TimeRange[] {
  const busy: TimeRange[] = [];
  for (const events of eventsOf(ics))
    for (const event of events) {
      if (event.isRecurring() && !event.isRecurrenceException()) busy.push(...occurrences(event, range, zone));
      else {
        const interval = single(event, zone);
        if (interval) busy.push(interval);
      }
    }
  return busy;
}

/** The busy times within `range` of these calendar objects (iCalendar texts); `zone` is the calendar's. */
export function busyTimes(objects: readonly string[], range: TimeRange, zone: string): BusyReading {
  const busy: TimeRange[] = [];
  let unreadable = 0;
  for (const ics of objects) {
    try {
      busy.push(...busyOfObject(ics, range, zone));
    } catch {
      unreadable++;
    }
  }
  return { busy: mergeWithin(busy, range), unreadable };
}
