// The launcher's text for each built-in language (here, so the launcher is drawn in the page's
// language at once), and how the page's language picks texts. Everything past the launcher is in
// the invitation (widget/invite/), the panel (English) and a language pack per other language
// (widget/lang/).
import type { LoaderConfig } from '../contract';

export const LAUNCHER_TEXTS = {
  en: 'Talk to sales in 60 seconds',
  ar: 'تحدّث مع المبيعات خلال 60 ثانية',
};

export type BuiltInLanguage = keyof typeof LAUNCHER_TEXTS;

/** `ar-EG` -> `ar`. */
export const primary = (lang: string) => lang.split('-')[0]!.toLowerCase();

/** Languages written right to left, built in or not (the site's own texts may be in one). */
export const isRtl = (lang: string) => /^(ar|he|fa|ur|ps|yi)$/.test(primary(lang));

export function builtIn(lang: string): BuiltInLanguage | null {
  const p = primary(lang);
  return LAUNCHER_TEXTS.hasOwnProperty(p) ? (p as BuiltInLanguage) : null;
}

/**
 * The site's own texts for a page in `lang` (`appearance.texts` in the config): those saved for
 * its primary language (`pt`), then those for its exact tag (`pt-BR`) over them. A page in a
 * language with neither saved nor built-in texts is shown English, so the site's English ones.
 * Only strings are taken: the config is never trusted.
 */
export function siteTexts(config: LoaderConfig, lang: string): Record<string, string> {
  const saved: Record<string, Record<string, string>> = (config.appearance || {}).texts || {};
  const out: Record<string, string> = {};
  const take = (texts?: Record<string, unknown>) => {
    if (texts instanceof Object) for (const key in texts) if (typeof texts[key] == 'string') out[key] = texts[key];
  };
  const p = primary(lang);
  take(saved[p] || (builtIn(lang) ? undefined : saved.en));
  take(saved[lang]);
  return out;
}
