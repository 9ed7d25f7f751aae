import { describe, expect, it } from 'vitest';
import { advanceCursor, notYetFannedOut, type CursorState } from './event-cursor';

const SETTLE = 30_000;
const at = (cursor: number): CursorState => ({ cursor, gap: null });

describe('advanceCursor', () => {
  it('moves over contiguous ids and clears any gap', () => {
    expect(advanceCursor(at(10), [11, 12, 13], 0, SETTLE)).toEqual(at(13));
    expect(advanceCursor({ cursor: 10, gap: { since: 0, upTo: 13, done: [12, 13] } }, [11, 12, 13], 5, SETTLE)).toEqual(at(13));
    expect(advanceCursor(at(10), [], 0, SETTLE)).toEqual(at(10));
  });

  it('stops below a missing id and remembers what it already fanned out past it', () => {
    expect(advanceCursor(at(10), [11, 13, 14], 1000, SETTLE)).toEqual({ cursor: 11, gap: { since: 1000, upTo: 14, done: [13, 14] } });
  });

  it('keeps the age of a gap it saw before, and gives it up once settled', () => {
    const first = advanceCursor(at(10), [12, 13], 1000, SETTLE);
    expect(notYetFannedOut(first, [12, 13, 14])).toEqual([14]);
    const again = advanceCursor(first, [12, 13, 14], 2000, SETTLE);
    expect(again).toEqual({ cursor: 10, gap: { since: 1000, upTo: 13, done: [12, 13, 14] } });
    expect(advanceCursor(again, [12, 13, 14], 1000 + SETTLE, SETTLE)).toEqual(at(14));
  });

  it('a settled gap does not excuse a newer one above what was visible then', () => {
    const old = { cursor: 10, gap: { since: 0, upTo: 13, done: [12, 13] } };
    expect(advanceCursor(old, [12, 13, 16], SETTLE, SETTLE)).toEqual({ cursor: 13, gap: { since: SETTLE, upTo: 16, done: [16] } });
  });

  it('a late row filling the gap moves the cursor on at once', () => {
    const first = advanceCursor(at(10), [12], 1000, SETTLE);
    expect(notYetFannedOut(first, [11, 12])).toEqual([11]);
    expect(advanceCursor(first, [11, 12], 1001, SETTLE)).toEqual(at(12));
  });
});
