// The sales SLA for this lead (hand-raise to a rep's accept): time left, or how it went.
import { useNow } from '../hooks/useNow';
import { formatDuration } from '../format';
import { formatClock } from './relative-time';

interface Props {
  capturedAt: number;
  slaDueAt: number | null;
  acceptedAt: number | null;
}

export function SlaClock({ capturedAt, slaDueAt, acceptedAt }: Props) {
  const now = useNow(1000);
  if (slaDueAt === null) {
    return (
      <div class="sla sla-none">
        <dt>Speed</dt>
        <dd>{acceptedAt ? `Accepted after ${formatDuration(acceptedAt - capturedAt)}` : 'No SLA on this lead'}</dd>
      </div>
    );
  }
  if (acceptedAt !== null) {
    const met = acceptedAt <= slaDueAt;
    return (
      <div class={`sla ${met ? 'sla-met' : 'sla-breached'}`}>
        <dt>SLA {met ? 'met' : 'missed'}</dt>
        <dd>{met ? `Accepted after ${formatDuration(acceptedAt - capturedAt)}` : `Late by ${formatDuration(acceptedAt - slaDueAt)}`}</dd>
      </div>
    );
  }
  const left = slaDueAt - now;
  return (
    <div class={`sla ${left > 0 ? 'sla-running' : 'sla-breached'}`}>
      <dt>{left > 0 ? 'SLA: accept within' : 'SLA overdue by'}</dt>
      <dd>
        <span class="sla-clock">{formatClock(Math.abs(left))}</span>
      </dd>
    </div>
  );
}
