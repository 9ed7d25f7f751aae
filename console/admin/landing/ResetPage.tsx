// `/console/reset/:token`: set a new password (every other session of the account ends).
import { useEffect, useState } from 'preact/hooks';
import { ApiFailure, messageOf } from '../../api';
import { AuthLayout } from '../../components/AuthLayout';
import { hrefOf } from '../../nav/paths';
import type { LandingProps } from '../../routes';
import { adminApi } from '../admin-api';
import { NewPasswordForm } from './NewPasswordForm';
import './landing.css';

export function ResetPage({ params }: LandingProps) {
  const token = params.token!;
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);

  useEffect(() => {
    document.title = 'Reset your password · Sixty';
  }, []);

  const reset = async (password: string) => {
    setError('');
    try {
      await adminApi.resetPassword(token, password);
      setDone(true);
    } catch (err) {
      if (err instanceof ApiFailure && Object.keys(err.fields).length) return err.fields;
      setError(messageOf(err));
    }
  };

  if (done) {
    return (
      <AuthLayout title="Password changed" intro="You were signed out everywhere else. Sign in with your new password.">
        {/* A full load: any session this tab had was ended by the reset. */}
        <a href={hrefOf('/')} class="btn btn-primary btn-block">
          Sign in
        </a>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Reset your password" intro="Choose a new password for your Sixty account.">
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <NewPasswordForm submitLabel="Set new password" busyLabel="Saving…" onSubmit={reset} />
    </AuthLayout>
  );
}
