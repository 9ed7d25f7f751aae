// API keys (admin): create one per CRM (its secret is shown once), see when each was last used,
// revoke one that leaked or is no longer needed. Only the SHA-256 of a secret is stored.
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { formatWhen } from '../../format';
import { adminApi } from '../admin-api';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { CopyField } from '../ui/CopyField';
import { Input } from '../ui/fields';
import { FormStatus, showFormFailure } from '../ui/form-failure';
import { LoadState } from '../ui/LoadState';
import { failureOf, useLoad } from '../ui/useLoad';
import type { ApiKeyRow, CreatedApiKey } from '../../../shared/console-api';

export function ApiKeys({ onSessionEnded }: { onSessionEnded: () => void }) {
  const list = useLoad(() => adminApi.apiKeys(), [], onSessionEnded);
  const [name, setName] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyRow | null>(null);
  const now = Date.now();

  const create = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setNotice('');
    setError('');
    if (!name.trim()) {
      setFields({ 'key-name': 'Name the key (say, the CRM that uses it)' });
      return form.querySelector<HTMLInputElement>('#key-name')?.focus();
    }
    setFields({});
    setBusy(true);
    try {
      setMade(await adminApi.createApiKey({ name: name.trim() }));
      setName('');
      list.reload();
    } catch (err) {
      showFormFailure(err, onSessionEnded, form, { setFields: (f) => setFields(f.name ? { 'key-name': f.name } : f), setError });
    } finally {
      setBusy(false);
    }
  };

  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    try {
      await adminApi.revokeApiKey(revoking.id);
      setNotice(`${revoking.name} is revoked: requests with it are refused from now on.`);
      if (made?.id === revoking.id) setMade(null);
      list.reload();
    } catch (err) {
      setError(failureOf(err, onSessionEnded)?.message ?? '');
    } finally {
      setRevoking(null);
      setBusy(false);
    }
  };

  return (
    <section class="panel" aria-labelledby="api-keys-heading">
      <h2 id="api-keys-heading">API keys</h2>
      <p class="section-intro muted">
        Your CRM sends one as <code>Authorization: Bearer …</code> to <code>PATCH /v1/leads/:id/outcome</code> to report opportunities, won and lost deals. A
        key reaches this workspace's leads only.
      </p>
      {made && (
        <div class="link-result" role="region" aria-label="New API key">
          <p class="link-result-title">Secret of {made.name}</p>
          <CopyField id="api-key-secret" label="Secret (shown once)" value={made.secret} />
          <p class="muted field-hint">Store it in your CRM now: Sixty keeps only a hash of it and cannot show it again.</p>
          <button type="button" class="btn btn-small" onClick={() => setMade(null)}>
            Done
          </button>
        </div>
      )}
      <form class="api-key-form" noValidate onSubmit={create}>
        <Input id="key-name" label="Name" value={name} onValue={setName} placeholder="HubSpot sync" autoComplete="off" error={fields['key-name']} />
        <div>
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy && !revoking ? 'Creating…' : 'Create key'}
          </button>
        </div>
      </form>
      <FormStatus notice={notice} error={error} />
      <LoadState loading={list.loading && !list.data} error={list.error} onRetry={list.reload} />
      {list.data?.length === 0 && <p class="muted">No API keys yet.</p>}
      {!!list.data?.length && (
        <ul class="user-list api-key-list" aria-label="API keys">
          {list.data.map((k) => (
            <li key={k.id} class={`user-row${k.revokedAt === null ? '' : ' user-inactive'}`}>
              <div class="user-main">
                <p class="user-name">{k.name}</p>
                <p class="muted">
                  <code>{k.prefix}…</code>
                </p>
              </div>
              <div class="user-meta api-key-meta">
                {k.revokedAt !== null && <span class="badge badge-inactive">Revoked {formatWhen(k.revokedAt, now)}</span>}
                <span class="muted">
                  Created {formatWhen(k.createdAt, now)}
                  {k.createdBy ? ` by ${k.createdBy}` : ''}
                </span>
                <span class="muted">{k.lastUsedAt === null ? 'Never used' : `Last used ${formatWhen(k.lastUsedAt, now)}`}</span>
              </div>
              {k.revokedAt === null && (
                <div class="user-actions">
                  <button type="button" class="btn btn-small btn-remove" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.name}`}>
                    Revoke
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {revoking && (
        <ConfirmDialog title="Revoke this API key?" confirmLabel="Revoke" danger busy={busy} onConfirm={revoke} onCancel={() => setRevoking(null)}>
          <p>
            Requests with <strong>{revoking.name}</strong> are refused at once. A CRM still using it will get 401 until it gets a new key.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
