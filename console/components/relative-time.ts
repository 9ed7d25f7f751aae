// Times as a rep reads them on the queue: "in 4 min", "12 min ago", "overdue 3 min", a countdown
// clock, and the lead's own local time.
import { formatDuration } from '../format';

/** "in 4 min" / "12 min ago" / "now", rounded to what a rep needs. */
export function formatRelative(at: number, now: number): string {
  const diff = at - now;
  if (Math.abs(diff) < 30_000) return 'now';
  const text = formatDuration(Math.abs(diff)).replace(/ \d+ s$/, '');
  return diff > 0 ? `in ${text}` : `${text} ago`;
}

/** "0:42", "12:05", "1:02:09": a running clock for SLA countdowns. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat | null>();

/** A cached format in the zone (the browser's own when undefined); null when the zone is unknown. */
function zoneFormat(timeZone: string | undefined, withDate: boolean): Intl.DateTimeFormat | null {
  const key = `${withDate ? 'date' : 'time'}|${timeZone ?? ''}`;
  if (!zoneFormats.has(key)) {
    try {
      const date = withDate ? ({ month: 'short', day: 'numeric' } as const) : {};
      zoneFormats.set(key, new Intl.DateTimeFormat(undefined, { timeZone, weekday: 'short', ...date, hour: '2-digit', minute: '2-digit' }));
    } catch {
      // An unknown zone name (typed by a tracker, or from an older browser): show nothing rather than a wrong time.
      zoneFormats.set(key, null);
    }
  }
  return zoneFormats.get(key) ?? null;
}

/** "Tue 09:14" in the lead's zone, or null when the zone is unknown. */
export function formatInZone(at: number, timeZone: string): string | null {
  return zoneFormat(timeZone, false)?.format(at) ?? null;
}

/** "Mon, Nov 23, 14:00" in the zone (the rep's own when none is given), or null when the zone is unknown. */
export function formatDayInZone(at: number, timeZone?: string): string | null {
  return zoneFormat(timeZone, true)?.format(at) ?? null;
}

/** The hour (0-23) in the zone, to say whether it is a sensible time to call. */
export function hourInZone(at: number, timeZone: string): number | null {
  try {
    const hour = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(at);
    return Number.parseInt(hour, 10);
  } catch {
    return null;
  }
}

/** "America/New_York" reads as "New York". */
export function zoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}
