// One hot lead offered to this rep: countdown, who, where from, why hot, Accept / Decline.
import type { OfferItem } from '../hooks/useRepChannel';
import { formatPage } from '../format';
import { Answers } from './Answers';
import { Countdown } from './Countdown';
import { Qualification } from './Qualification';

interface Props {
  item: OfferItem;
  /** True while the live channel is down: an answer could not reach the server. */
  offline: boolean;
  onAccept: (offerId: string) => void;
  onDecline: (offerId: string) => void;
}

export function OfferCard({ item, offline, onAccept, onDecline }: Props) {
  const { offer, busy, closedText } = item;
  const { lead } = offer;
  const headingId = `offer-${offer.offerId}-name`;

  if (closedText) {
    return (
      <article class="offer offer-closed" aria-labelledby={headingId}>
        <p>
          <span class="offer-closed-name" id={headingId}>
            {lead.name}
          </span>
          <span aria-hidden="true"> · </span>
          <strong>{closedText}</strong>
        </p>
      </article>
    );
  }

  return (
    <article class="offer" aria-labelledby={headingId}>
      <div class="offer-head">
        <Countdown offeredAt={offer.offeredAt} expiresAt={offer.expiresAt} />
        <div class="offer-title">
          <h3 id={headingId}>{lead.name}</h3>
          <p class="offer-source">
            <span>{lead.siteName}</span>
            {lead.pageUrl && (
              <>
                <span aria-hidden="true"> · </span>
                <span class="page" title={lead.pageUrl}>
                  {formatPage(lead.pageUrl)}
                </span>
              </>
            )}
          </p>
        </div>
      </div>
      <Answers answers={lead.answers} />
      <Qualification qualification={lead.qualification} />
      <div class="offer-actions">
        <button type="button" class="btn btn-primary" disabled={offline || busy !== undefined} onClick={() => onAccept(offer.offerId)}>
          {busy === 'accept' ? 'Accepting…' : 'Accept'}
        </button>
        <button type="button" class="btn" disabled={offline || busy !== undefined} onClick={() => onDecline(offer.offerId)}>
          {busy === 'decline' ? 'Declining…' : 'Decline'}
        </button>
      </div>
    </article>
  );
}
