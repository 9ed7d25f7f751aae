// Which text colour goes on a site's accent colour, by WCAG 2 contrast. The config endpoint
// serves the result with the appearance (so the loader, which every page pays for, only checks
// and applies it), and the console's appearance page previews it and warns with it.

/** The widget's own text colour, the dark choice on light accents. */
export const INK = '#1a1d23';

export const WHITE = '#ffffff';

/** WCAG AA for normal text (1.4.3). */
export const AA_TEXT = 4.5;

/** WCAG 2 relative luminance of a `#rrggbb` colour: 0 for black, 1 for white. */
export function luminance(hex: string): number {
  let sum = 0;
  for (let i = 0; i < 3; i++) {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    sum += [0.2126, 0.7152, 0.0722][i]! * (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  }
  return sum;
}

/** Contrast ratio of two `#rrggbb` colours, from 1 (same) to 21 (black on white). */
export function contrast(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The colours derived from an accent, as the widget draws with them. */
export interface AccentText {
  /** White or `INK`, whichever contrasts more with the accent. */
  textColor: string;
  /** That contrast; under `AA_TEXT` neither choice is readable enough. */
  textContrast: number;
  /** The accent itself where it reads as text on white (selected options, focus rings, the
   * live view's highlights), else `INK`. */
  accentOnWhite: string;
}

export function accentText(accent: string): AccentText {
  const white = contrast(accent, WHITE);
  const ink = contrast(accent, INK);
  return {
    textColor: white >= ink ? WHITE : INK,
    textContrast: Math.max(white, ink),
    accentOnWhite: white >= AA_TEXT ? accent : INK,
  };
}
