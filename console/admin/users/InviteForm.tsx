// Invite someone: name, email and role give a one-time link to set their password.
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { UserRole } from '../../../shared/api';
import { focusFirstInvalid } from '../../focus';
import { adminApi } from '../admin-api';
import { Input, Select } from '../ui/fields';
import { failureOf } from '../ui/useLoad';
import type { OneTimeLink } from '../types';
import { LinkResult } from './LinkResult';

const ROLES: ReadonlyArray<{ value: UserRole; label: string }> = [
  { value: 'rep', label: 'Rep: takes leads in the queue' },
  { value: 'manager', label: 'Manager: rules, teams and numbers' },
  { value: 'admin', label: 'Admin: everything' },
];

export function InviteForm({ onInvited, onSessionEnded }: { onInvited: () => void; onSessionEnded: () => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<UserRole>('rep');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<{ email: string; name: string; link: OneTimeLink } | null>(null);

  const submit = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = 'Enter their name';
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) local.email = 'Enter a valid email address';
    setFields(local);
    setError('');
    if (Object.keys(local).length) return focusFirstInvalid(form);
    setBusy(true);
    try {
      const link = await adminApi.invite({ name: name.trim(), email: email.trim(), role });
      setMade({ email: email.trim(), name: name.trim(), link });
      setName('');
      setEmail('');
      onInvited();
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
    <section class="panel" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite someone</h2>
      <p class="section-intro muted">
        They get a one-time link to set their password: emailed to them when this server has SMTP set up, otherwise shown here to copy and send.
      </p>
      {made && (
        <LinkResult
          id="invite-link"
          title={`Invite link for ${made.name}`}
          link={made.link}
          email={made.email}
          validFor="7 days"
          onClose={() => setMade(null)}
        />
      )}
      <form class="invite-form" noValidate onSubmit={submit}>
        {error && (
          <p class="form-error span-all" role="alert">
            {error}
          </p>
        )}
        <Input id="invite-name" label="Name" autoComplete="off" value={name} error={fields.name} onValue={setName} />
        <Input id="invite-email" label="Email" type="email" autoComplete="off" value={email} error={fields.email} onValue={setEmail} />
        <Select id="invite-role" label="Role" value={role} options={ROLES} error={fields.role} onValue={setRole} />
        <div class="invite-submit">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Inviting…' : 'Create invite link'}
          </button>
        </div>
      </form>
    </section>
  );
}
