// The visible 60-second promise: a ring that empties as the seconds run down.
// role="timer" is not announced on every tick; the status line above it announces changes.

/** Ring radius in SVG units; the circumference drives the dash animation. */
const RADIUS = 44;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

export function Countdown({ seconds, total, unit }: { seconds: number; total: number; unit: string }) {
  const remaining = total > 0 ? seconds / total : 0;
  return (
    <div class="ring" role="timer" aria-atomic="true" data-sixty-countdown>
      <svg viewBox="0 0 100 100" aria-hidden="true">
        <circle class="ring-track" cx="50" cy="50" r={RADIUS} />
        <circle class="ring-progress" cx="50" cy="50" r={RADIUS} stroke-dasharray={CIRCUMFERENCE} stroke-dashoffset={CIRCUMFERENCE * (1 - remaining)} />
      </svg>
      <span class="ring-count">{seconds}</span>
      <span class="ring-unit">{unit}</span>
    </div>
  );
}
