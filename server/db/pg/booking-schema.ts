// The PostgreSQL mirror of server/db/booking-schema.ts: booked meetings, a site's meeting
// settings, and each rep's private calendar feed (its token kept only as a hash).
import { pgTable, text, integer, bigint, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const bookings = pgTable(
  'bookings',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    siteId: text('site_id').notNull(),
    leadId: text('lead_id').notNull(),
    repId: text('rep_id').notNull(),
    startAt: bigint('start_at', { mode: 'number' }).notNull(),
    endAt: bigint('end_at', { mode: 'number' }).notNull(),
    /** `active` until the visitor cancels it. */
    status: text('status', { enum: ['active', 'cancelled'] }).notNull(),
    /** The iCalendar UID of the meeting, the same across reschedules. */
    uid: text('uid').notNull(),
    /** The iCalendar SEQUENCE: raised by every reschedule and the cancel. */
    sequence: integer('sequence').notNull().default(0),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    // Two active meetings of one rep never start together; overlaps are refused in the booking transaction.
    uniqueIndex('bookings_rep_start_active')
      .on(t.repId, t.startAt)
      .where(sql`status = 'active'`),
    uniqueIndex('bookings_uid').on(t.uid),
    index('bookings_lead').on(t.leadId),
    index('bookings_workspace_start').on(t.workspaceId, t.startAt),
  ],
);

export const siteBooking = pgTable('site_booking', {
  siteId: text('site_id').primaryKey(),
  meetingMinutes: integer('meeting_minutes').notNull(),
  noticeMinutes: integer('notice_minutes').notNull(),
  bufferMinutes: integer('buffer_minutes').notNull(),
});

export const repFeeds = pgTable(
  'rep_feeds',
  {
    repId: text('rep_id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    /** SHA-256 of the feed's token: a leaked database does not leak a working feed URL. */
    tokenHash: text('token_hash').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('rep_feeds_token').on(t.tokenHash)],
);
