// First run of a fresh install: create the workspace and its first admin, then sign in as them.
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { Me } from '../../shared/api';
import { api, ApiFailure, messageOf, type SetupInput } from '../api';
import { AuthLayout } from '../components/AuthLayout';
import { TextField } from '../components/TextField';
import { focusFirstInvalid } from '../focus';

/** Mirrors `setupSchema` in shared/schemas/console.schema.ts; the server checks again. */
const MIN_PASSWORD = 10;

function validate(input: SetupInput): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!input.workspaceName.trim()) fields.workspaceName = 'Name your workspace';
  if (!input.name.trim()) fields.name = 'Enter your name';
  if (!/^\S+@\S+\.\S+$/.test(input.email.trim())) fields.email = 'Enter a valid email address';
  if (input.password.length < MIN_PASSWORD) fields.password = `Use at least ${MIN_PASSWORD} characters`;
  if (!input.setupToken.trim()) fields.setupToken = 'Enter the setup token that npm start printed';
  return fields;
}

/** The link `npm start` prints carries the token in the fragment (`#setup-token=…`), which never reaches a server log. */
function tokenFromLink(): string {
  return new URLSearchParams(location.hash.slice(1)).get('setup-token') ?? '';
}

export interface SetupProps {
  onDone: (me: Me) => void;
}

export function Setup({ onDone }: SetupProps) {
  const [input, setInput] = useState<SetupInput>({ workspaceName: '', name: '', email: '', password: '', setupToken: tokenFromLink() });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (key: keyof SetupInput) => (value: string) => setInput((prev) => ({ ...prev, [key]: value }));

  const submit = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const invalid = validate(input);
    setFields(invalid);
    setError('');
    if (Object.keys(invalid).length) return focusFirstInvalid(form);
    setBusy(true);
    try {
      onDone(
        await api.setup({
          ...input,
          workspaceName: input.workspaceName.trim(),
          name: input.name.trim(),
          email: input.email.trim(),
          setupToken: input.setupToken.trim(),
        }),
      );
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiFailure && Object.keys(err.fields).length) {
        setFields(err.fields);
        focusFirstInvalid(form);
      } else setError(messageOf(err));
    }
  };

  return (
    <AuthLayout title="Create the first admin" intro="This install has no users yet. Set up your workspace to get started.">
      <form class="stack" onSubmit={submit} noValidate>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <TextField
          id="workspaceName"
          label="Workspace name"
          autoComplete="organization"
          value={input.workspaceName}
          onValue={set('workspaceName')}
          error={fields.workspaceName}
        />
        <TextField id="name" label="Your name" autoComplete="name" value={input.name} onValue={set('name')} error={fields.name} />
        <TextField id="email" label="Email" type="email" autoComplete="username" value={input.email} onValue={set('email')} error={fields.email} />
        <TextField
          id="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD} characters.`}
          value={input.password}
          onValue={set('password')}
          error={fields.password}
        />
        <TextField
          id="setupToken"
          label="Setup token"
          autoComplete="off"
          hint="Printed by npm start while this install has no users; it proves you run this server."
          value={input.setupToken}
          onValue={set('setupToken')}
          error={fields.setupToken}
        />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Creating…' : 'Create workspace'}
        </button>
      </form>
    </AuthLayout>
  );
}
