import { describe, expect, it } from 'vitest';
import { formatSlot, groupSlotsByDay } from './format-slot';

describe('groupSlotsByDay', () => {
  it('keeps order, groups by local day and drops what is not a time', () => {
    // Minutes apart around noon UTC: the same local day in every real time zone.
    const groups = groupSlotsByDay(['2030-01-15T12:01:00Z', 'soon', '2030-01-15T12:05:00Z', '2030-03-01T12:00:00Z']);
    expect(groups.map((g) => g.slots.map((s) => s.iso))).toEqual([
      ['2030-01-15T12:01:00Z', '2030-01-15T12:05:00Z'],
      ['2030-03-01T12:00:00Z'],
    ]);
  });

  it('shows an unparseable slot as given rather than "Invalid Date"', () => {
    expect(formatSlot('soon')).toBe('soon');
  });
});
