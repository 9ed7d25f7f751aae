import { describe, expect, it } from 'vitest';
import { callbackSlots, DEFAULT_HOURS } from './slots';

describe('callbackSlots', () => {
  it('offers half-hour slots inside business hours, skipping the weekend', () => {
    // Friday 2026-11-20 16:20 UTC: 16:30 is too soon (15 min lead time), 17:00 is closing.
    const slots = callbackSlots(Date.parse('2026-11-20T16:20:00Z'), DEFAULT_HOURS, 3);
    expect(slots).toEqual(['2026-11-23T09:00:00.000Z', '2026-11-23T09:30:00.000Z', '2026-11-23T10:00:00.000Z']);
  });

  it('follows the time zone of the hours', () => {
    const slots = callbackSlots(Date.parse('2026-11-23T12:00:00Z'), { ...DEFAULT_HOURS, timeZone: 'America/New_York' }, 1);
    // 09:00 in New York is 14:00 UTC in November.
    expect(slots).toEqual(['2026-11-23T14:00:00.000Z']);
  });
});
