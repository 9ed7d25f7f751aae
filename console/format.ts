// Display formatting for the console: times, points and domain labels (phone numbers: hooks/usePhoneFormat.ts).
import type { Stage } from '../shared/api';
import type { FitStatus } from '../shared/qualify/types';

/** `tel:` target from an E.164 number; drops anything that is not a digit or the leading `+`. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/(?!^\+)[^\d]/g, '')}`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const secondsFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

function sameDay(a: number, b: number): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}

/** Clock time for today, date and time for anything older. */
export function formatWhen(at: number, now: number): string {
  return sameDay(at, now) ? timeFormat.format(at) : dateTimeFormat.format(at);
}

/** Like formatWhen, with seconds for today: timelines measure speed in seconds. */
export function formatWhenPrecise(at: number, now: number): string {
  return sameDay(at, now) ? secondsFormat.format(at) : dateTimeFormat.format(at);
}

const dayTimeFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?Z\b/g;

/**
 * Timeline texts are stored with UTC instants (the CSV export keeps them so); a rep reads them in
 * their own time zone, with the weekday, as "Tue, Nov 24, 10:00".
 */
export function localizeInstants(text: string): string {
  return text.replace(ISO_INSTANT, (iso) => {
    const at = Date.parse(iso);
    return Number.isNaN(at) ? iso : dayTimeFormat.format(at);
  });
}

/** "45 s", "3 min 5 s", "2 h 10 min": how long a step took. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

export function formatPoints(points: number): string {
  if (points > 0) return `+${points}`;
  if (points < 0) return `\u2212${Math.abs(points)}`;
  return '0';
}

/** The page the lead was on as its path (the site is shown beside it); falls back to the raw text. */
export function formatPage(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname === '/' && !u.search ? u.host : `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

export const STAGE_LABELS: Record<Stage, string> = {
  visitor: 'Visitor',
  lead: 'Lead',
  mql: 'MQL',
  hot: 'Hot MQL',
  sal: 'SAL',
  sql: 'SQL',
  opportunity: 'Opportunity',
  won: 'Won',
  lost: 'Lost',
  nurture: 'Nurture',
  disqualified: 'Disqualified',
  suspect: 'Suspect',
};

export const FIT_LABELS: Record<FitStatus, string> = {
  passes: 'Fit passes',
  fails: 'Fit fails',
  unknown: 'Fit unknown',
};
