// What the visitor sees after asking for a call: the live state of their lead, pushed by the server.
import type { ComponentChildren } from 'preact';
import type { CallbackResponse, VisitorStatus } from '../../shared/api';
import type { BookingBundle } from '../contract';
import { splitText } from '../fill';
import { Countdown } from './Countdown';
import { formatSlot } from './format-slot';
import { listNames } from './list-names';
import { CheckIcon, ClockIcon, InfoIcon } from './icons';
import type { LiveTexts } from './texts';

interface Props {
  status: VisitorStatus;
  /** Whole seconds left of the promise while waiting. */
  seconds: number;
  /** The number the visitor typed, echoed so they know which phone to watch. */
  phone: string;
  lang: string;
  t: LiveTexts;
  /** The booking screens, once loaded; null until then (or when they could not be). */
  booking: BookingBundle | null;
  origin: string;
  lead: CallbackResponse;
  /** A time was booked: the server's new status. */
  onStatus(status: VisitorStatus): void;
  /** False while the live connection is down: the status shown may be stale. */
  connected: boolean;
  statusRef: { current: HTMLElement | null };
  /** A browser call: the visitor waits here, not by their phone. */
  talk: boolean;
  /** Back to the form (as typed), to leave a phone number. */
  onCallback(): void;
}

/** A text with its placeholders replaced by markup. */
function compose(text: string, values: Record<string, ComponentChildren>): ComponentChildren[] {
  return splitText(text).map((part, i) => (i % 2 ? (part in values ? values[part] : `{${part}}`) : part));
}

export function LiveStatus({ status, seconds, phone, lang, t, booking, origin, lead, onStatus, connected, statusRef, talk, onCallback }: Props) {
  const base = { origin, lead, lang, t };
  // A phone number reads left to right even in a right-to-left sentence.
  const number = (
    <bdi class="nowrap" dir="ltr">
      {phone}
    </bdi>
  );
  const ok = (
    <span class="badge is-ok">
      <CheckIcon />
    </span>
  );
  let badge = (
    <span class="badge">
      <ClockIcon />
    </span>
  );
  let headline: ComponentChildren;
  let detail: ComponentChildren = <p class="live-detail">{talk ? t.callWaiting : compose(t.nearby, { phone: number })}</p>;

  switch (status.state) {
    case 'waiting':
      badge = <Countdown seconds={seconds} total={status.promiseSeconds} unit={t.seconds} />;
      // Who is asked right now (the server pushes each new round), for a phone and a browser call alike.
      headline = (
        <>
          {seconds > 0 ? t.finding : t.stillFinding}
          {status.asking && status.asking.length ? (
            <span class="live-sub" data-sixty-asking>
              {compose(t.asking, { reps: <strong>{listNames(status.asking, t.more, lang)}</strong> })}
            </span>
          ) : null}
        </>
      );
      break;
    case 'accepted':
      badge = ok;
      headline = compose(t.accepted, { rep: <strong>{status.repName}</strong> });
      break;
    case 'no_rep': {
      // Closed says when it opens; busy and queued say the lead stays in line. Either way the
      // visitor may pick a time instead, shown in their own zone.
      // A site form set to "book a slot": the times are the whole offer, nobody is looked for.
      const closed = status.why == 'closed';
      const when = closed && status.opensAt ? compose(t.opens, { time: formatSlot(status.opensAt, lang) }) : t.callWhenFree;
      // A browser call asked for without a number: nobody can talk now, and nobody can call back
      // until the visitor leaves one (the form comes back as typed).
      const phoneless = talk && !phone;
      headline =
        status.why == 'book' ? (
          t.book
        ) : (
          <>
            {closed ? t.closedNow : status.why == 'busy' ? t.busy : t.queued}
            <span class="live-sub">
              {phoneless ? (
                t.leaveNumber
              ) : (
                <>
                  {when} {status.slots.length ? t.pickTime : ''}
                </>
              )}
            </span>
          </>
        );
      detail = phoneless ? (
        <button type="button" class="secondary" onClick={onCallback} data-sixty-leave-number>
          {t.leaveNumberButton}
        </button>
      ) : booking && status.slots.length ? (
        <booking.BookingTimes {...base} slots={status.slots} onStatus={onStatus} />
      ) : null;
      break;
    }
    case 'scheduled':
      badge = ok;
      // A meeting names its rep; the time is in the visitor's own zone, named.
      headline = status.meeting
        ? compose(t.booked, { rep: <strong>{status.meeting.repName}</strong>, time: formatSlot(status.slot, lang) })
        : compose(t.scheduled, { time: formatSlot(status.slot, lang) });
      detail =
        status.meeting && booking ? (
          <booking.BookingDone {...base} phone={phone} />
        ) : (
          <p class="live-detail">{compose(t.scheduledDetail, { phone: number })}</p>
        );
      break;
    case 'ended': {
      // The site's own words for a visitor nobody will call, and its link (http(s) only).
      const link = status.link && /^https?:\/\//i.test(status.link) ? status.link : null;
      badge = (
        <span class="badge">
          <InfoIcon />
        </span>
      );
      headline = <span class="live-ended">{t.ended}</span>;
      detail = link && (
        <a class="live-link" href={link} target="_blank" rel="noopener noreferrer" data-sixty-ending-link>
          {t.endedLink}
        </a>
      );
      break;
    }
    default:
      badge = ok;
      headline = t.closed;
      detail = null;
  }

  return (
    <div class="live" data-sixty-live={status.state}>
      {badge}
      <p ref={(el) => void (statusRef.current = el)} class="live-title" role="status" tabIndex={-1} data-sixty-status>
        {headline}
      </p>
      {detail}
      <p class="live-note" role="status" data-sixty-connection>
        {connected ? '' : t.reconnecting}
      </p>
    </div>
  );
}
