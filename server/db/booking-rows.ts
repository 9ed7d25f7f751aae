// Rows of the bookings tables as the booking area sees them, shared by both stores.
import type { BookingSettings } from '../booking/booking-settings';
import { DEFAULT_BOOKING } from '../booking/booking-settings';
import type { Booking } from '../booking/booking-store';

export interface BookingRow {
  id: string;
  workspaceId: string;
  siteId: string;
  leadId: string;
  repId: string;
  startAt: number;
  endAt: number;
  status: 'active' | 'cancelled';
  uid: string;
  sequence: number;
}

export function toBooking(row: BookingRow, rep: { name: string; email: string } | undefined): Booking {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    siteId: row.siteId,
    leadId: row.leadId,
    repId: row.repId,
    repName: rep?.name ?? 'A rep',
    repEmail: rep?.email ?? '',
    start: Number(row.startAt),
    end: Number(row.endAt),
    status: row.status,
    uid: row.uid,
    sequence: Number(row.sequence),
  };
}

export function toBookingSettings(row: BookingSettings | undefined): BookingSettings {
  return row ? { meetingMinutes: row.meetingMinutes, noticeMinutes: row.noticeMinutes, bufferMinutes: row.bufferMinutes } : { ...DEFAULT_BOOKING };
}
