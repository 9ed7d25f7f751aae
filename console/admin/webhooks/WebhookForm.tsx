// Add a webhook: where to send, signed JSON or a Slack incoming webhook, and which events.
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { focusFirstInvalid } from '../../focus';
import { adminApi } from '../admin-api';
import { CopyField } from '../ui/CopyField';
import { Checkbox, Input } from '../ui/fields';
import { failureOf } from '../ui/useLoad';
import type { NewWebhook, Topic, WebhookView } from '../types';
import { TOPICS, TOPIC_LABELS } from './topics';

const KINDS = [
  { value: 'signed', label: 'Signed JSON', text: 'Each event as JSON, signed with HMAC-SHA256 over the timestamp and body.' },
  { value: 'slack', label: 'Slack', text: 'A Slack incoming-webhook URL: one readable line per event, for rep alerts.' },
] as const;

export function WebhookForm({ onCreated, onSessionEnded }: { onCreated: () => void; onSessionEnded: () => void }) {
  const [url, setUrl] = useState('');
  const [kind, setKind] = useState<WebhookView['kind']>('signed');
  const [all, setAll] = useState(true);
  const [topics, setTopics] = useState<Topic[]>([]);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<NewWebhook | null>(null);

  const submit = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const chosen: WebhookView['topics'] = all ? ['*'] : topics;
    const local: Record<string, string> = {};
    if (!/^https?:\/\/\S+$/.test(url.trim())) local.url = 'Enter an http(s) URL';
    if (!chosen.length) local.topics = 'Pick at least one event';
    setFields(local);
    setError('');
    if (Object.keys(local).length) return focusFirstInvalid(form);
    setBusy(true);
    try {
      setMade(await adminApi.createWebhook({ url: url.trim(), kind, topics: chosen }));
      setUrl('');
      onCreated();
    } catch (err) {
      const f = failureOf(err, onSessionEnded);
      if (f) {
        setFields(f.fields);
        if (!Object.keys(f.fields).length) setError(f.message);
        focusFirstInvalid(form);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel" aria-labelledby="webhook-new-heading">
      <h2 id="webhook-new-heading">Add a webhook</h2>
      <p class="section-intro muted">Delivery is at least once, retried with growing waits; every event carries an id to drop repeats.</p>
      {made && made.kind === 'signed' && (
        <div class="link-result" role="region" aria-label="Signing secret">
          <p class="link-result-title">Signing secret for {made.url}</p>
          <CopyField id="webhook-secret" label="Secret (shown once)" value={made.secret} />
          <p class="muted field-hint">Verify the Sixty-Signature header with it. It will not be shown again: the list shows only its last four characters.</p>
          <button type="button" class="btn btn-small" onClick={() => setMade(null)}>
            Done
          </button>
        </div>
      )}
      <form class="stack" noValidate onSubmit={submit}>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <Input
          id="url"
          label="URL"
          type="text"
          inputMode="text"
          placeholder="https://crm.example.com/hooks/sixty"
          value={url}
          error={fields.url}
          onValue={setUrl}
        />
        <fieldset class="stack">
          <legend>Format</legend>
          {KINDS.map((k) => (
            <label key={k.value} class="radio-card" for={`kind-${k.value}`}>
              <input type="radio" id={`kind-${k.value}`} name="kind" checked={kind === k.value} onChange={() => setKind(k.value)} />
              <span>
                <strong>{k.label}</strong>
                <span class="muted radio-card-text">{k.text}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset class="topics" id="topics" aria-describedby={fields.topics ? 'topics-error' : undefined}>
          <legend>Events</legend>
          <Checkbox id="topic-all" label="All events" checked={all} onChecked={setAll} />
          {!all &&
            TOPICS.map((t) => (
              <Checkbox
                key={t}
                id={`topic-${t}`}
                label={TOPIC_LABELS[t]}
                checked={topics.includes(t)}
                onChecked={(on) => setTopics((ts) => (on ? [...ts, t] : ts.filter((x) => x !== t)))}
              />
            ))}
          {fields.topics && (
            <p class="field-error" id="topics-error">
              {fields.topics}
            </p>
          )}
        </fieldset>
        <div>
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Adding…' : 'Add webhook'}
          </button>
        </div>
      </form>
    </section>
  );
}
