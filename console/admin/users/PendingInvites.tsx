// Invites not yet accepted (and not expired), each with a button to revoke its link.
import { useState } from 'preact/hooks';
import { adminApi } from '../admin-api';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { LoadState } from '../ui/LoadState';
import { failureOf, type Loaded } from '../ui/useLoad';
import type { InviteRow } from '../types';
import { ROLE_LABELS } from './UserTable';

export function PendingInvites({ invites, onSessionEnded }: { invites: Loaded<InviteRow[]>; onSessionEnded: () => void }) {
  const [revoking, setRevoking] = useState<InviteRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    setError('');
    try {
      await adminApi.revokeInvite(revoking.id);
      setNotice(`The invite to ${revoking.email} no longer works.`);
      setRevoking(null);
      invites.reload();
    } catch (err) {
      setError(failureOf(err, onSessionEnded)?.message ?? '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel" aria-labelledby="invites-heading">
      <div class="section-head">
        <h2 id="invites-heading">Pending invites</h2>
        {invites.data && <span class="count">{invites.data.length}</span>}
      </div>
      <p role="status" class="notice-line">
        {notice}
      </p>
      <LoadState loading={invites.loading && !invites.data} error={invites.error} onRetry={invites.reload} />
      {invites.data?.length === 0 && <p class="muted">No invites waiting to be accepted.</p>}
      {!!invites.data?.length && (
        <ul class="user-list" aria-label="Pending invites">
          {invites.data.map((i) => (
            <li key={i.id} class="user-row">
              <div class="user-main">
                <p class="user-name">{i.name}</p>
                <p class="user-email muted">{i.email}</p>
              </div>
              <div class="user-meta">
                <span class={`badge badge-role-${i.role}`}>{ROLE_LABELS[i.role]}</span>
                <span class="muted user-since">Link works until {new Date(i.expiresAt).toLocaleDateString()}</span>
              </div>
              <div class="user-actions">
                <button
                  type="button"
                  class="btn btn-small btn-remove"
                  aria-label={`Revoke the invite to ${i.email}`}
                  onClick={() => (setError(''), setRevoking(i))}
                >
                  Revoke
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {revoking && (
        <ConfirmDialog
          title={`Revoke the invite to ${revoking.email}?`}
          confirmLabel="Revoke"
          danger
          busy={busy}
          error={error}
          onConfirm={revoke}
          onCancel={() => setRevoking(null)}
        >
          <p>The link stops working at once. You can invite them again later.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
