import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { busyTimes } from './busy-times.core';
import { mergeWithin } from './intervals.core';
import { NEW_YORK_VTIMEZONE } from '../../test/helpers/caldav-seed';

const at = (iso: string) => Date.parse(iso);
const WEEK = { start: at('2026-03-02T00:00:00Z'), end: at('2026-03-16T00:00:00Z') };

function calendar(...lines: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR'].join('\r\n');
}

describe('busyTimes', () => {
  it('a plain event is busy; transparent and cancelled ones are free', () => {
    const objects = [
      calendar('BEGIN:VEVENT', 'UID:a', 'DTSTAMP:20260101T000000Z', 'DTSTART:20260303T150000Z', 'DTEND:20260303T160000Z', 'END:VEVENT'),
      calendar('BEGIN:VEVENT', 'UID:b', 'DTSTAMP:20260101T000000Z', 'DTSTART:20260304T150000Z', 'DTEND:20260304T160000Z', 'TRANSP:TRANSPARENT', 'END:VEVENT'),
      calendar('BEGIN:VEVENT', 'UID:c', 'DTSTAMP:20260101T000000Z', 'DTSTART:20260305T150000Z', 'DTEND:20260305T160000Z', 'STATUS:CANCELLED', 'END:VEVENT'),
    ];
    expect(busyTimes(objects, WEEK, 'UTC').busy).toEqual([{ start: at('2026-03-03T15:00:00Z'), end: at('2026-03-03T16:00:00Z') }]);
  });

  it('a weekly series across the DST change keeps its New York wall-clock time; EXDATE and overrides apply', () => {
    const objects = [
      calendar(
        ...NEW_YORK_VTIMEZONE,
        'BEGIN:VEVENT',
        'UID:weekly',
        'DTSTAMP:20260101T000000Z',
        'DTSTART;TZID=America/New_York:20260302T090000',
        'DTEND;TZID=America/New_York:20260302T100000',
        'RRULE:FREQ=WEEKLY;COUNT=4',
        'EXDATE;TZID=America/New_York:20260316T090000',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:weekly',
        'DTSTAMP:20260101T000000Z',
        'RECURRENCE-ID;TZID=America/New_York:20260309T090000',
        'DTSTART;TZID=America/New_York:20260309T140000',
        'DTEND;TZID=America/New_York:20260309T150000',
        'END:VEVENT',
      ),
    ];
    const range = { start: at('2026-03-01T00:00:00Z'), end: at('2026-04-01T00:00:00Z') };
    expect(busyTimes(objects, range, 'UTC').busy).toEqual([
      // EST (-5) before 8 March, EDT (-4) after; the 9 March occurrence moved to 14:00; the 16th is excluded.
      { start: at('2026-03-02T14:00:00Z'), end: at('2026-03-02T15:00:00Z') },
      { start: at('2026-03-09T18:00:00Z'), end: at('2026-03-09T19:00:00Z') },
      { start: at('2026-03-23T13:00:00Z'), end: at('2026-03-23T14:00:00Z') },
    ]);
  });

  it('an override that cancels one occurrence frees it', () => {
    const objects = [
      calendar(
        'BEGIN:VEVENT',
        'UID:daily',
        'DTSTAMP:20260101T000000Z',
        'DTSTART:20260302T100000Z',
        'DTEND:20260302T110000Z',
        'RRULE:FREQ=DAILY;COUNT=3',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:daily',
        'DTSTAMP:20260101T000000Z',
        'RECURRENCE-ID:20260303T100000Z',
        'DTSTART:20260303T100000Z',
        'DTEND:20260303T110000Z',
        'STATUS:CANCELLED',
        'END:VEVENT',
      ),
    ];
    expect(busyTimes(objects, WEEK, 'UTC').busy).toEqual([
      { start: at('2026-03-02T10:00:00Z'), end: at('2026-03-02T11:00:00Z') },
      { start: at('2026-03-04T10:00:00Z'), end: at('2026-03-04T11:00:00Z') },
    ]);
  });

  it("an all-day event is busy for that day in the calendar's zone; a TZID without VTIMEZONE is read as the IANA zone", () => {
    const objects = [
      calendar('BEGIN:VEVENT', 'UID:day', 'DTSTAMP:20260101T000000Z', 'DTSTART;VALUE=DATE:20260310', 'DTEND;VALUE=DATE:20260311', 'END:VEVENT'),
      calendar(
        'BEGIN:VEVENT',
        'UID:berlin',
        'DTSTAMP:20260101T000000Z',
        'DTSTART;TZID=Europe/Berlin:20260312T090000',
        'DTEND;TZID=Europe/Berlin:20260312T093000',
        'END:VEVENT',
      ),
    ];
    expect(busyTimes(objects, WEEK, 'Europe/Berlin').busy).toEqual([
      { start: at('2026-03-09T23:00:00Z'), end: at('2026-03-10T23:00:00Z') },
      { start: at('2026-03-12T08:00:00Z'), end: at('2026-03-12T08:30:00Z') },
    ]);
  });

  it('skips objects it cannot read and says how many', () => {
    const good = calendar('BEGIN:VEVENT', 'UID:a', 'DTSTAMP:20260101T000000Z', 'DTSTART:20260303T150000Z', 'DTEND:20260303T160000Z', 'END:VEVENT');
    expect(busyTimes(['not a calendar', good], WEEK, 'UTC')).toEqual({
      busy: [{ start: at('2026-03-03T15:00:00Z'), end: at('2026-03-03T16:00:00Z') }],
      unreadable: 1,
    });
  });

  it('a never-ending rule stops at the end of the range', () => {
    const objects = [
      calendar('BEGIN:VEVENT', 'UID:m', 'DTSTAMP:20260101T000000Z', 'DTSTART:20260302T000000Z', 'DURATION:PT1M', 'RRULE:FREQ=HOURLY', 'END:VEVENT'),
    ];
    const { busy } = busyTimes(objects, { start: at('2026-03-02T00:00:00Z'), end: at('2026-03-02T03:00:00Z') }, 'UTC');
    expect(busy).toHaveLength(3);
  });
});

describe('busyTimes, properties', () => {
  const utc = (ms: number) => `${new Date(ms).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
  const event = fc.record({
    start: fc.integer({ min: 0, max: 14 * 24 * 60 }).map((m) => WEEK.start - 24 * 3600_000 + m * 60_000),
    minutes: fc.integer({ min: 1, max: 600 }),
    free: fc.boolean(),
    cancelled: fc.boolean(),
  });

  it('is busy exactly when an opaque, not cancelled event is on, whatever else is there', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), (events) => {
        const objects = events.map((e, i) =>
          calendar(
            'BEGIN:VEVENT',
            `UID:e${i}`,
            'DTSTAMP:20260101T000000Z',
            `DTSTART:${utc(e.start)}`,
            `DTEND:${utc(e.start + e.minutes * 60_000)}`,
            ...(e.free ? ['TRANSP:TRANSPARENT'] : []),
            ...(e.cancelled ? ['STATUS:CANCELLED'] : []),
            'END:VEVENT',
          ),
        );
        const blocking = events.filter((e) => !e.free && !e.cancelled).map((e) => ({ start: e.start, end: e.start + e.minutes * 60_000 }));
        expect(busyTimes(objects, WEEK, 'UTC').busy).toEqual(mergeWithin(blocking, WEEK));
      }),
      { numRuns: 60 },
    );
  });

  it('a weekly series is busy once a week at the same UTC time, COUNT occurrences in all', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 23 }), (count, hour) => {
        const start = Date.UTC(2026, 0, 5, hour);
        const objects = [
          calendar(
            'BEGIN:VEVENT',
            'UID:w',
            'DTSTAMP:20260101T000000Z',
            `DTSTART:${utc(start)}`,
            'DURATION:PT30M',
            `RRULE:FREQ=WEEKLY;COUNT=${count}`,
            'END:VEVENT',
          ),
        ];
        const range = { start: Date.UTC(2026, 0, 1), end: Date.UTC(2026, 3, 1) };
        const week = 7 * 24 * 3600_000;
        expect(busyTimes(objects, range, 'UTC').busy).toEqual(
          Array.from({ length: count }, (_, i) => ({ start: start + i * week, end: start + i * week + 1800_000 })),
        );
      }),
      { numRuns: 30 },
    );
  });
});

describe('mergeWithin', () => {
  const interval = fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 100 })).map(([start, length]) => ({ start, end: start + length }));
  const range = fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 500 })).map(([start, length]) => ({ start, end: start + length }));

  it('gives sorted, disjoint, non-touching intervals inside the range, covering exactly the same instants', () => {
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 20 }), range, (times, r) => {
        const merged = mergeWithin(times, r);
        for (let i = 0; i < merged.length; i++) {
          expect(merged[i]!.start).toBeLessThan(merged[i]!.end);
          expect(merged[i]!.start).toBeGreaterThanOrEqual(r.start);
          expect(merged[i]!.end).toBeLessThanOrEqual(r.end);
          if (i > 0) expect(merged[i]!.start).toBeGreaterThan(merged[i - 1]!.end);
        }
        for (let t = r.start; t < r.end; t++) {
          const inInput = times.some((x) => x.start <= t && t < x.end);
          const inOutput = merged.some((x) => x.start <= t && t < x.end);
          expect(inOutput).toBe(inInput);
        }
      }),
      { numRuns: 50 },
    );
  });
});
