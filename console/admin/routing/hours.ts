// Pure helpers of the hours editor: presets, the browser's time zones, and list text.
import type { Hours } from '../types';

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** Monday to Friday, 09:00 to 17:00, in the given zone: what most teams start from. */
export function officeHours(timeZone: string): Hours {
  return { timeZone, weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:00' })), holidays: [] };
}

/** Every day, all day: a team that takes leads around the clock. */
export function aroundTheClock(timeZone: string): Hours {
  return { timeZone, weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '00:00', close: '24:00' })), holidays: [] };
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** IANA zones the browser knows, with `current` kept even when it does not. */
export function timeZones(current: string): string[] {
  const list = (Intl as unknown as { supportedValuesOf?: (k: 'timeZone') => string[] }).supportedValuesOf?.('timeZone') ?? ['UTC'];
  const all = list.includes('UTC') ? list : ['UTC', ...list];
  return all.includes(current) ? all : [current, ...all];
}

/** How a zone reads when searched: lower case, `_` as a space ("america/new york"). */
function searchable(text: string): string {
  return text.trim().toLowerCase().replaceAll('_', ' ');
}

/**
 * The zones matching what was typed, best first: zones where a part ("Berlin", "New York") starts
 * with it, then any containing it. Plain substring tests: typed text never becomes a pattern.
 */
export function matchZones(zones: readonly string[], query: string): string[] {
  const q = searchable(query);
  if (!q) return [...zones];
  const starts: string[] = [];
  const contains: string[] = [];
  for (const zone of zones) {
    const z = searchable(zone);
    if (z.startsWith(q) || z.split('/').some((part) => part.startsWith(q))) starts.push(zone);
    else if (z.includes(q)) contains.push(zone);
  }
  return [...starts, ...contains];
}

/** The zone typed in full (any case, spaces for `_`), if it is one. */
export function exactZone(zones: readonly string[], text: string): string | null {
  const q = searchable(text);
  return zones.find((z) => searchable(z) === q) ?? null;
}

/** "de, en" -> ["de", "en"]: comma- or space-separated lists in one text field. */
export function splitList(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A short line for a team card: "Mon–Fri 09:00–17:00 (Europe/Berlin)". */
export function hoursSummary(h: Hours): string {
  if (!h.weekly.length) return `Closed (${h.timeZone})`;
  const days = [...new Set(h.weekly.map((i) => i.day))].sort();
  const times = [...new Set(h.weekly.map((i) => `${i.open}–${i.close}`))];
  const dayText = days.length === 7 ? 'Every day' : days.map((d) => WEEKDAYS[d - 1]!.slice(0, 3)).join(', ');
  return `${dayText} ${times.length === 1 ? times[0] : 'various times'} (${h.timeZone})`;
}
