import { describe, expect, it } from 'vitest';
import { DEFAULT_APPEARANCE, DEFAULT_SERVED_APPEARANCE } from './appearance';
import { accentText } from './contrast';

describe('DEFAULT_SERVED_APPEARANCE', () => {
  it('is the default appearance with the colours its accent really gives', () => {
    const { textContrast, ...colours } = accentText(DEFAULT_APPEARANCE.accentColor);
    expect(DEFAULT_SERVED_APPEARANCE).toEqual({ ...DEFAULT_APPEARANCE, ...colours });
    expect(textContrast).toBeGreaterThan(7);
  });
});
