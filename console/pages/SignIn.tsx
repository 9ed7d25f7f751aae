// Sign-in: email and password open a session (HttpOnly cookie set by the server).
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { Me } from '../../shared/api';
import { api, ApiFailure, messageOf } from '../api';
import { AuthLayout } from '../components/AuthLayout';
import { TextField } from '../components/TextField';
import { focusFirstInvalid } from '../focus';

interface Props {
  /** Why the rep is here again (e.g. the session ended), shown above the form. */
  notice?: string;
  onSignedIn: (me: Me) => void;
}

export function SignIn({ notice, onSignedIn }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const missing: Record<string, string> = {};
    if (!email.trim()) missing.email = 'Enter your email address';
    if (!password) missing.password = 'Enter your password';
    setFields(missing);
    setError('');
    if (Object.keys(missing).length) return focusFirstInvalid(form);
    setBusy(true);
    try {
      onSignedIn(await api.signIn(email.trim(), password));
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiFailure && err.code === 'bad_credentials') setError('Email or password is incorrect.');
      else if (err instanceof ApiFailure && Object.keys(err.fields).length) {
        setFields(err.fields);
        focusFirstInvalid(form);
      } else setError(messageOf(err));
    }
  };

  return (
    <AuthLayout title="Sign in" intro="Take hot leads the moment they raise their hand.">
      <form class="stack" onSubmit={submit} noValidate>
        {notice && !error && <p class="form-notice">{notice}</p>}
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <TextField id="email" label="Email" type="email" autoComplete="username" value={email} onValue={setEmail} error={fields.email} />
        <TextField
          id="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          error={fields.password}
        />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}
