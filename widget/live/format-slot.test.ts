import { describe, expect, it } from 'vitest';
import { formatSlot, groupSlotsByDay, zoneName } from './format-slot';

describe('groupSlotsByDay', () => {
  it('keeps order, groups by local day and drops what is not a time', () => {
    // Minutes apart around noon UTC: the same local day in every real time zone.
    const groups = groupSlotsByDay(['2030-01-15T12:01:00Z', 'soon', '2030-01-15T12:05:00Z', '2030-03-01T12:00:00Z']);
    expect(groups.map((g) => g.slots.map((s) => s.iso))).toEqual([['2030-01-15T12:01:00Z', '2030-01-15T12:05:00Z'], ['2030-03-01T12:00:00Z']]);
  });

  it('shows an unparseable slot as given rather than "Invalid Date"', () => {
    expect(formatSlot('soon')).toBe('soon');
  });
});

describe('formatSlot and zoneName', () => {
  it('name the zone the time is shown in, the same in both', () => {
    const zone = zoneName('2030-01-15T12:00:00Z');
    expect(zone.length).toBeGreaterThan(2);
    expect(formatSlot('2030-01-15T12:00:00Z')).toContain(zone);
    expect(zoneName('soon')).toBe('');
  });
});
