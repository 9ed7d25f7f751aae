import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVED_APPEARANCE } from '../../shared/appearance';
import type { LoaderConfig } from '../contract';
import { siteTexts } from './texts';

const config = (texts: unknown) => ({ appearance: { ...DEFAULT_SERVED_APPEARANCE, texts } }) as unknown as LoaderConfig;

const SAVED = {
  en: { launcher: 'Ring me', title: 'Talk to us' },
  fr: { launcher: 'Appelez-moi', title: 'Parlons-en' },
  'fr-CA': { launcher: 'Appelle-moi' },
};

describe('siteTexts', () => {
  it('takes the texts saved for the page’s language, the exact tag over the primary one', () => {
    expect(siteTexts(config(SAVED), 'en')).toEqual(SAVED.en);
    expect(siteTexts(config(SAVED), 'en-GB')).toEqual(SAVED.en);
    expect(siteTexts(config(SAVED), 'fr')).toEqual(SAVED.fr);
    expect(siteTexts(config(SAVED), 'fr-CA')).toEqual({ launcher: 'Appelle-moi', title: 'Parlons-en' });
  });

  it('gives a built-in language its own translation, not the site’s English', () => {
    expect(siteTexts(config(SAVED), 'ar')).toEqual({});
    expect(siteTexts(config({ ...SAVED, ar: { launcher: 'اتصل بي' } }), 'ar-EG')).toEqual({ launcher: 'اتصل بي' });
  });

  it('shows the site’s English where the language has neither saved nor built-in texts (it is shown English anyway)', () => {
    expect(siteTexts(config(SAVED), 'de')).toEqual(SAVED.en);
  });

  it('takes only strings, and nothing from a config that is not one', () => {
    expect(siteTexts(config({ en: { launcher: 5, title: 'Hi', invite: { x: 1 } } }), 'en')).toEqual({ title: 'Hi' });
    for (const texts of [undefined, null, 'y', 7, ['a'], { en: 'Hi' }]) expect(siteTexts(config(texts), 'en')).toEqual({});
    expect(siteTexts({ appearance: null } as unknown as LoaderConfig, 'en')).toEqual({});
    expect(siteTexts({} as LoaderConfig, 'en')).toEqual({});
  });
});
