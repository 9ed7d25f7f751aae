import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localTime, weekdayOf } from '../routing/hours.core';
import { dueDigest, latestPeriod, nextWake, SEND_MINUTES } from './digest-schedule.core';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland', 'America/Sao_Paulo'];
/** 2026 and 2027, across both DST changes of each zone. */
const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) });
const zone = fc.constantFrom(...ZONES);
const cadence = fc.constantFrom('daily' as const, 'weekly' as const);

describe('latestPeriod', () => {
  it('daily: at 08:00 Berlin on 7 Dec the digest covers 6 Dec; a minute before, it is still 5 Dec', () => {
    const eight = Date.UTC(2026, 11, 7, 7);
    expect(latestPeriod('daily', 'Europe/Berlin', eight)).toEqual({
      key: 'daily:2026-12-07',
      from: Date.UTC(2026, 11, 5, 23),
      to: Date.UTC(2026, 11, 6, 23),
      sendAt: eight,
      nextSendAt: eight + DAY,
    });
    expect(latestPeriod('daily', 'Europe/Berlin', eight - 60_000).key).toBe('daily:2026-12-06');
  });

  it('weekly: Monday 08:00 covers Monday to Sunday before; on Sunday it is still the week before that', () => {
    const monday = Date.UTC(2026, 11, 7, 8);
    expect(latestPeriod('weekly', 'UTC', monday)).toMatchObject({ key: 'weekly:2026-12-07', from: Date.UTC(2026, 10, 30), to: Date.UTC(2026, 11, 7) });
    expect(latestPeriod('weekly', 'UTC', Date.UTC(2026, 11, 13, 20)).key).toBe('weekly:2026-12-07');
    expect(latestPeriod('weekly', 'UTC', monday - 1).key).toBe('weekly:2026-11-30');
  });

  it('sends at 08:00 local after the period, which runs midnight to midnight; now falls between two sends', () => {
    fc.assert(
      fc.property(cadence, zone, instant, (c, tz, now) => {
        const p = latestPeriod(c, tz, now);
        expect(p.sendAt).toBeLessThanOrEqual(now);
        expect(now).toBeLessThan(p.nextSendAt);
        expect(localTime(p.sendAt, tz).minutes).toBe(SEND_MINUTES);
        expect(localTime(p.from, tz).minutes).toBe(0);
        expect(localTime(p.to, tz).minutes).toBe(0);
        expect(p.to).toBeLessThanOrEqual(p.sendAt);
        // A day or a week long, give or take the DST hour.
        const len = c === 'daily' ? DAY : 7 * DAY;
        expect(Math.abs(p.to - p.from - len)).toBeLessThanOrEqual(HOUR);
        if (c === 'weekly') expect(weekdayOf(localTime(p.sendAt, tz).date)).toBe(1);
        expect(p.key).toBe(`${c}:${localTime(p.to, tz).date}`);
      }),
    );
  });

  it('two instants share a period key exactly when they fall between the same two sends', () => {
    fc.assert(
      fc.property(cadence, zone, instant, fc.integer({ min: 0, max: 9 * DAY }), (c, tz, a, gap) => {
        const p = latestPeriod(c, tz, a);
        const q = latestPeriod(c, tz, a + gap);
        expect(p.key === q.key).toBe(a + gap < p.nextSendAt);
        // The next one starts where this one ends.
        if (p.key !== q.key && a + gap < latestPeriod(c, tz, p.nextSendAt).nextSendAt) expect(q.from).toBe(p.to);
      }),
    );
  });
});

describe('dueDigest', () => {
  it('sends nothing for a period that went out before the manager opted in', () => {
    fc.assert(
      fc.property(cadence, zone, instant, fc.integer({ min: 0, max: 8 * DAY }), (c, tz, since, later) => {
        const due = dueDigest({ cadence: c, timeZone: tz, since }, since + later);
        const p = latestPeriod(c, tz, since + later);
        expect(due).toEqual(p.sendAt >= since ? p : null);
      }),
    );
  });

  it('wakes at the earliest next send, never later than asked', () => {
    const now = Date.UTC(2026, 11, 7, 12);
    const subs = [
      { cadence: 'weekly' as const, timeZone: 'UTC', since: 0 },
      { cadence: 'daily' as const, timeZone: 'Asia/Kolkata', since: 0 },
    ];
    expect(nextWake(subs, now, now + 7 * DAY)).toBe(Date.UTC(2026, 11, 8, 2, 30));
    expect(nextWake(subs, now, now + HOUR)).toBe(now + HOUR);
    expect(nextWake([], now, now + HOUR)).toBe(now + HOUR);
  });
});
