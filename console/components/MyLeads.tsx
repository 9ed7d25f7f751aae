// The leads this rep owns, newest first; choosing one opens its card.
import type { MyLeadRow } from '../../shared/api';
import { STAGE_LABELS, formatPhone, formatWhen } from '../format';
import { OUTCOME_LABELS } from '../outcomes';

interface Props {
  rows: MyLeadRow[] | null;
  error: string;
  openId: string | null;
  onOpen: (id: string) => void;
  onRetry: () => void;
}

export function MyLeads({ rows, error, openId, onOpen, onRetry }: Props) {
  const now = Date.now();
  return (
    <section class="panel my-leads" aria-labelledby="my-leads-heading">
      <div class="panel-head">
        <h2 id="my-leads-heading">My leads</h2>
        {rows && rows.length > 0 && <span class="count">{rows.length}</span>}
      </div>
      {error && (
        <div class="inline-error" role="alert">
          <p>{error}</p>
          <button type="button" class="btn btn-small" onClick={onRetry}>
            Retry
          </button>
        </div>
      )}
      {rows === null && !error && <p class="muted">Loading…</p>}
      {rows && rows.length === 0 && <p class="muted">Leads you accept will be listed here.</p>}
      {rows && rows.length > 0 && (
        <ul class="lead-rows">
          {rows.map((row) => (
            <li key={row.id}>
              <button
                type="button"
                class="lead-row"
                aria-current={row.id === openId ? 'true' : undefined}
                onClick={() => onOpen(row.id)}
              >
                <span class="lead-row-main">
                  <span class="lead-row-name">{row.name}</span>
                  <span class="lead-row-meta">
                    {formatPhone(row.phone)} · {formatWhen(row.acceptedAt ?? row.capturedAt, now)}
                  </span>
                </span>
                <span class={`badge badge-stage badge-stage-${row.stage}`}>
                  {row.outcome ? OUTCOME_LABELS[row.outcome] : STAGE_LABELS[row.stage]}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
