// Add a site: its name, where the widget may run and the phone region. It starts with the
// default questions and a catch-all routing rule to the first team; its snippet shows in its card.
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { focusFirstInvalid } from '../../focus';
import { adminApi } from '../admin-api';
import { Input } from '../ui/fields';
import { failureOf } from '../ui/useLoad';
import { splitList } from '../routing/hours';

export function NewSiteForm({ onCreated, onClose, onSessionEnded }: { onCreated: (name: string) => void; onClose: () => void; onSessionEnded: () => void }) {
  const [name, setName] = useState('');
  const [origins, setOrigins] = useState('');
  const [region, setRegion] = useState('US');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setBusy(true);
    setError('');
    setFields({});
    try {
      const made = await adminApi.createSite({ name: name.trim(), allowedOrigins: splitList(origins), phoneRegion: region.trim().toUpperCase() });
      setName('');
      setOrigins('');
      onCreated(made.name);
    } catch (err) {
      const f = failureOf(err, onSessionEnded);
      if (f) {
        setFields(f.fields);
        setError(Object.keys(f.fields).length ? 'Some fields need attention.' : f.message);
        focusFirstInvalid(form);
      }
    } finally {
      setBusy(false);
    }
  };

  const originError = Object.entries(fields).find(([k]) => k.startsWith('allowedOrigins'))?.[1];
  return (
    <section class="panel" aria-labelledby="site-new-heading">
      <h2 id="site-new-heading">Add a site</h2>
      <form class="site-form" noValidate onSubmit={submit}>
        <Input id="site-new-name" label="Site name" value={name} error={fields.name} onValue={setName} />
        <Input
          id="site-new-region"
          label="Phone region"
          hint="Country code for numbers typed without +"
          value={region}
          error={fields.phoneRegion}
          onValue={setRegion}
        />
        <Input
          id="site-new-origins"
          class="span-all"
          label="Allowed origins"
          hint="Comma-separated, e.g. https://example.com, https://www.example.com"
          value={origins}
          error={originError}
          onValue={setOrigins}
        />
        <div class="form-actions span-all">
          {error && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="button" class="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create site'}
          </button>
        </div>
      </form>
    </section>
  );
}
