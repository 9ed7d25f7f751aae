// Account owners (admin and manager): leads whose email is at a domain go to its owner first,
// under rules with the account-owner strategy.
import { useEffect, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { PageProps } from '../../routes';
import { adminApi } from '../admin-api';
import { FormStatus, showFormFailure } from '../ui/form-failure';
import { Input, Select } from '../ui/fields';
import { LoadState } from '../ui/LoadState';
import { PageHead } from '../ui/PageHead';
import { useLoad } from '../ui/useLoad';
import type { AccountOwner } from '../types';
import { RoutingTabs } from './RoutingTabs';
import '../admin.css';
import './routing.css';

export function AccountOwnersPage({ onSessionEnded }: PageProps) {
  const loaded = useLoad(() => Promise.all([adminApi.accountOwners(), adminApi.reps()]), [], onSessionEnded);
  const [rows, setRows] = useState<AccountOwner[]>([]);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (loaded.data) setRows(loaded.data[0].owners);
  }, [loaded.data]);
  const reps = loaded.data?.[1] ?? [];

  const save = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setBusy(true);
    setError('');
    setNotice('');
    setFields({});
    try {
      setRows((await adminApi.saveAccountOwners(rows.filter((r) => r.domain.trim()))).owners);
      setNotice('Saved.');
    } catch (err) {
      showFormFailure(err, onSessionEnded, form, { setFields, setError });
    } finally {
      setBusy(false);
    }
  };

  const set = (i: number, patch: Partial<AccountOwner>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div class="page">
      <PageHead title="Account owners" intro="A lead from a domain someone owns is offered to them first (rules with the account owner strategy)." />
      <RoutingTabs current="/account-owners" />
      <LoadState loading={loaded.loading && !loaded.data} error={loaded.error} onRetry={loaded.reload} />
      {loaded.data && (
        <section class="panel" aria-labelledby="owners-heading">
          <h2 id="owners-heading">Email domains</h2>
          <form class="stack" noValidate onSubmit={save}>
            {rows.length === 0 && <p class="muted">No domains yet.</p>}
            <ul class="selector-list">
              {rows.map((r, i) => (
                <li key={i} class="selector-row">
                  <Input
                    id={`owner-domain-${i}`}
                    label={`Domain ${i + 1}`}
                    placeholder="example.com"
                    value={r.domain}
                    error={fields[`owners.${i}.domain`]}
                    onValue={(domain) => set(i, { domain })}
                  />
                  <Select
                    id={`owner-rep-${i}`}
                    label={`Owner of domain ${i + 1}`}
                    value={r.repId}
                    error={fields[`owners.${i}.repId`]}
                    options={reps.map((p) => ({ value: p.id, label: p.name }))}
                    onValue={(repId) => set(i, { repId })}
                  />
                  <button
                    type="button"
                    class="btn btn-small btn-ghost"
                    aria-label={`Remove domain ${i + 1}`}
                    onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
            <div>
              <button type="button" class="btn btn-small" disabled={!reps.length} onClick={() => setRows((rs) => [...rs, { domain: '', repId: reps[0]!.id }])}>
                Add domain
              </button>
            </div>
            <div class="form-actions">
              <FormStatus notice={notice} error={error} />
              <button type="submit" class="btn btn-primary" disabled={busy}>
                {busy ? 'Saving…' : 'Save account owners'}
              </button>
            </div>
          </form>
        </section>
      )}
    </div>
  );
}
