// The report's date range: whole local days, from the start of `from` to the end of `to`. Pure.
import type { ReportRange } from '../admin-api';
import { dateInputValue } from '../ui/time';

export interface DayRange {
  /** `YYYY-MM-DD`, local. */
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
/** The server refuses longer ranges (reports.routes.ts). */
export const MAX_DAYS = 400;

export function lastDays(days: number, now: Date): DayRange {
  return { from: dateInputValue(new Date(now.getTime() - (days - 1) * DAY_MS)), to: dateInputValue(now) };
}

function localMidnight(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The query for the API, or the message for the range fields. */
export function toQuery(r: DayRange): { query: ReportRange } | { error: string } {
  const from = localMidnight(r.from);
  const toDay = localMidnight(r.to);
  if (!from || !toDay) return { error: 'Pick both dates' };
  const to = new Date(toDay.getFullYear(), toDay.getMonth(), toDay.getDate() + 1);
  if (from >= to) return { error: 'The start must be on or before the end' };
  if (to.getTime() - from.getTime() > MAX_DAYS * DAY_MS + 3_600_000) return { error: `At most ${MAX_DAYS} days at a time` };
  return { query: { from: from.toISOString(), to: to.toISOString() } };
}

/** Length of a report's range in days (for per-month paces). */
export function rangeDays(fromMs: number, toMs: number): number {
  return Math.max(1, (toMs - fromMs) / DAY_MS);
}
