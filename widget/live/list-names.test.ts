import { describe, expect, it } from 'vitest';
import { listNames } from './list-names';

describe('listNames', () => {
  it('names up to three reps, then two and how many more, in the page language', () => {
    expect(listNames(['Dana'], '{n} more', 'en')).toBe('Dana');
    expect(listNames(['Dana', 'Sam'], '{n} more', 'en')).toBe('Dana and Sam');
    expect(listNames(['Dana', 'Sam', 'Priya'], '{n} more', 'en')).toBe('Dana, Sam, and Priya');
    expect(listNames(['Dana', 'Sam', 'Priya', 'Tom'], '{n} more', 'en')).toBe('Dana, Sam, and 2 more');
    expect(listNames(['Dana', 'Sam', 'Priya', 'Tom', 'Ann'], '{n} more', 'en')).toBe('Dana, Sam, and 3 more');
    expect(listNames(['دانا', 'سام'], '{n} آخرين', 'ar')).toBe('دانا وسام');
  });

  it('reads a bad language tag or a non-string name without throwing', () => {
    expect(listNames(['Dana', 'Sam'], '{n} more', 'not a tag!')).toMatch(/^Dana.+Sam$/);
    expect(listNames([5, 'Sam', null, 'Tom'] as unknown as string[], '{n} more', 'en')).toBe('5, Sam, and 2 more');
  });
});
