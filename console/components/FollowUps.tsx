// The rep's open follow-up tasks from the cadence, soonest first; overdue ones stand out.
import type { FollowUpTask } from '../hooks/queue-api';
import { useNow } from '../hooks/useNow';
import { formatWhen } from '../format';
import { usePhoneFormat } from '../hooks/usePhoneFormat';
import { ListState } from './ListState';
import { formatRelative } from './relative-time';

interface Props {
  rows: FollowUpTask[] | null;
  error: string;
  openId: string | null;
  onOpen: (leadId: string) => void;
  onRetry: () => void;
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${s}`;
}

export function FollowUps({ rows, error, openId, onOpen, onRetry }: Props) {
  const now = useNow(15_000);
  const formatPhone = usePhoneFormat();
  return (
    <div class="follow-ups">
      <ListState
        loading={rows === null}
        error={error}
        empty={rows !== null && rows.length === 0}
        emptyText="No follow-ups planned. Calls without an answer schedule the next attempt here; callbacks visitors booked are under Upcoming."
        onRetry={onRetry}
      />
      {rows && rows.length > 0 && (
        <ul class="lead-rows" aria-label="Follow-up tasks">
          {rows.map((task) => {
            const due = task.dueAt <= now;
            return (
              <li key={task.id}>
                <button type="button" class="lead-row" aria-current={task.leadId === openId ? 'true' : undefined} onClick={() => onOpen(task.leadId)}>
                  <span class="lead-row-main">
                    <span class="lead-row-name">{task.leadName}</span>
                    <span class="lead-row-meta">
                      {formatPhone(task.phone)} · {ordinal(task.attempt)} attempt
                    </span>
                  </span>
                  <span class={`due${due ? ' is-due' : ''}`}>
                    <time dateTime={new Date(task.dueAt).toISOString()}>{due ? `Due ${formatRelative(task.dueAt, now)}` : formatWhen(task.dueAt, now)}</time>
                    {!due && <span class="due-rel">{formatRelative(task.dueAt, now)}</span>}
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
