// The supervisor view (managers and admins): who is online and in what state, open offers with
// their timers, the waiting queue, booked callbacks, today's SLA breaches; reassign or
// force-offer a lead.
import { BookedTime } from '../components/BookedTime';
import { Countdown } from '../components/Countdown';
import { formatDuration, formatWhen, formatWhenPrecise } from '../format';
import { useNow } from '../hooks/useNow';
import { LeadActions } from './LeadActions';
import { reasonText, type SupervisorData, type SupervisorRep } from './supervisor-api';
import { useSupervisor } from './useSupervisor';
import './supervisor.css';

interface Props {
  onSessionEnded: () => void;
}

const PRESENCE_TEXT: Record<SupervisorRep['presence'], string> = {
  available: 'Available',
  devices: 'On their devices',
  busy: 'Busy',
  away: 'Away',
  offline: 'Offline',
};

/** Available first: who can take a lead now is what a supervisor looks for. */
const PRESENCE_ORDER: Record<SupervisorRep['presence'], number> = { available: 0, devices: 1, busy: 2, away: 3, offline: 4 };

function Summary({ data }: { data: SupervisorData }) {
  const online = data.reps.filter((r) => r.presence !== 'offline').length;
  // Reps on their devices can take a lead too, by push.
  const available = data.reps.filter((r) => r.presence === 'available' || r.presence === 'devices').length;
  const items = [
    { label: 'Online', value: `${online} / ${data.reps.length}` },
    { label: 'Available', value: available },
    { label: 'Open offers', value: data.offers.length },
    { label: 'Waiting', value: data.waiting.length, alert: data.waiting.length > 0 },
    { label: 'Booked', value: data.booked.length },
    { label: 'SLA breaches today', value: data.breachesToday.length, alert: data.breachesToday.length > 0 },
  ];
  return (
    <dl class="sv-summary">
      {items.map((i) => (
        <div key={i.label} class={i.alert ? 'is-alert' : undefined}>
          <dt>{i.label}</dt>
          <dd>{i.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Reps({ reps }: { reps: SupervisorRep[] }) {
  const sorted = [...reps].sort((a, b) => PRESENCE_ORDER[a.presence] - PRESENCE_ORDER[b.presence] || a.name.localeCompare(b.name));
  return (
    <section class="panel sv-panel" aria-labelledby="sv-reps">
      <h2 id="sv-reps">Reps</h2>
      {sorted.length === 0 ? (
        <p class="muted">No reps in this workspace yet.</p>
      ) : (
        <table class="sv-table">
          <thead>
            <tr>
              <th scope="col">Rep</th>
              <th scope="col">State</th>
              <th scope="col" class="num">
                Open offers
              </th>
              <th scope="col" class="num">
                Active leads
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.repId} data-rep={r.name}>
                <th scope="row">{r.name}</th>
                <td>
                  <span class={`presence-pill presence-pill-${r.presence}`}>
                    <span class="dot" aria-hidden="true" />
                    {PRESENCE_TEXT[r.presence]}
                  </span>
                </td>
                <td class="num">{r.openOffers}</td>
                <td class="num">{r.activeLeads}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function SupervisorView({ onSessionEnded }: Props) {
  const { data, error, updatedAt, refresh } = useSupervisor(onSessionEnded);
  const now = useNow(1000);

  if (!data) {
    return (
      <div class="supervisor">
        {error ? (
          <div class="inline-error" role="alert">
            <p>{error}</p>
            <button type="button" class="btn btn-small" onClick={() => void refresh()}>
              Retry
            </button>
          </div>
        ) : (
          <p class="muted" role="status">
            Loading the supervisor view…
          </p>
        )}
      </div>
    );
  }

  const stale = updatedAt !== null && now - updatedAt > 10_000;
  return (
    <div class="supervisor">
      <div class="sv-head">
        <h1 class="sv-title">Supervisor</h1>
        <p class={`sv-updated${error || stale ? ' is-stale' : ''}`} role="status">
          {error ? `Not updating: ${error}` : updatedAt ? `Live · updated ${formatWhenPrecise(updatedAt, now)}` : ''}
        </p>
      </div>
      <Summary data={data} />
      <div class="sv-grid">
        <Reps reps={data.reps} />

        <section class="panel sv-panel" aria-labelledby="sv-offers">
          <h2 id="sv-offers">Open offers</h2>
          {data.offers.length === 0 ? (
            <p class="muted">No offers open right now.</p>
          ) : (
            <ul class="sv-list">
              {data.offers.map((o) => (
                <li key={o.offerId} class="sv-item" data-offer-lead={o.leadName}>
                  <Countdown offeredAt={o.offeredAt} expiresAt={o.expiresAt} />
                  <div class="sv-item-main">
                    <p>
                      <strong>{o.leadName}</strong> <span class="muted">offered to</span> <strong>{o.repName}</strong>
                    </p>
                    <p class="muted sv-meta">Offered {formatWhenPrecise(o.offeredAt, now)}</p>
                    <LeadActions leadId={o.leadId} leadName={o.leadName} reps={data.reps} action="offer" onDone={() => void refresh()} />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section class="panel sv-panel" aria-labelledby="sv-waiting">
          <h2 id="sv-waiting">Waiting queue</h2>
          {data.waiting.length === 0 ? (
            <p class="muted">No hot lead is waiting.</p>
          ) : (
            <ol class="sv-list">
              {data.waiting.map((w) => (
                <li key={w.leadId} class="sv-item" data-waiting-lead={w.name}>
                  <div class="sv-item-main">
                    <p>
                      <strong>{w.name}</strong>
                      <span class="badge sv-reason">{reasonText(w.queueReason)}</span>
                    </p>
                    {w.hotAt !== null && (
                      <p class="muted sv-meta">
                        Hot at {formatWhenPrecise(w.hotAt, now)} · waiting {formatDuration(now - w.hotAt)}
                      </p>
                    )}
                    <LeadActions leadId={w.leadId} leadName={w.name} reps={data.reps} action="offer" onDone={() => void refresh()} />
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>

        <section class="panel sv-panel" aria-labelledby="sv-booked">
          <h2 id="sv-booked">Booked callbacks</h2>
          {data.booked.length === 0 ? (
            <p class="muted">No callback booked.</p>
          ) : (
            <ol class="sv-list">
              {data.booked.map((b) => (
                <li key={b.leadId} class="sv-item" data-booked-lead={b.name}>
                  <div class="sv-item-main">
                    <p>
                      <strong>{b.name}</strong>
                      <span class="badge">{b.teams ? b.teams.map((t) => t.name).join(', ') : 'Everyone'}</span>
                    </p>
                    <BookedTime at={b.at} timeZone={b.timeZone} />
                    <p class="muted sv-meta">
                      Score {b.score} · {b.siteName}
                    </p>
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>

        <section class="panel sv-panel" aria-labelledby="sv-active">
          <h2 id="sv-active">Active leads</h2>
          {data.active.length === 0 ? (
            <p class="muted">No rep is holding a lead without an outcome.</p>
          ) : (
            <ul class="sv-list">
              {data.active.map((a) => (
                <li key={a.leadId} class="sv-item" data-active-lead={a.name}>
                  <div class="sv-item-main">
                    <p>
                      <strong>{a.name}</strong>
                      <span class="badge">{a.stage.toUpperCase()}</span>
                    </p>
                    <p class="muted sv-meta">
                      With {a.ownerName}
                      {a.acceptedAt !== null && <> · accepted {formatWhen(a.acceptedAt, now)}</>}
                    </p>
                    <LeadActions leadId={a.leadId} leadName={a.name} reps={data.reps} action="reassign" onDone={() => void refresh()} />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section class="panel sv-panel" aria-labelledby="sv-breaches">
          <h2 id="sv-breaches">SLA breaches today</h2>
          {data.breachesToday.length === 0 ? (
            <p class="muted">None today.</p>
          ) : (
            <ul class="sv-list">
              {data.breachesToday.map((b) => (
                <li key={`${b.leadId}-${b.at}`} class="sv-item">
                  <div class="sv-item-main">
                    <p>
                      <strong>{b.name}</strong>
                      <span class="badge badge-breach">{reasonText(b.cause)}</span>
                    </p>
                    <p class="muted sv-meta">Breached at {formatWhen(b.at, now)}</p>
                    <LeadActions leadId={b.leadId} leadName={b.name} reps={data.reps} action="reassign" onDone={() => void refresh()} />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
