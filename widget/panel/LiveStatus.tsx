// What the visitor sees after asking for a call: the live state of their lead, pushed by the server.
import { useRef, useState } from 'preact/hooks';
import type { VisitorStatus } from '../../shared/api';
import { Countdown } from './Countdown';
import { formatSlot } from './format-slot';
import { SlotPicker } from './SlotPicker';
import { CheckIcon, ClockIcon } from './icons';
import { useCountdown } from './use-countdown';

interface Props {
  status: VisitorStatus;
  /** The number the visitor typed, echoed so they know which phone to watch. */
  phone: string;
  /** Posts the chosen slot; resolves with an error message, or null on success. */
  chooseSlot(slot: string): Promise<string | null>;
  statusRef: { current: HTMLParagraphElement | null };
}

export function LiveStatus({ status, phone, chooseSlot, statusRef }: Props) {
  // The countdown starts when this page first hears "waiting": the visitor just submitted, and
  // the local clock cannot be compared with the server's `since`.
  const deadline = useRef<number | null>(null);
  if (status.state === 'waiting' && deadline.current === null)
    deadline.current = Date.now() + status.promiseSeconds * 1000;
  const seconds = useCountdown(status.state === 'waiting' ? deadline.current : null);
  const [choosing, setChoosing] = useState<string | null>(null);
  const [slotError, setSlotError] = useState('');

  async function choose(slot: string) {
    if (choosing) return;
    setChoosing(slot);
    setSlotError('');
    const error = await chooseSlot(slot);
    setChoosing(null);
    if (error) setSlotError(error);
  }

  const number = <span class="nowrap">{phone}</span>;
  const nearby = <p class="live-detail">Keep your phone nearby: we'll call {number}.</p>;
  let badge = <span class="badge is-clock"><ClockIcon /></span>;
  let headline;
  let detail = nearby;

  switch (status.state) {
    case 'waiting':
      badge = <Countdown seconds={seconds} total={status.promiseSeconds} />;
      headline = seconds > 0 ? 'Finding someone for you…' : 'Still finding someone for you, thanks for waiting…';
      break;
    case 'accepted':
      badge = <span class="badge is-ok"><CheckIcon /></span>;
      headline = (
        <>
          <strong>{status.repName}</strong> accepted — calling you now
        </>
      );
      break;
    case 'no_rep':
      headline = (
        <>
          Everyone is busy right now.
          <span class="live-sub">
            {status.slots.length ? ' Pick a time for us to call you:' : " We'll call you as soon as someone is free."}
          </span>
        </>
      );
      detail = <SlotPicker slots={status.slots} choosing={choosing} onChoose={choose} />;
      break;
    case 'scheduled':
      badge = <span class="badge is-ok"><CheckIcon /></span>;
      headline = `We'll call you at ${formatSlot(status.slot)}`;
      detail = <p class="live-detail">We'll call {number}. You can close this window.</p>;
      break;
    default:
      badge = <span class="badge is-ok"><CheckIcon /></span>;
      headline = 'Thanks, your request is closed.';
      detail = <></>;
  }

  return (
    <div class="live" data-sixty-live={status.state}>
      {badge}
      <p ref={statusRef} class="live-title" role="status" aria-live="polite" tabIndex={-1} data-sixty-status>
        {headline}
        {slotError && <span class="live-error"> {slotError}</span>}
      </p>
      {detail}
    </div>
  );
}
