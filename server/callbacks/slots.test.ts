import { describe, expect, it } from 'vitest';
import { weeklyHours } from '../routing/hours.core';
import { callbackSlots } from './slots';

const NINE_TO_FIVE = weeklyHours('UTC', [1, 2, 3, 4, 5], '09:00', '17:00');

describe('callbackSlots', () => {
  it('offers half-hour slots inside business hours, skipping the weekend', () => {
    // Friday 2026-11-20 16:20 UTC: 16:30 is too soon (15 min lead time), 17:00 is closing.
    const slots = callbackSlots(Date.parse('2026-11-20T16:20:00Z'), [[NINE_TO_FIVE]], 3);
    expect(slots).toEqual(['2026-11-23T09:00:00.000Z', '2026-11-23T09:30:00.000Z', '2026-11-23T10:00:00.000Z']);
  });

  it('follows the time zone of the hours', () => {
    const slots = callbackSlots(Date.parse('2026-11-23T12:00:00Z'), [[{ ...NINE_TO_FIVE, timeZone: 'America/New_York' }]], 1);
    // 09:00 in New York is 14:00 UTC in November.
    expect(slots).toEqual(['2026-11-23T14:00:00.000Z']);
  });

  it('skips holidays and unions the schedules of every rep who could take the lead', () => {
    const monday = Date.parse('2026-11-23T07:00:00Z');
    const berlin = weeklyHours('Europe/Berlin', [1, 2, 3, 4, 5], '09:00', '10:00', ['2026-11-23']);
    const london = weeklyHours('Europe/London', [1, 2, 3, 4, 5], '09:00', '10:00');
    // Berlin is closed for a holiday on Monday; London opens 09:00 local = 09:00 UTC.
    expect(callbackSlots(monday, [[berlin], [london]], 2)).toEqual(['2026-11-23T09:00:00.000Z', '2026-11-23T09:30:00.000Z']);
    // Only Berlin: Tuesday 09:00 CET = 08:00 UTC.
    expect(callbackSlots(monday, [[berlin]], 1)).toEqual(['2026-11-24T08:00:00.000Z']);
  });

  it('needs every hours of a schedule open (a rep narrowing their team)', () => {
    const mornings = weeklyHours('UTC', [1, 2, 3, 4, 5], '11:00', '12:00');
    expect(callbackSlots(Date.parse('2026-11-23T07:00:00Z'), [[NINE_TO_FIVE, mornings]], 3)).toEqual([
      '2026-11-23T11:00:00.000Z',
      '2026-11-23T11:30:00.000Z',
      '2026-11-24T11:00:00.000Z',
    ]);
  });
});
