// A live preview of the widget on a page: the launcher in its corner and the opened form, in the
// chosen colour, position and texts. A drawing, not the widget itself.
import type { Appearance } from '../types';
import { TEXT_KEYS, isRtl, type TextKey } from './widget-texts';

interface Props {
  appearance: Appearance;
  lang: string;
  siteName: string;
  /** The site's launcher text (English unless overridden per language). */
  launcherText: string;
}

export function AppearancePreview({ appearance, lang, siteName, launcherText }: Props) {
  const own = appearance.texts[lang] ?? {};
  const text = (key: TextKey) => {
    const fallback = TEXT_KEYS.find((t) => t.key === key)!.fallback;
    const value = own[key] || (key === 'launcher' && lang === 'en' ? launcherText : '') || fallback;
    return value.replace('{site}', siteName).replace('{seconds}', '60').replace('{rep}', 'Dana');
  };
  const side = appearance.position === 'left' ? 'preview-left' : 'preview-right';
  return (
    <figure class="preview" aria-label="Preview of the widget on a page">
      <div class={`preview-page ${side}`} dir={isRtl(lang) ? 'rtl' : 'ltr'}>
        <div class="preview-lines" aria-hidden="true">
          <span />
          <span />
          <span />
        </div>
        <div class="preview-panel">
          <p class="preview-title">{text('title')}</p>
          <p class="preview-subtitle">{text('subtitle')}</p>
          <span class="preview-field" aria-hidden="true" />
          <span class="preview-field" aria-hidden="true" />
          <span class="preview-submit" style={{ background: appearance.accentColor }}>
            {text('submit')}
          </span>
          <p class="preview-fine">{text('fineprint')}</p>
        </div>
        <span class="preview-launcher" style={{ background: appearance.accentColor }}>
          <span class="preview-dot" aria-hidden="true" />
          {text('launcher')}
        </span>
      </div>
      <figcaption class="muted">Preview ({lang}). The real widget draws itself inside the visitor&rsquo;s page.</figcaption>
    </figure>
  );
}
