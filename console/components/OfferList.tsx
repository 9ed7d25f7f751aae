// The offers area: room kept for one card so arrivals do not shift the page; new offers are
// announced by the page's assertive live region (Queue), not by this list re-reading itself.
import type { ChosenPresence } from '../../shared/schemas/console.schema';
import type { Connection, OfferItem } from '../hooks/useRepChannel';
import { OfferCard } from './OfferCard';

interface Props {
  offers: OfferItem[];
  presence: ChosenPresence | null;
  connection: Connection;
  decliningId: string | null;
  onAccept: (offerId: string) => void;
  onStartDecline: (offerId: string) => void;
  onCancelDecline: () => void;
  onDecline: (offerId: string, reason: string) => void;
}

function Empty({ presence, connection }: { presence: ChosenPresence | null; connection: Connection }) {
  if (connection === 'offline' || connection === 'reconnecting')
    return (
      <>
        <p class="empty-title">{connection === 'offline' ? 'You are offline' : 'Reconnecting…'}</p>
        <p class="muted">Offers made meanwhile are kept for you and appear here as soon as the connection is back.</p>
      </>
    );
  if (presence === null) return <p class="muted">Connecting to the live queue…</p>;
  if (presence === 'available')
    return (
      <>
        <p class="empty-title">Waiting for hot leads</p>
        <p class="muted">New offers appear here with a countdown. Accept within the time to take the call.</p>
      </>
    );
  if (presence === 'devices')
    return (
      <>
        <p class="empty-title">Available on your devices</p>
        <p class="muted">Offers reach your devices by push, after reps with the console open; they also appear here while it is open.</p>
      </>
    );
  return (
    <>
      <p class="empty-title">You are away</p>
      <p class="muted">Set your status to Available to receive hot leads.</p>
    </>
  );
}

export function OfferList({ offers, presence, connection, decliningId, onAccept, onStartDecline, onCancelDecline, onDecline }: Props) {
  const open = offers.filter((o) => !o.closedText).length;
  const offline = connection !== 'live';
  return (
    <section class="panel offers-panel" aria-labelledby="offers-heading">
      <div class="panel-head">
        <h2 id="offers-heading">Offers</h2>
        {open > 0 && <span class="count">{open}</span>}
        <p class="shortcut-hint" aria-hidden={open === 0 ? 'true' : undefined} style={open === 0 ? { visibility: 'hidden' } : undefined}>
          <kbd>A</kbd> accept · <kbd>D</kbd> decline
        </p>
      </div>
      {open > 0 && (
        <p class="offers-phone-note" aria-hidden="true">
          Answer the offer at the bottom of the screen.
        </p>
      )}
      <div class="offers">
        {offers.map((item) => (
          <OfferCard
            key={item.offer.offerId}
            item={item}
            offline={offline}
            declining={decliningId === item.offer.offerId}
            onAccept={onAccept}
            onStartDecline={onStartDecline}
            onCancelDecline={onCancelDecline}
            onDecline={onDecline}
          />
        ))}
        {offers.length === 0 && (
          <div class="offers-empty">
            <Empty presence={presence} connection={connection} />
          </div>
        )}
      </div>
    </section>
  );
}
