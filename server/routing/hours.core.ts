// Opening hours: is it open at an instant, when does it next open, what is N business days on.
// Pure: every function takes the instant (no clock reads); zone offsets and daylight saving
// come from @date-fns/tz, so no offset arithmetic is written here.
import { TZDate } from '@date-fns/tz';
import type { Hours, HoursInterval } from './routing.types';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Open around the clock (UTC): the fallback when no team is configured. */
export const ALWAYS_OPEN: Hours = {
  timeZone: 'UTC',
  weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '00:00', close: '24:00' })),
  holidays: [],
};

/** The same opening time on the given ISO weekdays. */
export function weeklyHours(timeZone: string, days: number[], open: string, close: string, holidays: string[] = []): Hours {
  return { timeZone, weekly: days.map((day) => ({ day, open, close })), holidays };
}

export interface LocalTime {
  /** `YYYY-MM-DD` in the zone. */
  date: string;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

// Results repeat (many checks per routing decision), so local times are cached by minute.
const localCache = new Map<string, LocalTime>();
const LOCAL_CACHE_MAX = 20_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** The local date, weekday and minute of an instant in a time zone. */
export function localTime(at: number, timeZone: string): LocalTime {
  const minute = Math.floor(at / MINUTE);
  const key = `${timeZone}|${minute}`;
  const hit = localCache.get(key);
  if (hit) return hit;
  const local = new TZDate(minute * MINUTE, timeZone);
  const date = `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
  const lt = { date, weekday: local.getDay() || 7, minutes: local.getHours() * 60 + local.getMinutes() };
  if (localCache.size >= LOCAL_CACHE_MAX) localCache.clear();
  localCache.set(key, lt);
  return lt;
}

/** ISO weekday of a `YYYY-MM-DD` date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const dow = new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay();
  return dow === 0 ? 7 : dow;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/**
 * The instant of a local date and minute in a zone. A time the spring-forward gap skips lands an
 * hour later (02:30 becomes 03:30); a time the fall-back repeats is its second (standard-time) one.
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new TZDate(y!, m! - 1, d!, 0, minutes, timeZone).getTime();
}

const parsed = new Map<string, number>();
export function minutesOf(hhmm: string): number {
  let v = parsed.get(hhmm);
  if (v === undefined) {
    const [h, m] = hhmm.split(':').map(Number);
    v = (h ?? 0) * 60 + (m ?? 0);
    parsed.set(hhmm, v);
  }
  return v;
}

export function isOpenAt(hours: Hours, at: number): boolean {
  const lt = localTime(at, hours.timeZone);
  if (hours.holidays.includes(lt.date)) return false;
  return hours.weekly.some((iv) => iv.day === lt.weekday && minutesOf(iv.open) <= lt.minutes && lt.minutes < minutesOf(iv.close));
}

/** Open in every one of the hours at once (a team's hours narrowed by a rep's own). */
export function isOpenAllAt(hours: readonly Hours[], at: number): boolean {
  return hours.every((h) => isOpenAt(h, at));
}

/** Look this many days ahead for an opening (covers long holidays). */
const HORIZON_DAYS = 21;

/**
 * The first instant at or after `from` when every one of the hours is open, or null when none
 * within three weeks. An intersection of intervals opens where one of them opens, so only
 * `from` and the interval openings need checking.
 */
export function nextOpenAt(hours: readonly Hours[], from: number): number | null {
  if (isOpenAllAt(hours, from)) return from;
  const candidates: number[] = [];
  for (const h of hours) {
    const start = localTime(from, h.timeZone).date;
    for (let i = 0; i <= HORIZON_DAYS; i++) {
      const date = addDays(start, i);
      const weekday = weekdayOf(date);
      for (const iv of h.weekly) {
        if (iv.day !== weekday) continue;
        const t = zonedInstant(date, minutesOf(iv.open), h.timeZone);
        if (t > from) candidates.push(t);
      }
    }
  }
  candidates.sort((a, b) => a - b);
  for (const t of candidates) if (isOpenAllAt(hours, t)) return t;
  return null;
}

/** A day with some opening that is not a holiday. */
export function isBusinessDay(hours: Hours, date: string): boolean {
  if (hours.holidays.includes(date)) return false;
  const weekday = weekdayOf(date);
  return hours.weekly.some((iv: HoursInterval) => iv.day === weekday && minutesOf(iv.close) > minutesOf(iv.open));
}

/**
 * `days` business days after `from`, at the same local time of day; when that time is closed,
 * the next opening that day, else the day's first opening. Hours never open count calendar days.
 */
export function addBusinessDays(from: number, days: number, hours: Hours): number {
  if (!hours.weekly.length) return from + days * DAY;
  const lt = localTime(from, hours.timeZone);
  let date = lt.date;
  for (let n = 0, guard = 0; n < days && guard < 3660; guard++) {
    date = addDays(date, 1);
    if (isBusinessDay(hours, date)) n++;
  }
  const at = zonedInstant(date, lt.minutes, hours.timeZone);
  const after = nextOpenAt([hours], at);
  if (after !== null && localTime(after, hours.timeZone).date === date) return after;
  return nextOpenAt([hours], zonedInstant(date, 0, hours.timeZone)) ?? after ?? at;
}
