// Choose a password (twice), for an invite or a reset link.
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { TextField } from '../../components/TextField';
import { focusFirstInvalid } from '../../focus';

/** Mirrors `newPasswordSchema` in shared/schemas/console.schema.ts; the server checks again. */
const MIN_PASSWORD = 10;

interface Props {
  /** For password managers: the account the password belongs to. */
  email?: string;
  submitLabel: string;
  busyLabel: string;
  onSubmit: (password: string) => Promise<Record<string, string> | void>;
}

export function NewPasswordForm({ email, submitLabel, busyLabel, onSubmit }: Props) {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const local: Record<string, string> = {};
    if (password.length < MIN_PASSWORD) local.password = `Use at least ${MIN_PASSWORD} characters`;
    else if (again !== password) local.again = 'The two passwords differ';
    setFields(local);
    if (Object.keys(local).length) return focusFirstInvalid(form);
    setBusy(true);
    const refused = await onSubmit(password);
    setBusy(false);
    if (refused) {
      setFields(refused);
      focusFirstInvalid(form);
    }
  };

  return (
    <form class="stack" noValidate onSubmit={submit}>
      {email && <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />}
      <TextField
        id="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD} characters.`}
        value={password}
        onValue={setPassword}
        error={fields.password}
      />
      <TextField id="again" label="Repeat the password" type="password" autoComplete="new-password" value={again} onValue={setAgain} error={fields.again} />
      <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </button>
    </form>
  );
}
