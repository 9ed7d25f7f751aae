// The meeting times offered to a visitor when nobody can take the call now, each with the reps
// free to hold it. Pure: (reps, their busy times, the site's settings, now).
import type { TimeRange } from '../calendar/calendar-port';
import { isOpenAllAt } from '../routing/hours.core';
import type { BookableRep } from '../routing/slot-schedules.core';
import type { BookingSettings } from './booking-settings';

const MINUTE = 60_000;
/** Meetings start on the half hour: times a person reads at a glance. */
export const SLOT_STEP_MS = 30 * MINUTE;
/** Look at most two weeks ahead (covers long holidays). */
export const HORIZON_MS = 14 * 24 * 60 * MINUTE;
/** Hours are checked this often inside a meeting, so a lunch break inside a long meeting counts. */
const HOURS_CHECK_MS = 15 * MINUTE;
/** How many times the visitor is shown. */
export const SLOTS_SHOWN = 6;

/** One time offered to the visitor: the reps free for it, in the order they are tried. */
export interface Slot {
  start: number;
  end: number;
  repIds: string[];
}

/** The range whose busy times the slots need: from now to the end of the horizon. */
export function slotRange(now: number): TimeRange {
  return { start: now, end: now + HORIZON_MS + SLOT_STEP_MS };
}

/** Works every minute of [start, end) in one of their schedules. */
function worksThrough(rep: BookableRep, start: number, end: number): boolean {
  return rep.schedules.some((hours) => {
    for (let t = start; t < end; t += HOURS_CHECK_MS) if (!isOpenAllAt(hours, t)) return false;
    return isOpenAllAt(hours, end - 1);
  });
}

/** No busy time within the buffer of [start, end). */
export function clearOf(busy: readonly TimeRange[], start: number, end: number, bufferMinutes: number): boolean {
  const from = start - bufferMinutes * MINUTE;
  const to = end + bufferMinutes * MINUTE;
  return !busy.some((b) => b.start < to && from < b.end);
}

/** Whether one rep may hold a meeting starting at `start`: inside their hours and free around it. */
export function repFreeAt(rep: BookableRep, busy: readonly TimeRange[], start: number, settings: BookingSettings): boolean {
  const end = start + settings.meetingMinutes * MINUTE;
  return worksThrough(rep, start, end) && clearOf(busy, start, end, settings.bufferMinutes);
}

/** The first start on the grid the notice allows. */
export function firstStart(now: number, settings: BookingSettings): number {
  return Math.ceil((now + settings.noticeMinutes * MINUTE) / SLOT_STEP_MS) * SLOT_STEP_MS;
}

/**
 * The next `count` starts at which at least one rep works the whole meeting and is free of their
 * calendar's busy times and their Sixty bookings (both in `busy`), the buffer around each kept.
 */
export function bookingSlots(
  reps: readonly BookableRep[],
  busy: ReadonlyMap<string, readonly TimeRange[]>,
  settings: BookingSettings,
  now: number,
  count = SLOTS_SHOWN,
): Slot[] {
  const slots: Slot[] = [];
  const last = now + HORIZON_MS;
  for (let start = firstStart(now, settings); start <= last && slots.length < count; start += SLOT_STEP_MS) {
    const repIds = reps.filter((rep) => repFreeAt(rep, busy.get(rep.repId) ?? [], start, settings)).map((r) => r.repId);
    if (repIds.length) slots.push({ start, end: start + settings.meetingMinutes * MINUTE, repIds });
  }
  return slots;
}
