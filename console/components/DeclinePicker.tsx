// Why a rep passes on an offer: a few common reasons or their own words. The reason is kept on
// the lead's routing trail, so managers can see why leads bounced.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';

/** The usual reasons; "Other" lets the rep type one. */
const REASONS = ['On another call', 'Stepping away', 'Not my territory or language', 'Conflict of interest'] as const;
const OTHER = 'other';

interface Props {
  offerId: string;
  leadName: string;
  busy: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

export function DeclinePicker({ offerId, leadName, busy, onConfirm, onCancel }: Props) {
  const [choice, setChoice] = useState<string>(REASONS[0]);
  const [other, setOther] = useState('');
  const first = useRef<HTMLInputElement>(null);
  const name = `decline-${offerId}`;

  // Before paint, so a rep who pressed D can pick with the arrow keys at once.
  useLayoutEffect(() => first.current?.focus(), []);

  const submit = (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const reason = choice === OTHER ? other.trim() : choice;
    onConfirm(reason || 'Other');
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    }
  };

  return (
    <form class="decline" onSubmit={submit} onKeyDown={onKeyDown}>
      <fieldset>
        <legend>Why decline {leadName}?</legend>
        <div class="decline-options">
          {REASONS.map((reason, i) => (
            <label key={reason} class="choice choice-small">
              <input ref={i === 0 ? first : undefined} type="radio" name={name} value={reason} checked={choice === reason} onChange={() => setChoice(reason)} />
              <span>{reason}</span>
            </label>
          ))}
          <label class="choice choice-small">
            <input type="radio" name={name} value={OTHER} checked={choice === OTHER} onChange={() => setChoice(OTHER)} />
            <span>Other</span>
          </label>
        </div>
      </fieldset>
      {choice === OTHER && (
        <div class="field">
          <label for={`${name}-other`}>Reason</label>
          <input id={`${name}-other`} type="text" maxLength={200} value={other} onInput={(e) => setOther(e.currentTarget.value)} />
        </div>
      )}
      <div class="offer-actions">
        <button type="submit" class="btn btn-danger" disabled={busy}>
          {busy ? 'Declining…' : 'Decline offer'}
        </button>
        <button type="button" class="btn" onClick={onCancel} disabled={busy}>
          Back
        </button>
      </div>
    </form>
  );
}
