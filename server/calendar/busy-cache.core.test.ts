import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUSY_TTL_MS, cacheUse, type CachedBusy } from './busy-cache.core';

const entry: CachedBusy = { source: 'cal@1', window: { start: 1000, end: 5000 }, busy: [], readAt: 0 };

describe('cacheUse', () => {
  it('answers from a read of the same connection that covers the range: fresh within the TTL, stale after', () => {
    expect(cacheUse(entry, 'cal@1', { start: 1000, end: 5000 }, BUSY_TTL_MS - 1)).toBe('fresh');
    expect(cacheUse(entry, 'cal@1', { start: 2000, end: 3000 }, BUSY_TTL_MS)).toBe('stale');
  });

  it('misses without a read, for another connection, or for a range the read does not cover', () => {
    expect(cacheUse(undefined, 'cal@1', { start: 1000, end: 2000 }, 0)).toBe('miss');
    expect(cacheUse(entry, 'cal@2', { start: 1000, end: 2000 }, 0)).toBe('miss');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), fc.nat(), (start, length, now) => {
        const range = { start, end: start + length };
        const inside = range.start >= 1000 && range.end <= 5000;
        expect(cacheUse(entry, 'cal@1', range, now) === 'miss').toBe(!inside);
      }),
    );
  });
});
