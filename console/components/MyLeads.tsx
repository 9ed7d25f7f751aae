// The leads this rep owns, filtered by stage or by a follow-up due now; choosing one opens its card.
import type { Stage } from '../../shared/api';
import type { MyLeadItem, MyLeadsFilter } from '../hooks/queue-api';
import { useNow } from '../hooks/useNow';
import { STAGE_LABELS, formatWhen } from '../format';
import { usePhoneFormat } from '../hooks/usePhoneFormat';
import { isCallResult } from '../../shared/outcomes';
import { OUTCOME_LABELS } from '../outcomes';
import { ListState } from './ListState';
import { formatRelative } from './relative-time';

interface Props {
  rows: MyLeadItem[] | null;
  error: string;
  filter: MyLeadsFilter;
  openId: string | null;
  onFilter: (filter: MyLeadsFilter) => void;
  onOpen: (id: string) => void;
  onRetry: () => void;
}

/** The stages a rep's own leads can be in. */
const STAGES: readonly Stage[] = ['sal', 'sql', 'opportunity', 'won', 'lost', 'nurture', 'disqualified', 'suspect'];

export function MyLeads({ rows, error, filter, openId, onFilter, onOpen, onRetry }: Props) {
  const now = useNow(30_000);
  const formatPhone = usePhoneFormat();
  const filtered = filter.stage !== '' || filter.due;
  return (
    <div class="my-leads">
      <div class="list-filters">
        <div class="field field-inline">
          <label for="my-leads-stage">Stage</label>
          <select id="my-leads-stage" value={filter.stage} onChange={(e) => onFilter({ ...filter, stage: e.currentTarget.value as Stage | '' })}>
            <option value="">All stages</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {STAGE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <label class="check">
          <input type="checkbox" checked={filter.due} onChange={(e) => onFilter({ ...filter, due: e.currentTarget.checked })} />
          Follow-up due now
        </label>
      </div>
      <ListState
        loading={rows === null}
        error={error}
        empty={rows !== null && rows.length === 0}
        emptyText={filtered ? 'No leads match these filters.' : 'Leads you accept or take will be listed here.'}
        onRetry={onRetry}
      />
      {rows && rows.length > 0 && (
        <ul class="lead-rows" aria-label="My leads">
          {rows.map((row) => {
            const due = row.nextFollowUpAt != null && row.nextFollowUpAt <= now;
            return (
              <li key={row.id}>
                <button type="button" class="lead-row" aria-current={row.id === openId ? 'true' : undefined} onClick={() => onOpen(row.id)}>
                  <span class="lead-row-main">
                    <span class="lead-row-name">{row.name}</span>
                    <span class="lead-row-meta">
                      {formatPhone(row.phone)} · {formatWhen(row.acceptedAt ?? row.capturedAt, now)}
                    </span>
                    {row.nextFollowUpAt != null && (
                      <span class={`lead-row-due${due ? ' is-due' : ''}`}>
                        Follow-up {due ? `due ${formatRelative(row.nextFollowUpAt, now)}` : formatRelative(row.nextFollowUpAt, now)}
                      </span>
                    )}
                  </span>
                  <span class="lead-row-side">
                    <span class={`badge badge-stage badge-stage-${row.stage}`}>{STAGE_LABELS[row.stage]}</span>
                    {/* A decision (SQL, Nurture…) is the stage badge already: only a call result adds news. */}
                    {row.outcome && isCallResult(row.outcome) && <span class="lead-row-outcome">{OUTCOME_LABELS[row.outcome]}</span>}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
