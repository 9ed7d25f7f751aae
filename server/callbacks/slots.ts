// Callback times to offer a visitor when nobody can take the call now. Pure: takes `now`.
import { isOpenAllAt } from '../routing/hours.core';
import type { Hours } from '../routing/routing.types';

const SLOT_MS = 30 * 60 * 1000;
/** Don't offer a slot so close that the visitor cannot be ready for it. */
const LEAD_TIME_MS = 15 * 60 * 1000;
/** Look at most two weeks ahead (covers long holidays). */
const HORIZON_SLOTS = 14 * 48;

/**
 * The next `count` half-hour slots during which at least one schedule is open from start to end.
 * Each schedule is a list of hours that must all be open (a team's hours and a rep's own).
 */
export function callbackSlots(now: number, schedules: readonly (readonly Hours[])[], count = 6): string[] {
  const slots: string[] = [];
  let t = Math.ceil((now + LEAD_TIME_MS) / SLOT_MS) * SLOT_MS;
  for (let i = 0; i < HORIZON_SLOTS && slots.length < count; i++, t += SLOT_MS) {
    if (schedules.some((hours) => isOpenAllAt(hours, t) && isOpenAllAt(hours, t + SLOT_MS - 1))) slots.push(new Date(t).toISOString());
  }
  return slots;
}
