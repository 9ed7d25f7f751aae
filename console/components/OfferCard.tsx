// One hot lead offered to this rep: countdown, who, where from, why hot, Accept / Decline.
import { useEffect, useRef } from 'preact/hooks';
import type { OfferItem } from '../hooks/useRepChannel';
import { FIT_LABELS, formatPage, formatPoints } from '../format';
import { Countdown } from './Countdown';
import { DeclinePicker } from './DeclinePicker';

interface Props {
  item: OfferItem;
  /** True while the live channel is down: an answer could not reach the server. */
  offline: boolean;
  /** The decline reason picker is open on this card. */
  declining: boolean;
  onAccept: (offerId: string) => void;
  onStartDecline: (offerId: string) => void;
  onCancelDecline: () => void;
  onDecline: (offerId: string, reason: string) => void;
}

/** Enough to see why it is hot at a glance; the lead card lists every reason. */
const REASONS_SHOWN = 3;

export function OfferCard({ item, offline, declining, onAccept, onStartDecline, onCancelDecline, onDecline }: Props) {
  const { offer, busy, closedText } = item;
  const { lead } = offer;
  const headingId = `offer-${offer.offerId}-name`;
  const declineButton = useRef<HTMLButtonElement>(null);
  const wasDeclining = useRef(false);

  // Closing the picker without declining puts focus back where it was.
  useEffect(() => {
    if (wasDeclining.current && !declining) declineButton.current?.focus();
    wasDeclining.current = declining;
  }, [declining]);

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

  const { fit, score, reasons } = lead.qualification;
  const shown = [...reasons].sort((a, b) => b.points - a.points).slice(0, REASONS_SHOWN);
  const more = reasons.length - shown.length;

  return (
    <article class="offer" aria-labelledby={headingId} data-offer-id={offer.offerId}>
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
      {declining ? (
        <DeclinePicker
          offerId={offer.offerId}
          leadName={lead.name}
          busy={busy === 'decline'}
          onCancel={onCancelDecline}
          onConfirm={(reason) => onDecline(offer.offerId, reason)}
        />
      ) : (
        <>
          <div class="offer-why">
            <div class="badges">
              <span class={`badge badge-fit-${fit.status}`}>{FIT_LABELS[fit.status]}</span>
              <span class="badge badge-score">Score {score}</span>
              {lead.qualification.hot && <span class="badge badge-hot">Hot</span>}
              {lead.talk === 'browser' && <span class="badge badge-call">Browser call</span>}
            </div>
            {lead.answers.length > 0 && (
              <p class="offer-answers" title={lead.answers.map((a) => `${a.question} ${a.answer}`).join('\n')}>
                {lead.answers.map((a, i) => (
                  <span key={i}>
                    {i > 0 && <span aria-hidden="true"> · </span>}
                    <span class="sr-only">{a.question}: </span>
                    {a.answer}
                  </span>
                ))}
              </p>
            )}
            {shown.length > 0 && (
              <ul class="reasons" aria-label="Top score reasons">
                {shown.map((r, i) => (
                  <li key={`${r.source}-${i}`}>
                    <span class="reason-text">{r.text}</span>
                    <span class={`points ${r.points < 0 ? 'points-neg' : r.points > 0 ? 'points-pos' : ''}`}>{formatPoints(r.points)}</span>
                  </li>
                ))}
              </ul>
            )}
            {more > 0 && <p class="offer-more">+{more} more on the lead card</p>}
          </div>
          <div class="offer-actions">
            <button
              type="button"
              class="btn btn-primary"
              disabled={offline || busy !== undefined}
              onClick={() => onAccept(offer.offerId)}
              aria-keyshortcuts="A"
            >
              {busy === 'accept' ? 'Accepting…' : 'Accept'}
              <kbd class="btn-kbd" aria-hidden="true">
                A
              </kbd>
            </button>
            <button
              ref={declineButton}
              type="button"
              class="btn"
              disabled={offline || busy !== undefined}
              onClick={() => onStartDecline(offer.offerId)}
              aria-keyshortcuts="D"
            >
              Decline
              <kbd class="btn-kbd" aria-hidden="true">
                D
              </kbd>
            </button>
          </div>
        </>
      )}
    </article>
  );
}
