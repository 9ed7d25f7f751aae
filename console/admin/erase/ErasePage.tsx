// Right to erasure (admin): everything stored about one person, found by phone and/or email.
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { PageProps } from '../../routes';
import { focusFirstInvalid } from '../../focus';
import { adminApi } from '../admin-api';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Input } from '../ui/fields';
import { PageHead } from '../ui/PageHead';
import { failureOf } from '../ui/useLoad';
import type { ErasureResult } from '../types';
import { ErasureReport } from './ErasureReport';
import '../admin.css';

export function ErasePage({ onSessionEnded }: PageProps) {
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ who: string; result: ErasureResult } | null>(null);
  const who = [phone.trim(), email.trim()].filter(Boolean).join(' and ');

  const review = (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!phone.trim() && !email.trim()) local.phone = 'Give a phone number or an email address';
    if (email.trim() && !/^\S+@\S+\.\S+$/.test(email.trim())) local.email = 'Enter a valid email address';
    setFields(local);
    setError('');
    if (Object.keys(local).length) return focusFirstInvalid(e.currentTarget);
    setConfirming(true);
  };

  const erase = async () => {
    setBusy(true);
    try {
      const result = await adminApi.erase({ ...(phone.trim() ? { phone: phone.trim() } : {}), ...(email.trim() ? { email: email.trim() } : {}) });
      setDone({ who, result });
      setConfirming(false);
      setPhone('');
      setEmail('');
    } catch (err) {
      const f = failureOf(err, onSessionEnded);
      setConfirming(false);
      if (f) {
        setFields(f.fields);
        if (!Object.keys(f.fields).length) setError(f.message);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page">
      <PageHead
        title="Erase a person"
        intro="Removes everything stored about one person: leads, their timelines, tracked events, offers, follow-ups, queued and logged webhooks. The database is overwritten, not just marked. A record that an erasure happened is kept, without the personal data."
      />
      {done && <ErasureReport who={done.who} result={done.result} />}
      <section class="panel">
        <form class="stack erase-form" noValidate onSubmit={review}>
          {error && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
          <Input
            id="phone"
            label="Phone number"
            type="tel"
            autoComplete="off"
            hint="Any format; numbers without a country code are read in each site’s region."
            value={phone}
            error={fields.phone}
            onValue={setPhone}
          />
          <Input id="email" label="Email address" type="email" autoComplete="off" value={email} error={fields.email} onValue={setEmail} />
          <div>
            <button type="submit" class="btn btn-danger">
              Erase…
            </button>
          </div>
        </form>
      </section>
      {confirming && (
        <ConfirmDialog title="Erase this person?" confirmLabel="Erase everything" danger busy={busy} onConfirm={erase} onCancel={() => setConfirming(false)}>
          <p>
            Everything stored about <strong>{who}</strong> is deleted for good. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
