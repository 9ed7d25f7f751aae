// The team's warm MQLs (interested and a fit, not hot), oldest first: a rep with time can pull one.
import type { WarmLead } from '../hooks/queue-api';
import { useNow } from '../hooks/useNow';
import { formatDuration } from '../format';
import { ListState } from './ListState';

/** Enough to judge whether to take it; the lead card has every reason. */
const REASONS_SHOWN = 4;

interface Props {
  rows: WarmLead[] | null;
  error: string;
  /** The lead being claimed, so its button shows progress. */
  claiming: string | null;
  onTake: (id: string) => void;
  onRetry: () => void;
}

export function WarmLeads({ rows, error, claiming, onTake, onRetry }: Props) {
  const now = useNow(30_000);
  return (
    <div class="warm">
      <ListState
        loading={rows === null}
        error={error}
        empty={rows !== null && rows.length === 0}
        emptyText="No warm MQLs waiting for your team."
        onRetry={onRetry}
      />
      {rows && rows.length > 0 && (
        <ul class="warm-rows" aria-label="Warm MQLs">
          {rows.map((lead) => (
            <li key={lead.id} class="warm-row">
              <div class="warm-main">
                <p class="warm-name">
                  <strong>{lead.name}</strong>
                  <span class="badge badge-score">Score {lead.score}</span>
                </p>
                <p class="lead-row-meta">waiting {formatDuration(now - lead.capturedAt).replace(/ \d+ s$/, '')}</p>
                {lead.reasons.length > 0 && (
                  <ul class="warm-reasons" aria-label={`Why ${lead.name} is warm`}>
                    {lead.reasons.slice(0, REASONS_SHOWN).map((r, i) => (
                      <li key={i}>{r}</li>
                    ))}
                    {lead.reasons.length > REASONS_SHOWN && <li class="muted">+{lead.reasons.length - REASONS_SHOWN} more</li>}
                  </ul>
                )}
              </div>
              <button
                type="button"
                class="btn btn-small"
                disabled={claiming !== null}
                onClick={() => onTake(lead.id)}
                aria-label={`Take this lead: ${lead.name}`}
              >
                {claiming === lead.id ? 'Taking…' : 'Take this lead'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
