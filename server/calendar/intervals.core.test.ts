import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minus } from './intervals.core';

const interval = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 20 })).map(([start, length]) => ({ start, end: start + length }));
const within = (t: number, r: { start: number; end: number }) => r.start <= t && t < r.end;

describe('minus', () => {
  it('keeps exactly the instants of the times that are not in the cut, as non-empty intervals', () => {
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 8 }), interval, (times, cut) => {
        const left = minus(times, cut);
        expect(left.every((r) => r.end > r.start)).toBe(true);
        for (let t = 0; t < 62; t++) expect(left.some((r) => within(t, r))).toBe(times.some((r) => within(t, r)) && !within(t, cut));
      }),
      { numRuns: 200 },
    );
  });

  it('splits a time the cut falls inside in two', () => {
    expect(minus([{ start: 0, end: 10 }], { start: 4, end: 6 })).toEqual([
      { start: 0, end: 4 },
      { start: 6, end: 10 },
    ]);
  });
});
