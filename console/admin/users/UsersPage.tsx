// The workspace's users (admin): invite with a one-time link, revoke pending invites, send a password reset link,
// deactivate (their sessions end at once).
import { useState } from 'preact/hooks';
import type { PageProps } from '../../routes';
import { adminApi } from '../admin-api';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { LoadState } from '../ui/LoadState';
import { PageHead } from '../ui/PageHead';
import { failureOf, useLoad } from '../ui/useLoad';
import type { OneTimeLink, UserRow } from '../types';
import { InviteForm } from './InviteForm';
import { LinkResult } from './LinkResult';
import { RepsInNoTeam, repsInNoTeam } from '../routing/RepsInNoTeam';
import { PendingInvites } from './PendingInvites';
import { UserTable } from './UserTable';
import { WorkspaceTabs } from '../workspace/WorkspaceTabs';
import '../admin.css';
import '../routing/routing.css';
import './users.css';

export function UsersPage({ me, onSessionEnded }: PageProps) {
  const users = useLoad(() => adminApi.users(), [], onSessionEnded);
  const invites = useLoad(() => adminApi.pendingInvites(), [], onSessionEnded);
  const reps = useLoad(() => adminApi.reps(), [], onSessionEnded);
  const teams = useLoad(() => adminApi.teams(), [], onSessionEnded);
  const [reset, setReset] = useState<{ user: UserRow; link: OneTimeLink } | null>(null);
  const [resetError, setResetError] = useState('');
  const [confirming, setConfirming] = useState<UserRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState('');
  const [notice, setNotice] = useState('');

  const resetLink = async (user: UserRow) => {
    setResetError('');
    setNotice('');
    try {
      setReset({ user, link: await adminApi.resetLink(user.id) });
    } catch (err) {
      setResetError(failureOf(err, onSessionEnded)?.message ?? '');
    }
  };

  const deactivate = async () => {
    if (!confirming) return;
    setBusy(true);
    setDialogError('');
    try {
      await adminApi.deactivate(confirming.id);
      setNotice(`${confirming.name} is deactivated: signed out everywhere and no longer offered leads.`);
      setConfirming(null);
      users.reload();
      reps.reload();
    } catch (err) {
      setDialogError(failureOf(err, onSessionEnded)?.message ?? '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page">
      <PageHead title="Users" intro="Admins manage everything; managers the rules, teams and numbers; reps take leads in the queue." />
      <WorkspaceTabs current="/users" />
      {reps.data && teams.data && (
        <RepsInNoTeam reps={reps.data} teams={teams.data} onAdded={() => (reps.reload(), teams.reload())} onSessionEnded={onSessionEnded} />
      )}
      <section class="panel" aria-labelledby="users-heading">
        <div class="section-head">
          <h2 id="users-heading">People in {me.workspaceName}</h2>
          {users.data && <span class="count">{users.data.filter((u) => u.active).length}</span>}
        </div>
        <p role="status" class="notice-line">
          {notice}
        </p>
        {resetError && (
          <p class="form-error" role="alert">
            {resetError}
          </p>
        )}
        {reset && (
          <LinkResult
            id="reset-link"
            title={`Password reset link for ${reset.user.name}`}
            link={reset.link}
            email={reset.user.email}
            validFor="one hour"
            onClose={() => setReset(null)}
          />
        )}
        <LoadState loading={users.loading && !users.data} error={users.error} onRetry={users.reload} />
        {users.data && (
          <UserTable
            users={users.data}
            meId={me.id}
            noTeam={new Set(repsInNoTeam(reps.data ?? []).map((r) => r.id))}
            onReset={resetLink}
            onDeactivate={(u) => (setDialogError(''), setConfirming(u))}
          />
        )}
      </section>
      <InviteForm onInvited={() => (users.reload(), invites.reload())} onSessionEnded={onSessionEnded} />
      <PendingInvites invites={invites} onSessionEnded={onSessionEnded} />
      {confirming && (
        <ConfirmDialog
          title={`Deactivate ${confirming.name}?`}
          confirmLabel="Deactivate"
          danger
          busy={busy}
          error={dialogError}
          onConfirm={deactivate}
          onCancel={() => setConfirming(null)}
        >
          <p>
            {confirming.name} ({confirming.email}) is signed out on every device at once and can no longer sign in. Their leads stay in the history.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
