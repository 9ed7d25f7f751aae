import { describe, expect, it } from 'vitest';
import { formatPhone } from './phone-format';

describe('formatPhone', () => {
  it('groups numbers the way their country writes them, not only North American ones', () => {
    expect(formatPhone('+442079460958')).toBe('+44 20 7946 0958');
    expect(formatPhone('+33612345678')).toBe('+33 6 12 34 56 78');
    expect(formatPhone('+4915112345678')).toBe('+49 1511 2345678');
    expect(formatPhone('+14155552671')).toBe('+1 415 555 2671');
  });

  it('shows what it cannot parse exactly as stored', () => {
    expect(formatPhone('+999')).toBe('+999');
    expect(formatPhone('call reception')).toBe('call reception');
  });
});
