// The meeting times a lead's visitor may book now: the reps who could take it (routing's
// eligibility), their busy times from their calendars and their Sixty meetings, the site's
// settings, decided by the pure core (booking-slots.core.ts).
import type { CalendarPort, TimeRange } from '../calendar/calendar-port';
import type { Store } from '../db/store';
import { bookableReps, type BookableRep } from '../routing/slot-schedules.core';
import type { RoutingSnapshot } from '../routing/routing.types';
import type { BookingSettings } from './booking-settings';
import { bookingSlots, slotRange, type Slot } from './booking-slots.core';
import { minus } from '../calendar/intervals.core';

export interface MeetingTimes {
  slots: Slot[];
  reps: BookableRep[];
  settings: BookingSettings;
}

/**
 * A booked meeting whose times to move to are asked: its own time is not busy for itself. Its
 * Sixty booking is the one of its rep with exactly its times (a rep's bookings never overlap); its
 * event in the rep's calendar is not told apart from others there, so the calendar's busy times
 * lose its whole span (an event the rep put over the meeting's own time is not seen by the move).
 */
export type MovingMeeting = TimeRange & { repId: string };

/** A rep's calendar busy times, without the span of the meeting being moved when it is theirs. */
export function busyBesides(repId: string, busy: readonly TimeRange[], moving: MovingMeeting | null): TimeRange[] {
  return moving && moving.repId === repId ? minus(busy, moving) : [...busy];
}

/** Each rep's calendar busy times and Sixty meetings over `range`, merged (the meeting being moved left out). */
export async function busyOfReps(
  store: Store,
  calendar: CalendarPort,
  repIds: readonly string[],
  range: TimeRange,
  now: number,
  moving: MovingMeeting | null = null,
) {
  const [fromCalendars, booked] = await Promise.all([calendar.busyOf(repIds, range, now), store.bookedTimes(repIds, range)]);
  const busy = new Map<string, TimeRange[]>(repIds.map((id) => [id, []]));
  for (const r of fromCalendars) busy.get(r.repId)?.push(...busyBesides(r.repId, r.busy, moving));
  for (const b of booked) {
    const itself = moving && b.repId === moving.repId && b.start === moving.start && b.end === moving.end;
    if (!itself) busy.get(b.repId)?.push({ start: b.start, end: b.end });
  }
  return busy;
}

export async function meetingTimes(
  store: Store,
  calendar: CalendarPort,
  snapshot: RoutingSnapshot,
  siteId: string,
  now: number,
  moving: MovingMeeting | null = null,
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
    moving,
  );
  return { slots: bookingSlots(reps, busy, settings, now), reps, settings };
}

export const isoStarts = (slots: readonly Slot[]) => slots.map((s) => new Date(s.start).toISOString());
