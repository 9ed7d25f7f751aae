// The meeting times a lead's visitor may book now: the reps who could take it (routing's
// eligibility), their busy times from their calendars and their Sixty meetings, the site's
// settings, decided by the pure core (booking-slots.core.ts).
import type { CalendarPort, TimeRange } from '../calendar/calendar-port';
import type { Store } from '../db/store';
import { bookableReps, type BookableRep } from '../routing/slot-schedules.core';
import type { RoutingSnapshot } from '../routing/routing.types';
import type { BookingSettings } from './booking-settings';
import { bookingSlots, slotRange, type Slot } from './booking-slots.core';

export interface MeetingTimes {
  slots: Slot[];
  reps: BookableRep[];
  settings: BookingSettings;
}

/** Each rep's calendar busy times and Sixty meetings over `range`, merged. */
export async function busyOfReps(store: Store, calendar: CalendarPort, repIds: readonly string[], range: TimeRange, now: number) {
  const [fromCalendars, booked] = await Promise.all([calendar.busyOf(repIds, range, now), store.bookedTimes(repIds, range)]);
  const busy = new Map<string, TimeRange[]>(repIds.map((id) => [id, []]));
  for (const r of fromCalendars) busy.get(r.repId)?.push(...r.busy);
  for (const b of booked) busy.get(b.repId)?.push({ start: b.start, end: b.end });
  return busy;
}

export async function meetingTimes(
  store: Store,
  calendar: CalendarPort,
  snapshot: RoutingSnapshot,
  siteId: string,
  now: number,
  count?: number,
): Promise<MeetingTimes> {
  const reps = bookableReps(snapshot);
  const settings = await store.bookingSettings(siteId);
  if (!reps.length) return { slots: [], reps, settings };
  const busy = await busyOfReps(
    store,
    calendar,
    reps.map((r) => r.repId),
    slotRange(now),
    now,
  );
  return { slots: bookingSlots(reps, busy, settings, now, count), reps, settings };
}

export const isoStarts = (slots: readonly Slot[]) => slots.map((s) => new Date(s.start).toISOString());
