// Outbound webhooks (admin): where stage changes, offers, outcomes and SLA breaches are sent,
// each with its delivery log and a replay button.
import { useState } from 'preact/hooks';
import type { PageProps } from '../../routes';
import { adminApi } from '../admin-api';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { LoadState } from '../ui/LoadState';
import { PageHead } from '../ui/PageHead';
import { failureOf, useLoad } from '../ui/useLoad';
import { FormStatus } from '../ui/form-failure';
import type { WebhookWithLog } from '../types';
import { DeliveryLog } from './DeliveryLog';
import { topicLabel } from './topics';
import { WebhookForm } from './WebhookForm';
import '../admin.css';
import '../users/users.css';
import './webhooks.css';

/** Live webhooks first; removed ones stay listed for their delivery log. */
function sorted(list: WebhookWithLog[] | null): WebhookWithLog[] | undefined {
  return list ? [...list].sort((a, b) => Number(b.active) - Number(a.active) || b.createdAt - a.createdAt) : undefined;
}

export function WebhooksPage({ onSessionEnded }: PageProps) {
  const list = useLoad(() => adminApi.webhooks(), [], onSessionEnded);
  const [removing, setRemoving] = useState<WebhookWithLog | null>(null);
  const [replaying, setReplaying] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  const replay = async (id: number) => {
    setReplaying(id);
    setError('');
    try {
      await adminApi.replayDelivery(id);
      setNotice('Delivery queued again: it is sent within seconds.');
      list.reload();
    } catch (err) {
      setError(failureOf(err, onSessionEnded)?.message ?? '');
    } finally {
      setReplaying(null);
    }
  };

  const remove = async () => {
    if (!removing) return;
    setBusy(true);
    try {
      await adminApi.removeWebhook(removing.id);
      setRemoving(null);
      list.reload();
    } catch (err) {
      setError(failureOf(err, onSessionEnded)?.message ?? '');
      setRemoving(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page">
      <PageHead
        title="Webhooks"
        intro="Send stage changes, offers, accepts, outcomes and SLA breaches to your CRM, or alerts to Slack."
        actions={
          <button type="button" class="btn" onClick={list.reload}>
            Refresh
          </button>
        }
      />
      <FormStatus notice={notice} error={error} noticeClass="notice-line" />
      <LoadState loading={list.loading && !list.data} error={list.error} onRetry={list.reload} />
      {list.data?.length === 0 && <p class="muted">No webhooks yet.</p>}
      {sorted(list.data)?.map((w) => (
        <section key={w.id} class={`panel webhook${w.active ? '' : ' webhook-removed'}`} aria-label={`Webhook ${w.url}`}>
          <div class="webhook-head">
            <div class="webhook-title">
              <p class="webhook-url">{w.url}</p>
              <p class="muted webhook-meta">
                <span class="badge">{w.kind === 'slack' ? 'Slack' : 'Signed JSON'}</span>
                {!w.active && <span class="badge badge-inactive">Removed</span>} {w.topics.map(topicLabel).join(', ')}
              </p>
              {w.kind === 'signed' && (
                <p class="muted webhook-secret">
                  Signing secret ending in <code>{w.secretLast4}</code> (shown in full only when it was added)
                </p>
              )}
            </div>
            {w.active && (
              <button type="button" class="btn btn-small btn-remove" onClick={() => setRemoving(w)} aria-label={`Remove webhook ${w.url}`}>
                Remove
              </button>
            )}
          </div>
          <h3>Deliveries</h3>
          <DeliveryLog deliveries={w.deliveries} replaying={replaying} onReplay={replay} />
        </section>
      ))}
      <WebhookForm onCreated={list.reload} onSessionEnded={onSessionEnded} />
      {removing && (
        <ConfirmDialog title="Remove this webhook?" confirmLabel="Remove" danger busy={busy} onConfirm={remove} onCancel={() => setRemoving(null)}>
          <p>
            Nothing more is sent to <strong>{removing.url}</strong>. Its delivery log stays here for reference.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
