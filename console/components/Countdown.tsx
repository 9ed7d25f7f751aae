// Seconds left to accept an offer, as a shrinking ring with the number inside.
import { useNow } from '../hooks/useNow';

interface Props {
  offeredAt: number;
  expiresAt: number;
}

/** Fast enough for a smooth ring, cheap enough for several offers at once. */
const TICK_MS = 250;
const RADIUS = 20;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

export function Countdown({ offeredAt, expiresAt }: Props) {
  const now = useNow(TICK_MS);
  const total = Math.max(1, expiresAt - offeredAt);
  const left = Math.max(0, expiresAt - now);
  const fraction = Math.min(1, left / total);
  const seconds = Math.ceil(left / 1000);
  const urgency = fraction > 0.5 ? 'calm' : fraction > 0.2 ? 'soon' : 'urgent';
  return (
    <div class={`countdown countdown-${urgency}`} role="timer" aria-label={`${seconds} seconds left to accept`}>
      <svg viewBox="0 0 48 48" aria-hidden="true">
        <circle class="countdown-track" cx="24" cy="24" r={RADIUS} />
        <circle class="countdown-ring" cx="24" cy="24" r={RADIUS} stroke-dasharray={CIRCUMFERENCE} stroke-dashoffset={CIRCUMFERENCE * (1 - fraction)} />
      </svg>
      <span class="countdown-seconds" aria-hidden="true">
        {seconds}
        <small>s</small>
      </span>
    </div>
  );
}
