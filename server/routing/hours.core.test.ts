import { describe, expect, it } from 'vitest';
import { addBusinessDays, ALWAYS_OPEN, isOpenAt, localTime, nextOpenAt, weeklyHours, zonedInstant } from './hours.core';

const at = (iso: string) => Date.parse(iso);
const NINE_TO_FIVE_NY = weeklyHours('America/New_York', [1, 2, 3, 4, 5], '09:00', '17:00', ['2026-11-26']);

describe('hours', () => {
  it('is open inside the weekly intervals of its own time zone, closed outside', () => {
    // Monday 2026-11-23: 09:00 New York = 14:00 UTC.
    expect(isOpenAt(NINE_TO_FIVE_NY, at('2026-11-23T13:59:00Z'))).toBe(false);
    expect(isOpenAt(NINE_TO_FIVE_NY, at('2026-11-23T14:00:00Z'))).toBe(true);
    expect(isOpenAt(NINE_TO_FIVE_NY, at('2026-11-23T21:59:00Z'))).toBe(true);
    expect(isOpenAt(NINE_TO_FIVE_NY, at('2026-11-23T22:00:00Z'))).toBe(false);
    // Saturday.
    expect(isOpenAt(NINE_TO_FIVE_NY, at('2026-11-28T15:00:00Z'))).toBe(false);
  });

  it('is closed all day on a holiday (Thanksgiving), by the local date', () => {
    expect(isOpenAt(NINE_TO_FIVE_NY, at('2026-11-26T15:00:00Z'))).toBe(false);
    // 2026-11-27 03:00 UTC is still 26th in New York: closed anyway (night); Friday 27th opens.
    expect(isOpenAt(NINE_TO_FIVE_NY, at('2026-11-27T15:00:00Z'))).toBe(true);
  });

  it('follows daylight saving time', () => {
    // 09:00 New York is 13:00 UTC in summer (EDT) and 14:00 UTC in winter (EST).
    expect(isOpenAt(NINE_TO_FIVE_NY, at('2026-07-06T13:00:00Z'))).toBe(true);
    expect(isOpenAt(NINE_TO_FIVE_NY, at('2026-12-07T13:00:00Z'))).toBe(false);
    expect(zonedInstant('2026-07-06', 9 * 60, 'America/New_York')).toBe(at('2026-07-06T13:00:00Z'));
    expect(zonedInstant('2026-12-07', 9 * 60, 'America/New_York')).toBe(at('2026-12-07T14:00:00Z'));
  });

  it('crosses the New York spring-forward night: the skipped hour lands an hour later, openings keep local time', () => {
    // Sunday 2026-03-08 02:00 EST jumps to 03:00 EDT; 02:30 does not exist that night.
    expect(zonedInstant('2026-03-08', 2 * 60 + 30, 'America/New_York')).toBe(at('2026-03-08T07:30:00Z'));
    expect(localTime(at('2026-03-08T06:59:00Z'), 'America/New_York')).toEqual({ date: '2026-03-08', weekday: 7, minutes: 60 + 59 });
    expect(localTime(at('2026-03-08T07:00:00Z'), 'America/New_York')).toEqual({ date: '2026-03-08', weekday: 7, minutes: 3 * 60 });
    // Friday 17:00 EST + 1 business day: Monday 09:00 EDT (13:00 UTC, not 14:00).
    expect(nextOpenAt([NINE_TO_FIVE_NY], at('2026-03-06T22:00:00Z'))).toBe(at('2026-03-09T13:00:00Z'));
    expect(addBusinessDays(at('2026-03-06T15:00:00Z'), 1, NINE_TO_FIVE_NY)).toBe(at('2026-03-09T14:00:00Z'));
  });

  it('crosses the Paris fall-back night: the repeated hour is counted once, at its standard-time instant', () => {
    // Sunday 2026-10-25 03:00 CEST falls back to 02:00 CET; 02:30 happens twice.
    expect(zonedInstant('2026-10-25', 2 * 60 + 30, 'Europe/Paris')).toBe(at('2026-10-25T01:30:00Z'));
    expect(localTime(at('2026-10-25T00:30:00Z'), 'Europe/Paris').minutes).toBe(2 * 60 + 30);
    expect(localTime(at('2026-10-25T01:30:00Z'), 'Europe/Paris').minutes).toBe(2 * 60 + 30);
    const paris = weeklyHours('Europe/Paris', [1, 2, 3, 4, 5], '09:00', '18:00');
    // Friday 09:00 CEST is 07:00 UTC; Monday 09:00 CET is 08:00 UTC.
    expect(isOpenAt(paris, at('2026-10-23T07:00:00Z'))).toBe(true);
    expect(isOpenAt(paris, at('2026-10-26T07:30:00Z'))).toBe(false);
    expect(nextOpenAt([paris], at('2026-10-23T17:00:00Z'))).toBe(at('2026-10-26T08:00:00Z'));
    expect(addBusinessDays(at('2026-10-23T08:00:00Z'), 1, paris)).toBe(at('2026-10-26T09:00:00Z'));
  });

  it('supports split days and 24-hour days', () => {
    const split = {
      timeZone: 'UTC',
      weekly: [
        { day: 1, open: '09:00', close: '12:00' },
        { day: 1, open: '13:00', close: '17:00' },
      ],
      holidays: [],
    };
    expect(isOpenAt(split, at('2026-11-23T12:30:00Z'))).toBe(false);
    expect(isOpenAt(split, at('2026-11-23T13:00:00Z'))).toBe(true);
    expect(isOpenAt(ALWAYS_OPEN, at('2026-11-29T23:59:00Z'))).toBe(true);
    expect(localTime(at('2026-11-29T23:59:00Z'), 'UTC')).toEqual({ date: '2026-11-29', weekday: 7, minutes: 23 * 60 + 59 });
  });

  it('finds the next opening across a weekend and a holiday, and where two hours overlap', () => {
    // Wednesday 25th 23:00 UTC (18:00 NY): Thursday is a holiday, so Friday 09:00 NY.
    expect(nextOpenAt([NINE_TO_FIVE_NY], at('2026-11-25T23:00:00Z'))).toBe(at('2026-11-27T14:00:00Z'));
    expect(nextOpenAt([NINE_TO_FIVE_NY], at('2026-11-23T15:00:00Z'))).toBe(at('2026-11-23T15:00:00Z'));
    // A rep narrowing to afternoons (UTC 18:00-20:00): first joint opening Monday 18:00 UTC.
    const afternoons = weeklyHours('UTC', [1, 2, 3, 4, 5], '18:00', '20:00');
    expect(nextOpenAt([NINE_TO_FIVE_NY, afternoons], at('2026-11-21T12:00:00Z'))).toBe(at('2026-11-23T18:00:00Z'));
    // Never jointly open: null rather than a wrong time.
    expect(nextOpenAt([NINE_TO_FIVE_NY, weeklyHours('UTC', [6], '10:00', '12:00')], at('2026-11-21T12:00:00Z'))).toBeNull();
  });

  it('counts business days, skipping weekends and holidays, keeping the time of day', () => {
    const ldn = weeklyHours('Europe/London', [1, 2, 3, 4, 5], '09:00', '17:00', ['2026-12-25']);
    // Friday 10:00 + 1 business day = Monday 10:00.
    expect(addBusinessDays(at('2026-11-20T10:00:00Z'), 1, ldn)).toBe(at('2026-11-23T10:00:00Z'));
    // Thursday 24 Dec + 1 = Monday 28 Dec (25th holiday, weekend).
    expect(addBusinessDays(at('2026-12-24T10:00:00Z'), 1, ldn)).toBe(at('2026-12-28T10:00:00Z'));
    // Logged after closing: the target day's first opening; before opening: that day's opening.
    expect(addBusinessDays(at('2026-11-23T18:00:00Z'), 1, ldn)).toBe(at('2026-11-24T09:00:00Z'));
    expect(addBusinessDays(at('2026-11-23T07:00:00Z'), 2, ldn)).toBe(at('2026-11-25T09:00:00Z'));
  });
});
