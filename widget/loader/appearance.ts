// The site's look on this page: accent colour (with the text colour the server chose for it by
// WCAG contrast, shared/contrast.ts), corner and stacking order become custom properties on the
// frame, which the launcher's, the panel's and the live view's styles read; the loader adds them
// with the launcher's stylesheet, in one sheet. The config is never
// trusted: colours that are not `#rrggbb` mean the default look, and only checked values reach
// the stylesheet, so no config can inject CSS.
import { DEFAULT_SERVED_APPEARANCE as DEFAULT, type ServedAppearance } from '../../shared/appearance';
import type { LoaderConfig } from '../contract';

const isColour = (value: unknown) => /^#[0-9a-f]{6}$/i.test(value as string);

/**
 * The custom properties as a rule for the frame. `pageZ` is the script tag's `data-z-index`: the
 * page owner knows their stacking, so it wins.
 */
export function appearanceRule(pageZ: number | undefined, site: LoaderConfig | null): string {
  const look: Partial<ServedAppearance> = (site && site.appearance) || {};
  const { accentColor, textColor, accentOnWhite } = isColour(look.accentColor) && isColour(look.textColor) && isColour(look.accentOnWhite) ? look : DEFAULT;
  const z = pageZ ?? (Number.isInteger(look.zIndex) ? look.zIndex : DEFAULT.zIndex);
  // --a accent, --o text on it, --k the accent where it must read on white, --t its tint, --h the
  // launcher's hover overlay (darker under white text, lighter under dark: more contrast either
  // way), --i the horizontal insets (start end: logical, so right-to-left pages mirror the corner).
  return `.frame{--z:${z};--a:${accentColor};--o:${textColor};--k:${accentOnWhite};--t:${accentColor}1a;--h:${textColor == DEFAULT.textColor ? '#0003' : '#fff6'};--i:${
    look.position == 'left' ? '20px auto' : 'auto 20px'
  }}`;
}
