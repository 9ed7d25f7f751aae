// When a manager's numbers digest goes out and what period it covers: daily at 08:00 in the
// recipient's zone for the day before, weekly on Mondays at 08:00 for the week before (Monday to
// Sunday). Pure: periods are a function of the zone and `now`.
import { addDays, localTime, weekdayOf, zonedInstant } from '../routing/hours.core';

/** Local time the digest goes out (minutes after midnight): 08:00, before the working day. */
export const SEND_MINUTES = 8 * 60;
export const SENDS_AT = '08:00';

export type DigestCadence = 'daily' | 'weekly';

export interface DigestPeriod {
  /** Names the period for the sent-once record: `daily:2026-12-07` (the local date it ends on, exclusive). */
  key: string;
  /** The figures' range, epoch ms [from, to): local midnights. */
  from: number;
  to: number;
  /** When it goes out, and when the next one does. */
  sendAt: number;
  nextSendAt: number;
}

/** The latest period whose send time is at or before `now`. */
export function latestPeriod(cadence: DigestCadence, timeZone: string, now: number): DigestPeriod {
  const step = cadence === 'daily' ? 1 : 7;
  const today = localTime(now, timeZone).date;
  // The day the current period ends on: today, or for weekly this week's Monday.
  let end = cadence === 'daily' ? today : addDays(today, 1 - weekdayOf(today));
  if (now < zonedInstant(end, SEND_MINUTES, timeZone)) end = addDays(end, -step);
  return {
    key: `${cadence}:${end}`,
    from: zonedInstant(addDays(end, -step), 0, timeZone),
    to: zonedInstant(end, 0, timeZone),
    sendAt: zonedInstant(end, SEND_MINUTES, timeZone),
    nextSendAt: zonedInstant(addDays(end, step), SEND_MINUTES, timeZone),
  };
}

export interface Subscription {
  cadence: DigestCadence;
  timeZone: string;
  /** When the manager opted in (or last changed it): earlier periods are not sent. */
  since: number;
}

/** The period to send now, if any: the latest one, unless it went out before the manager opted in. */
export function dueDigest(sub: Subscription, now: number): DigestPeriod | null {
  const p = latestPeriod(sub.cadence, sub.timeZone, now);
  return p.sendAt >= sub.since ? p : null;
}

/** When to look again: the earliest next send time over the subscriptions, no later than `latest`. */
export function nextWake(subs: readonly Subscription[], now: number, latest: number): number {
  return subs.reduce((at, s) => Math.min(at, latestPeriod(s.cadence, s.timeZone, now).nextSendAt), latest);
}
