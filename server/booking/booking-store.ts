// What booking asks of the store: meeting settings, the reps' booked times, and the writes that
// book, move and cancel a meeting with the lead's routing and trail in the same transaction.
import type { TimeRange } from '../calendar/calendar-port';
import type { BookingSettings } from './booking-settings';

export interface Booking {
  id: string;
  workspaceId: string;
  siteId: string;
  leadId: string;
  repId: string;
  repName: string;
  repEmail: string;
  start: number;
  end: number;
  status: 'active' | 'cancelled';
  uid: string;
  sequence: number;
}

/** A meeting to book with one rep; `bufferMs` is kept free on either side against their other meetings. */
export interface NewBooking {
  id: string;
  uid: string;
  leadId: string;
  repId: string;
  start: number;
  end: number;
  bufferMs: number;
}

/** `taken`: the rep has a meeting in that time (or within the buffer); `not_waiting`: the lead is handled already. */
export type BookResult = { ok: true; booking: Booking } | { ok: false; reason: 'taken' | 'not_waiting' | 'not_found' };

export interface BookingOps {
  /** The site's meeting settings, the defaults until an admin sets them. */
  bookingSettings(siteId: string): Promise<BookingSettings>;
  setBookingSettings(siteId: string, settings: BookingSettings): Promise<void>;
  /** Active meetings of these reps that overlap `range`. */
  bookedTimes(repIds: readonly string[], range: TimeRange): Promise<Array<TimeRange & { repId: string }>>;
  /**
   * Books the meeting when the lead still waits for a rep and the rep has no active meeting within
   * the buffer of it: the booking row, the lead scheduled at its start (offered then), and the
   * trail line, in one transaction (two visitors never get one rep's same time).
   */
  bookMeeting(b: NewBooking, now: number): Promise<BookResult>;
  /** Moves an active meeting (same rep, SEQUENCE + 1) under the same checks; the lead follows. */
  moveMeeting(bookingId: string, start: number, end: number, bufferMs: number, now: number): Promise<BookResult>;
  /** Cancels an active meeting (SEQUENCE + 1); the lead is no longer scheduled. Null when not active. */
  cancelMeeting(bookingId: string, now: number): Promise<Booking | null>;
  /**
   * Records how the meeting went (a trail line), once per meeting: the first call logged at or
   * after its time decides. False when already recorded or the meeting is not active.
   */
  recordMeetingResult(bookingId: string, result: 'meeting_held' | 'meeting_no_show', now: number): Promise<boolean>;
  bookingById(bookingId: string): Promise<Booking | null>;
  /** The lead's active meeting, or null. */
  meetingOfLead(leadId: string): Promise<Booking | null>;
  /** The rep's active meetings ending after `from`, soonest first. */
  upcomingMeetings(repId: string, from: number, limit: number): Promise<Booking[]>;
  /** Sets (or with null revokes) the hash of the rep's feed token. */
  setFeedToken(repId: string, workspaceId: string, tokenHash: string | null, now: number): Promise<void>;
  /** When the rep's feed was made, or null when they have none. */
  feedOf(repId: string): Promise<{ createdAt: number } | null>;
  /** The rep whose feed token has this hash, or null (revoked, replaced or never made). */
  repOfFeed(tokenHash: string): Promise<string | null>;
}
