// `/console/invite/:token`: who invited you to which workspace; set a password and you are in.
import { useEffect, useState } from 'preact/hooks';
import { ApiFailure, messageOf } from '../../api';
import { AuthLayout } from '../../components/AuthLayout';
import { hrefOf } from '../../nav/paths';
import type { LandingProps } from '../../routes';
import { adminApi } from '../admin-api';
import type { InviteInfo } from '../types';
import { NewPasswordForm } from './NewPasswordForm';
import './landing.css';

const ROLE_TEXT = { admin: 'an admin', manager: 'a manager', rep: 'a rep' } as const;

export function InvitePage({ params, onSignedIn }: LandingProps) {
  const token = params.token!;
  const [invite, setInvite] = useState<InviteInfo | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    document.title = 'Join your team · Sixty';
    adminApi.inviteInfo(token).then(setInvite, (err) => setError(messageOf(err)));
  }, [token]);

  const accept = async (password: string) => {
    setError('');
    try {
      await adminApi.acceptInvite(token, password);
    } catch (err) {
      if (err instanceof ApiFailure && Object.keys(err.fields).length) return err.fields;
      setError(messageOf(err));
      return;
    }
    try {
      onSignedIn(await adminApi.signIn(invite!.email, password));
    } catch (err) {
      setError(`Your password is set, but signing in failed: ${messageOf(err)}`);
    }
  };

  if (error && !invite) {
    return (
      <AuthLayout title="This invite link does not work" intro={error}>
        <p class="muted">Ask the person who invited you for a new link.</p>
        <p>
          <a href={hrefOf('/')}>Go to sign in</a>
        </p>
      </AuthLayout>
    );
  }
  if (!invite) {
    return (
      <p class="boot" role="status">
        Checking your invite…
      </p>
    );
  }
  return (
    <AuthLayout title={`Join ${invite.workspaceName}`} intro={`You are invited as ${ROLE_TEXT[invite.role]}. Choose a password to finish.`}>
      <dl class="invite-facts">
        <dt>Name</dt>
        <dd>{invite.name}</dd>
        <dt>Email</dt>
        <dd>{invite.email}</dd>
      </dl>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <NewPasswordForm email={invite.email} submitLabel="Set password and sign in" busyLabel="Setting up…" onSubmit={accept} />
    </AuthLayout>
  );
}
