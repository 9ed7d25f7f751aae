// Callback times to offer a visitor when nobody can take the call now. Pure: takes `now`.

export interface BusinessHours {
  /** IANA time zone the hours are in. */
  timeZone: string;
  /** ISO weekdays open (1 = Monday ... 7 = Sunday). */
  days: number[];
  /** Opening and closing time, `HH:MM`, local to `timeZone`. */
  open: string;
  close: string;
}

export const DEFAULT_HOURS: BusinessHours = { timeZone: 'UTC', days: [1, 2, 3, 4, 5], open: '09:00', close: '17:00' };

const SLOT_MS = 30 * 60 * 1000;
/** Don't offer a slot so close that the visitor cannot be ready for it. */
const LEAD_TIME_MS = 15 * 60 * 1000;
/** Look at most two weeks ahead (covers long holidays-free weekends). */
const HORIZON_SLOTS = 14 * 48;

/** The next `count` half-hour slots inside business hours, as ISO strings. */
export function callbackSlots(now: number, hours: BusinessHours, count = 6): string[] {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone: hours.timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const open = minutes(hours.open);
  const close = minutes(hours.close);
  const slots: string[] = [];
  let t = Math.ceil((now + LEAD_TIME_MS) / SLOT_MS) * SLOT_MS;
  for (let i = 0; i < HORIZON_SLOTS && slots.length < count; i++, t += SLOT_MS) {
    const parts = Object.fromEntries(fmt.formatToParts(t).map((p) => [p.type, p.value]));
    const day = WEEKDAYS.indexOf(parts.weekday ?? '') + 1;
    const m = Number(parts.hour) * 60 + Number(parts.minute);
    if (hours.days.includes(day) && m >= open && m + 30 <= close) slots.push(new Date(t).toISOString());
  }
  return slots;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
