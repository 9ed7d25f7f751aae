// A site's widget appearance, as the console saves it, the config endpoint serves it and the
// widget applies it; and its defaults, in one place for all three.
import type { AccentText } from './contrast';

export interface Appearance {
  /** `#rrggbb`: the launcher, the panel's header and buttons. The text on it is white or dark,
   * whichever contrasts more (./contrast.ts). */
  accentColor: string;
  /** The corner on left-to-right pages; right-to-left pages mirror it. */
  position: 'right' | 'left';
  /** Stacking order of the launcher and panel. A page's own `data-z-index` wins over it. */
  zIndex: number;
  /** Per-language text overrides, by language tag and text key: { en: { launcher: '…' }, ar: { … } }. */
  texts: Record<string, Record<string, string>>;
}

export const DEFAULT_APPEARANCE: Appearance = {
  accentColor: '#1746d1',
  position: 'right',
  // Above ordinary page layers (Bootstrap's modals sit at 1055, Material's dialogs at 1300) and
  // below the top of the range, which consent banners use and should keep: no z-index arms race.
  zIndex: 10000,
  texts: {},
};

/** The appearance as the config endpoint serves it: with the colours derived from its accent
 * (./contrast.ts), so the loader only checks and applies them. */
export type ServedAppearance = Appearance & Pick<AccentText, 'textColor' | 'accentOnWhite'>;

/** The default, as served, with its derived colours written out: the loader falls back to it and
 * must not carry the contrast code (shared/appearance.test.ts checks them against it). */
export const DEFAULT_SERVED_APPEARANCE: ServedAppearance = {
  ...DEFAULT_APPEARANCE,
  textColor: '#ffffff',
  accentOnWhite: DEFAULT_APPEARANCE.accentColor,
};
