// The offers area: live-announced, with room kept for one card so arrivals do not shift the page.
import type { ChosenPresence } from '../../shared/schemas/console.schema';
import type { OfferItem } from '../hooks/useRepChannel';
import { OfferCard } from './OfferCard';

interface Props {
  offers: OfferItem[];
  presence: ChosenPresence | null;
  offline: boolean;
  onAccept: (offerId: string) => void;
  onDecline: (offerId: string) => void;
}

export function OfferList({ offers, presence, offline, onAccept, onDecline }: Props) {
  const open = offers.filter((o) => !o.closedText).length;
  return (
    <section class="panel offers-panel" aria-labelledby="offers-heading">
      <div class="panel-head">
        <h2 id="offers-heading">Offers</h2>
        {open > 0 && <span class="count">{open}</span>}
        {open > 0 && (
          <p class="shortcut-hint">
            <kbd>A</kbd> accept · <kbd>D</kbd> decline
          </p>
        )}
      </div>
      <div class="offers" aria-live="polite">
        {offers.map((item) => (
          <OfferCard key={item.offer.offerId} item={item} offline={offline} onAccept={onAccept} onDecline={onDecline} />
        ))}
        {offers.length === 0 && (
          <div class="offers-empty">
            {presence === null ? (
              <p class="muted">Connecting to the live queue…</p>
            ) : presence === 'available' ? (
              <>
                <p class="empty-title">Waiting for hot leads</p>
                <p class="muted">New offers appear here with a countdown. Accept within the time to take the call.</p>
              </>
            ) : (
              <>
                <p class="empty-title">You are away</p>
                <p class="muted">Set your status to Available to receive hot leads.</p>
              </>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
