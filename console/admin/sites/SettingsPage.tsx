// A site's tracking settings: consent mode, clicks tracked by selector, browser calls, bot filter, event rate.
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { PageProps } from '../../routes';
import { focusFirstInvalid } from '../../focus';
import { adminApi } from '../admin-api';
import { Checkbox, Input } from '../ui/fields';
import { LoadState } from '../ui/LoadState';
import { PageHead } from '../ui/PageHead';
import { failureOf, useLoad } from '../ui/useLoad';
import type { SiteSettings } from '../types';
import { SiteTabs, useSiteName } from './SiteTabs';
import '../admin.css';

interface Form {
  consent: SiteSettings['consent'];
  formsCountAsContactRequest: boolean;
  selectors: Array<{ key: number; selector: string; name: string }>;
  browserCalls: boolean;
  botFilter: boolean;
  maxEventsPerSecond: string;
  minSubmitMs: string;
}

let nextKey = 1;

function formOf(s: SiteSettings): Form {
  return {
    consent: s.consent,
    formsCountAsContactRequest: s.formsCountAsContactRequest,
    selectors: s.trackSelectors.map((t) => ({ key: nextKey++, ...t })),
    browserCalls: s.browserCalls,
    botFilter: s.botFilter,
    maxEventsPerSecond: String(s.maxEventsPerSecond),
    minSubmitMs: String(s.minSubmitMs),
  };
}

const CONSENT = [
  { value: 'implied', label: 'Implied', text: 'Track from the first page view (no consent banner needed where you operate).' },
  { value: 'required', label: 'Required', text: 'Nothing is stored or tracked until the visitor consents or opens the widget.' },
] as const;

export function SettingsPage({ params, onSessionEnded }: PageProps) {
  const siteId = params.siteId!;
  const siteName = useSiteName(siteId);
  const [form, setForm] = useState<Form | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const loaded = useLoad(
    async () => {
      const s = await adminApi.settings(siteId);
      setForm(formOf(s));
      return s;
    },
    [siteId],
    onSessionEnded,
  );

  const change = (patch: Partial<Form>) => {
    setForm((f) => f && { ...f, ...patch });
    setSaved(false);
  };
  const setSelector = (i: number, patch: Partial<Form['selectors'][number]>) =>
    form && change({ selectors: form.selectors.map((s, j) => (j === i ? { ...s, ...patch } : s)) });

  const submit = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!form) return;
    const formEl = e.currentTarget;
    const rate = Number(form.maxEventsPerSecond);
    const local: Record<string, string> = {};
    const minSubmit = Number(form.minSubmitMs);
    if (!Number.isInteger(rate) || rate < 1) local.maxEventsPerSecond = 'Enter a whole number of events, 1 or more';
    if (!form.minSubmitMs.trim() || !Number.isInteger(minSubmit) || minSubmit < 0) local.minSubmitMs = 'Enter a whole number of milliseconds (0 turns it off)';
    setFields(local);
    setError('');
    if (Object.keys(local).length) return focusFirstInvalid(formEl);
    setBusy(true);
    try {
      const body: SiteSettings = {
        consent: form.consent,
        formsCountAsContactRequest: form.formsCountAsContactRequest,
        trackSelectors: form.selectors.map(({ selector, name }) => ({ selector: selector.trim(), name: name.trim() })),
        browserCalls: form.browserCalls,
        botFilter: form.botFilter,
        maxEventsPerSecond: rate,
        minSubmitMs: minSubmit,
      };
      setForm(formOf(await adminApi.saveSettings(siteId, body)));
      setSaved(true);
    } catch (err) {
      const f = failureOf(err, onSessionEnded);
      if (f) {
        setFields(f.fields);
        setError(f.message);
        focusFirstInvalid(formEl);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page">
      <PageHead
        eyebrow={siteName ?? 'Site'}
        title="Tracking settings"
        intro="How the script behaves on this site’s pages: consent, which clicks count, whether visitors may talk in their browser, and the protections against bots and floods."
      />
      <SiteTabs siteId={siteId} current="settings" />
      <LoadState loading={loaded.loading && !form} error={loaded.error} onRetry={loaded.reload} />
      {form && (
        <form class="stack" noValidate onSubmit={submit}>
          {error && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
          <section class="panel">
            <fieldset class="stack">
              <legend>
                <h2>Consent</h2>
              </legend>
              {CONSENT.map((c) => (
                <label key={c.value} class="radio-card" for={`consent-${c.value}`}>
                  <input
                    type="radio"
                    id={`consent-${c.value}`}
                    name="consent"
                    value={c.value}
                    checked={form.consent === c.value}
                    onChange={() => change({ consent: c.value })}
                  />
                  <span>
                    <strong>{c.label}</strong>
                    <span class="muted radio-card-text">{c.text}</span>
                  </span>
                </label>
              ))}
              {fields.consent && <p class="field-error">{fields.consent}</p>}
              <Checkbox
                id="formsCountAsContactRequest"
                label="A submitted contact form is a request for contact"
                hint="When tracking is not allowed (consent not given or refused, Global Privacy Control, Do Not Track), a submission of your own mapped form that offers to a rep or books a slot is still read and sent as the visitor's request to be contacted. Nothing else is read or tracked, and nothing is kept once the request is sent."
                checked={form.formsCountAsContactRequest}
                error={fields.formsCountAsContactRequest}
                onChecked={(formsCountAsContactRequest) => change({ formsCountAsContactRequest })}
              />
            </fieldset>
          </section>

          <section class="panel" aria-labelledby="selectors-heading">
            <h2 id="selectors-heading">Tracked clicks</h2>
            <p class="section-intro muted">
              Clicks on elements matching a CSS selector become events with that name (use the name in a behaviour rule). Elements with{' '}
              <code>data-sixty-event</code> are tracked without this.
            </p>
            {fields.trackSelectors && <p class="field-error">{fields.trackSelectors}</p>}
            <ol class="selector-list">
              {form.selectors.map((s, i) => (
                <li key={s.key} class="selector-row">
                  <Input
                    id={`trackSelectors-${i}-selector`}
                    label="CSS selector"
                    placeholder="a[href*='/demo']"
                    value={s.selector}
                    error={fields[`trackSelectors.${i}.selector`]}
                    onValue={(selector) => setSelector(i, { selector })}
                  />
                  <Input
                    id={`trackSelectors-${i}-name`}
                    label="Event name"
                    placeholder="demo_click"
                    value={s.name}
                    error={fields[`trackSelectors.${i}.name`]}
                    onValue={(name) => setSelector(i, { name })}
                  />
                  <button
                    type="button"
                    class="btn btn-ghost btn-small btn-remove"
                    aria-label={`Remove tracked click ${i + 1}`}
                    onClick={() => change({ selectors: form.selectors.filter((_, j) => j !== i) })}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ol>
            {form.selectors.length === 0 && <p class="muted empty-note">No selectors: only elements marked with data-sixty-event are tracked as clicks.</p>}
            <button type="button" class="btn" onClick={() => change({ selectors: [...form.selectors, { key: nextKey++, selector: '', name: '' }] })}>
              Add a tracked click
            </button>
          </section>

          <section class="panel stack" aria-labelledby="calls-heading">
            <h2 id="calls-heading">Browser calls</h2>
            <Checkbox
              id="browserCalls"
              label="Visitors may talk now in their browser"
              hint="The widget offers “Talk now in your browser” beside the callback: the rep who accepts talks with the visitor by voice in the widget, no phone number needed. The microphone is asked for only when the visitor chooses it."
              checked={form.browserCalls}
              error={fields.browserCalls}
              onChecked={(browserCalls) => change({ browserCalls })}
            />
          </section>

          <section class="panel stack" aria-labelledby="protections-heading">
            <h2 id="protections-heading">Protections</h2>
            <Checkbox
              id="botFilter"
              label="Filter bots"
              hint="Known crawlers and headless browsers earn no points and never become leads."
              checked={form.botFilter}
              error={fields.botFilter}
              onChecked={(botFilter) => change({ botFilter })}
            />
            <Input
              id="maxEventsPerSecond"
              class="narrow"
              label="Most events per second, per visitor"
              type="number"
              inputMode="numeric"
              min={1}
              hint="Above this, a visitor’s events are dropped."
              value={form.maxEventsPerSecond}
              error={fields.maxEventsPerSecond}
              onValue={(maxEventsPerSecond) => change({ maxEventsPerSecond })}
            />
            <Input
              id="minSubmitMs"
              class="narrow"
              label="Fastest believable callback form (ms)"
              type="number"
              inputMode="numeric"
              min={0}
              hint="Forms sent faster than this after opening are treated as bots. 0 turns it off."
              value={form.minSubmitMs}
              error={fields.minSubmitMs}
              onValue={(minSubmitMs) => change({ minSubmitMs })}
            />
          </section>

          <div class="form-actions">
            <p role="status" class="action-notice">
              {saved ? 'Settings saved. Pages pick them up on their next load.' : ''}
            </p>
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save settings'}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
