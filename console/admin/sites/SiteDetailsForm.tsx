// Edit a site: name, allowed origins, phone region and the offer timeout. (The widget's texts,
// the launcher's included, are on the appearance page, per language.)
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { focusFirstInvalid } from '../../focus';
import { adminApi } from '../admin-api';
import { Input } from '../ui/fields';
import { failureOf } from '../ui/useLoad';
import type { ConsoleSite } from '../types';

interface Props {
  site: ConsoleSite;
  onSaved: () => void;
  onCancel: () => void;
  onSessionEnded: () => void;
}

export function SiteDetailsForm({ site, onSaved, onCancel, onSessionEnded }: Props) {
  const id = (f: string) => `site-${site.id}-${f}`;
  const [name, setName] = useState(site.name);
  const [origins, setOrigins] = useState(site.allowedOrigins.join('\n'));
  const [phoneRegion, setPhoneRegion] = useState(site.phoneRegion);
  const [timeout, setTimeoutText] = useState(String(Math.round(site.offerTimeoutMs / 1000)));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const seconds = Number(timeout);
    if (!Number.isFinite(seconds) || seconds <= 0) {
      setFields({ offerTimeoutMs: 'Enter a number of seconds' });
      return focusFirstInvalid(form);
    }
    setFields({});
    setError('');
    setBusy(true);
    try {
      await adminApi.updateSite(site.id, {
        name: name.trim(),
        allowedOrigins: origins
          .split(/[\n,]/)
          .map((o) => o.trim())
          .filter(Boolean),
        phoneRegion: phoneRegion.trim().toUpperCase(),
        offerTimeoutMs: Math.round(seconds * 1000),
      });
      onSaved();
    } catch (err) {
      const f = failureOf(err, onSessionEnded);
      if (f) {
        // `allowedOrigins.1` belongs to the one origins field.
        const byField: Record<string, string> = {};
        for (const [k, v] of Object.entries(f.fields)) byField[k.split('.')[0]!] ??= v;
        setFields(byField);
        if (!Object.keys(byField).length) setError(f.message);
        focusFirstInvalid(form);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="site-form" noValidate onSubmit={submit} aria-label={`Edit ${site.name}`}>
      {error && (
        <p class="form-error span-all" role="alert">
          {error}
        </p>
      )}
      <Input id={id('name')} label="Site name" value={name} error={fields.name} onValue={setName} />
      <div class="field span-all">
        <label for={id('origins')}>Allowed origins</label>
        <textarea
          id={id('origins')}
          rows={3}
          value={origins}
          aria-invalid={fields.allowedOrigins ? true : undefined}
          aria-describedby={`${id('origins')}-${fields.allowedOrigins ? 'error' : 'hint'}`}
          onInput={(e) => setOrigins(e.currentTarget.value)}
        />
        {fields.allowedOrigins ? (
          <p class="field-error" id={`${id('origins')}-error`}>
            {fields.allowedOrigins}
          </p>
        ) : (
          <p class="field-hint" id={`${id('origins')}-hint`}>
            One per line, like https://example.com. Only these pages may load the widget.
          </p>
        )}
      </div>
      <Input
        id={id('phoneRegion')}
        label="Phone region"
        hint="Two letters, for numbers typed without +country code."
        value={phoneRegion}
        error={fields.phoneRegion}
        onValue={setPhoneRegion}
      />
      <Input
        id={id('offerTimeoutMs')}
        label="Seconds a rep has to accept"
        type="number"
        inputMode="numeric"
        min={5}
        value={timeout}
        error={fields.offerTimeoutMs}
        onValue={setTimeoutText}
      />
      <div class="form-actions span-all">
        <button type="button" class="btn" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save site'}
        </button>
      </div>
    </form>
  );
}
