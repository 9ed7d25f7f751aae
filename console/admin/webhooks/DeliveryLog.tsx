// The latest deliveries of one webhook: when, what, how it went, and a replay button.
import { formatWhenPrecise } from '../../format';
import type { Delivery } from '../types';
import { topicLabel } from './topics';

const STATUS_LABELS: Record<Delivery['status'], string> = { pending: 'Pending', delivered: 'Delivered', failed: 'Failed' };

interface Props {
  deliveries: Delivery[];
  replaying: number | null;
  onReplay: (id: number) => void;
}

export function DeliveryLog({ deliveries, replaying, onReplay }: Props) {
  const now = Date.now();
  if (deliveries.length === 0) return <p class="muted">No deliveries yet.</p>;
  return (
    <div class="table-scroll">
      <table class="data-table deliveries">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col" class="num">
              HTTP
            </th>
            <th scope="col" class="num">
              Attempts
            </th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.id} data-delivery={d.id}>
              <td>{formatWhenPrecise(d.deliveredAt ?? d.createdAt, now)}</td>
              <td>
                {topicLabel(d.topic)}
                <span class="muted delivery-id"> {d.eventId}</span>
              </td>
              <td>
                <span class={`badge badge-delivery-${d.status}`}>{STATUS_LABELS[d.status]}</span>
                {d.lastError && <span class="delivery-error">{d.lastError}</span>}
              </td>
              <td class="num">{d.lastStatus ?? '—'}</td>
              <td class="num">{d.attempts}</td>
              <td class="num">
                <button type="button" class="btn btn-small" disabled={replaying === d.id} onClick={() => onReplay(d.id)} aria-label={`Replay delivery ${d.id}`}>
                  {replaying === d.id ? 'Replaying…' : 'Replay'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
