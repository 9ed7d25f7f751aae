// The launcher's texts for each built-in language (here, so the launcher is drawn in the page's
// language at once), and how the page's language picks them. Everything past the launcher is in
// the panel (English) and in a language pack per other language (widget/lang/).
import type { LoaderConfig } from '../contract';

export const LAUNCHER_TEXTS = {
  en: {
    launcher: 'Talk to sales in 60 seconds',
    invite: 'Questions? {rep} can call you in under a minute',
    dismiss: 'Dismiss',
  },
  ar: {
    launcher: 'تحدّث مع المبيعات خلال 60 ثانية',
    invite: 'لديك أسئلة؟ بإمكان {rep} الاتصال بك خلال أقل من دقيقة',
    dismiss: 'إغلاق',
  },
};

export type LoaderTexts = (typeof LAUNCHER_TEXTS)['en'];
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
 * The site's own texts (`launcherText`, `texts`) are written in the site's language (`lang`,
 * English until the server says otherwise). They apply on pages in that language, and on pages
 * in a language with no built-in texts; elsewhere the built-in translation is closer.
 */
export function siteTextsApply(config: LoaderConfig, lang: string): boolean {
  return !builtIn(lang) || primary(config.lang || 'en') === primary(lang);
}
