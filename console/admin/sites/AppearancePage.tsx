// A site's widget appearance: accent colour (with what it means for contrast), corner, stacking
// order and the texts per language, with a live preview. The widget applies all of it on the
// pages' next load (widget/loader/appearance.ts, widget/loader/texts.ts).
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { PageProps } from '../../routes';
import { focusFirstInvalid } from '../../focus';
import { adminApi } from '../admin-api';
import { Input } from '../ui/fields';
import { LoadState } from '../ui/LoadState';
import { PageHead } from '../ui/PageHead';
import { failureOf, useLoad } from '../ui/useLoad';
import { DEFAULT_APPEARANCE } from '../../../shared/appearance';
import type { AppearanceSettings, ConsoleSite } from '../types';
import { AccentContrast } from './AccentContrast';
import { AppearancePreview } from './AppearancePreview';
import { SiteTabs } from './SiteTabs';
import { ENDING_KEYS, TEXT_KEYS } from './widget-texts';
import '../admin.css';
import './sites.css';

const HEX = /^#[0-9a-fA-F]{6}$/;
const LANG = /^[a-z]{2}(-[A-Z]{2})?$/;

export function AppearancePage({ params, onSessionEnded }: PageProps) {
  const siteId = params.siteId!;
  const [site, setSite] = useState<ConsoleSite | null>(null);
  const [form, setForm] = useState<AppearanceSettings | null>(null);
  const loaded = useLoad(
    async () => {
      const found = (await adminApi.sites()).find((s) => s.id === siteId) ?? null;
      setSite(found);
      if (found) setForm(structuredClone(found.appearance));
      return found;
    },
    [siteId],
    onSessionEnded,
  );
  return (
    <div class="page">
      <PageHead eyebrow={site?.name ?? 'Site'} title="Widget appearance" intro="How the launcher and the callback form look on this site’s pages." />
      <SiteTabs siteId={siteId} current="appearance" />
      <LoadState loading={loaded.loading && !form} error={loaded.error} onRetry={loaded.reload} />
      {!loaded.loading && !loaded.error && !site && <p class="muted">No such site.</p>}
      {site && form && <AppearanceForm site={site} form={form} onChange={setForm} onSessionEnded={onSessionEnded} />}
    </div>
  );
}

interface FormProps {
  site: ConsoleSite;
  form: AppearanceSettings;
  onChange: (a: AppearanceSettings) => void;
  onSessionEnded: () => void;
}

function AppearanceForm({ site, form, onChange, onSessionEnded }: FormProps) {
  const [lang, setLang] = useState(Object.keys(form.texts)[0] ?? 'en');
  const [newLang, setNewLang] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const languages = [...new Set(['en', ...Object.keys(form.texts)])];
  const change = (patch: Partial<AppearanceSettings>) => {
    onChange({ ...form, ...patch });
    setSaved(false);
  };
  const setText = (key: string, value: string) => {
    const own = { ...(form.texts[lang] ?? {}) };
    if (value) own[key] = value;
    else delete own[key];
    const texts = { ...form.texts, [lang]: own };
    if (!Object.keys(own).length) delete texts[lang];
    change({ texts });
  };
  const textInput = (t: { key: string; label: string; fallback: string }) => (
    <Input
      key={`${lang}-${t.key}`}
      id={`text-${t.key}`}
      label={t.label}
      placeholder={t.fallback}
      value={form.texts[lang]?.[t.key] ?? ''}
      error={fields[`texts.${lang}.${t.key}`]}
      onValue={(v) => setText(t.key, v)}
    />
  );
  const addLanguage = () => {
    const code = newLang.trim();
    if (!LANG.test(code)) return setFields({ newLang: 'Use a code like fr or pt-BR' });
    setFields({});
    setLang(code);
    setNewLang('');
  };

  const submit = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const el = e.currentTarget;
    if (!HEX.test(form.accentColor)) {
      setFields({ accentColor: 'Use a colour like #1746d1' });
      return focusFirstInvalid(el);
    }
    setFields({});
    setError('');
    setBusy(true);
    try {
      onChange(await adminApi.saveAppearance(site.id, form));
      setSaved(true);
    } catch (err) {
      const f = failureOf(err, onSessionEnded);
      if (f) {
        setFields(f.fields);
        setError(f.message);
        focusFirstInvalid(el);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="appearance">
      <form class="stack" noValidate onSubmit={submit}>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <section class="panel stack" aria-labelledby="look-heading">
          <h2 id="look-heading">Look</h2>
          <div class="colour-row">
            <Input
              id="accentColor"
              label="Accent colour"
              value={form.accentColor}
              error={fields.accentColor}
              onValue={(accentColor) => change({ accentColor })}
            />
            <input
              type="color"
              class="colour-swatch"
              aria-label="Pick the accent colour"
              value={HEX.test(form.accentColor) ? form.accentColor : DEFAULT_APPEARANCE.accentColor}
              onInput={(e) => change({ accentColor: e.currentTarget.value })}
            />
          </div>
          {HEX.test(form.accentColor) && <AccentContrast accent={form.accentColor} id="accent-contrast" />}
          <fieldset class="stack">
            <legend>Corner</legend>
            <div class="radio-row">
              {(['right', 'left'] as const).map((p) => (
                <label key={p} class="radio-card" for={`position-${p}`}>
                  <input type="radio" id={`position-${p}`} name="position" checked={form.position === p} onChange={() => change({ position: p })} />
                  <span>Bottom {p}</span>
                </label>
              ))}
            </div>
            <p class="field-hint">On right-to-left pages (Arabic, Hebrew…) the widget mirrors it.</p>
          </fieldset>
          <Input
            id="zIndex"
            class="narrow"
            label="Stacking order (z-index)"
            type="number"
            inputMode="numeric"
            min={0}
            hint={`Default ${DEFAULT_APPEARANCE.zIndex}: above the page’s usual layers, below consent banners (the top of the range is theirs). Raise it only if the page covers the launcher. A page’s own data-z-index wins over this.`}
            value={String(form.zIndex)}
            error={fields.zIndex}
            onValue={(v) => change({ zIndex: Number(v) })}
          />
        </section>
        <section class="panel stack" aria-labelledby="texts-heading">
          <h2 id="texts-heading">Texts</h2>
          <p class="section-intro muted">Leave a text empty to use the default (shown greyed). Each language applies on pages in that language.</p>
          <div class="lang-row">
            <div class="field">
              <label for="lang">Language</label>
              <select id="lang" value={lang} onChange={(e) => setLang(e.currentTarget.value)}>
                {[...new Set([...languages, lang])].map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
            </div>
            <Input id="newLang" label="Add a language" placeholder="fr" value={newLang} error={fields.newLang} onValue={setNewLang} />
            <button type="button" class="btn" onClick={addLanguage}>
              Add
            </button>
          </div>
          {fields.texts && <p class="field-error">{fields.texts}</p>}
          {TEXT_KEYS.map((t) => textInput(t))}
        </section>
        <section class="panel stack" aria-labelledby="ending-heading">
          <h2 id="ending-heading">Visitors we won’t call</h2>
          <p class="section-intro muted">
            What a visitor reads instead of a call when a disqualifier rules them out or they are flagged as suspect (both read the same, so nobody learns they
            were flagged). The texts are in the language chosen above ({lang}); the link is the same for every language.
          </p>
          {ENDING_KEYS.map((t) => textInput(t))}
          <Input
            id="endingUrl"
            label="Link address (optional)"
            placeholder="https://example.com/resources"
            hint="A page that may still help them, such as a guide or a partner. Shown as a button under the message."
            value={form.endingUrl ?? ''}
            error={fields.endingUrl}
            onValue={(v) => change({ endingUrl: v.trim() || null })}
          />
        </section>
        <div class="form-actions">
          <p role="status" class="action-notice">
            {saved ? 'Appearance saved. Pages show it on their next load.' : ''}
          </p>
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save appearance'}
          </button>
        </div>
      </form>
      <div class="appearance-side">
        <AppearancePreview appearance={form} lang={lang} siteName={site.name} />
      </div>
    </div>
  );
}
