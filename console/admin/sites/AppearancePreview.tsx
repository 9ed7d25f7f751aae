// A live preview of the widget on a page: the launcher in its corner and the opened form, in the
// chosen colour (with the text colour the widget will put on it), corner and texts. A drawing,
// not the widget itself; right-to-left languages mirror it as the widget does.
import { accentText } from '../../../shared/contrast';
import type { Appearance } from '../types';
import { fallbackText, isRtl, type TextKey } from './widget-texts';

interface Props {
  appearance: Appearance;
  lang: string;
  siteName: string;
}

const HEX = /^#[0-9a-fA-F]{6}$/;

export function AppearancePreview({ appearance, lang, siteName }: Props) {
  const own = appearance.texts[lang] ?? {};
  const text = (key: TextKey) => {
    const value = own[key] || fallbackText(key);
    return value.replace('{site}', siteName).replace('{seconds}', '60').replace('{rep}', 'Dana');
  };
  // While the colour being typed is not a colour yet, the last look stays.
  const accent = HEX.test(appearance.accentColor) ? appearance.accentColor : undefined;
  const filled = accent ? { background: accent, color: accentText(accent).textColor } : undefined;
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
          <div class="preview-head" style={filled}>
            <p class="preview-title">{text('title')}</p>
            <p class="preview-subtitle">{text('subtitle')}</p>
          </div>
          <span class="preview-field" aria-hidden="true" />
          <span class="preview-field" aria-hidden="true" />
          <span class="preview-submit" style={filled}>
            {text('submit')}
          </span>
          <p class="preview-fine">{text('fineprint')}</p>
        </div>
        <span class="preview-launcher" style={filled}>
          <span class="preview-dot" aria-hidden="true" />
          {text('launcher')}
        </span>
      </div>
      <figcaption class="muted">Preview ({lang}). The real widget draws itself inside the visitor&rsquo;s page.</figcaption>
    </figure>
  );
}
