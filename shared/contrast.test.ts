import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AA_TEXT, accentText, contrast, INK, luminance, WHITE } from './contrast';

const hex = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
  .map((rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`);

describe('luminance and contrast', () => {
  it('match WCAG’s reference points', () => {
    expect(luminance('#000000')).toBe(0);
    expect(luminance(WHITE)).toBeCloseTo(1, 12);
    expect(contrast('#000000', WHITE)).toBeCloseTo(21, 12);
    // WebAIM's contrast checker: the default accent on white is 7.41:1, and #767676 is the
    // lightest grey that passes AA on white (4.54:1).
    expect(contrast('#1746d1', WHITE)).toBeCloseTo(7.41, 2);
    expect(contrast('#767676', WHITE)).toBeCloseTo(4.54, 2);
    expect(contrast('#777777', WHITE)).toBeLessThan(AA_TEXT);
  });

  it('is symmetric and between 1 and 21', () => {
    fc.assert(
      fc.property(hex, hex, (a, b) => {
        expect(contrast(a, b)).toBe(contrast(b, a));
        expect(contrast(a, b)).toBeGreaterThanOrEqual(1);
        expect(contrast(a, b)).toBeLessThanOrEqual(21);
      }),
    );
  });
});

describe('accentText', () => {
  it('picks whichever of white and ink contrasts more with the accent, and says how much', () => {
    fc.assert(
      fc.property(hex, (accent) => {
        const { textColor, textContrast } = accentText(accent);
        const best = Math.max(contrast(accent, WHITE), contrast(accent, INK));
        expect([WHITE, INK]).toContain(textColor);
        expect(contrast(accent, textColor)).toBe(best);
        expect(textContrast).toBe(best);
      }),
    );
  });

  it('keeps the accent on white only where it reads as text there', () => {
    fc.assert(
      fc.property(hex, (accent) => {
        const { accentOnWhite } = accentText(accent);
        expect(accentOnWhite).toBe(contrast(accent, WHITE) >= AA_TEXT ? accent : INK);
        expect(contrast(accentOnWhite, WHITE)).toBeGreaterThanOrEqual(AA_TEXT);
      }),
    );
  });

  it('white on dark accents, ink on light ones, and neither is enough on pure red', () => {
    expect(accentText('#1746d1')).toMatchObject({ textColor: WHITE, accentOnWhite: '#1746d1' });
    expect(accentText('#0f766e').textColor).toBe(WHITE);
    expect(accentText('#ffd400')).toMatchObject({ textColor: INK, accentOnWhite: INK });
    const red = accentText('#ff0000');
    expect(red.textColor).toBe(INK);
    expect(red.textContrast).toBeLessThan(AA_TEXT);
    expect(red.textContrast).toBeGreaterThan(4);
  });
});
