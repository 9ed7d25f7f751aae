// The lead's local time, so a rep does not call someone at 6 in the morning.
import { useNow } from '../hooks/useNow';
import { formatInZone, hourInZone, zoneCity } from './relative-time';

/** Outside these hours a call is probably unwelcome; flagged, not blocked. */
const CALL_FROM_HOUR = 8;
const CALL_UNTIL_HOUR = 20;

export function LocalTime({ timeZone }: { timeZone: string }) {
  const now = useNow(30_000);
  const text = formatInZone(now, timeZone);
  if (!text) return null;
  const hour = hourInZone(now, timeZone);
  const odd = hour !== null && (hour < CALL_FROM_HOUR || hour >= CALL_UNTIL_HOUR);
  return (
    <p class={`local-time${odd ? ' local-time-odd' : ''}`} title={timeZone}>
      <svg viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="12" cy="12" r="9" />
        <path d="M12 7v5l3 2" />
      </svg>
      <span>
        Their time <strong>{text}</strong> <span class="muted">({zoneCity(timeZone)})</span>
        {odd && <span class="local-time-flag"> · outside usual hours</span>}
      </span>
    </p>
  );
}
