// When a booked callback is due, as both people read it: in the visitor's zone (they picked the
// slot there) and in the rep's own, so nobody converts time zones in their head.
import { formatDayInZone, zoneCity } from './relative-time';

/** The zone this browser shows times in. */
const OWN_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function BookedTime({ at, timeZone }: { at: number; timeZone: string | null }) {
  const theirs = timeZone && timeZone !== OWN_ZONE ? formatDayInZone(at, timeZone) : null;
  const yours = formatDayInZone(at) ?? new Date(at).toISOString();
  return (
    <p class="booked-time">
      <time dateTime={new Date(at).toISOString()}>
        {theirs && (
          <>
            <span class="booked-theirs">
              <strong>{theirs}</strong> their time <span class="muted">({zoneCity(timeZone!)})</span>
            </span>
            <span class="booked-sep" aria-hidden="true">
              {' · '}
            </span>
          </>
        )}
        <span class="booked-yours">
          <strong>{yours}</strong> your time
        </span>
      </time>
    </p>
  );
}
