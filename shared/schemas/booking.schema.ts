// Meetings a visitor books: a site's meeting settings (console), and the visitor's move-or-cancel
// requests (the page linked from their invite).
import { z } from 'zod';

/** `PUT /v1/console/sites/:siteId/booking`. */
export const bookingSettingsSchema = z.strictObject({
  meetingMinutes: z.number().int('Use whole minutes').min(10, 'At least 10 minutes').max(240, 'At most 4 hours'),
  noticeMinutes: z.number().int('Use whole minutes').min(0, 'Zero or more').max(10_080, 'At most a week'),
  bufferMinutes: z.number().int('Use whole minutes').min(0, 'Zero or more').max(120, 'At most 2 hours'),
});
export type BookingSettingsInput = z.infer<typeof bookingSettingsSchema>;

/** `POST /meetings/:token/move`: the visitor's new time, one of the times the page listed. */
export const moveMeetingSchema = z.strictObject({
  slot: z.iso.datetime({ offset: true, message: 'Pick one of the offered times' }),
});

/** `GET /v1/console/feed`: whether the rep's calendar feed is on (its URL is shown only when made). */
export const feedStatusSchema = z.strictObject({
  active: z.boolean(),
  createdAt: z.number().int().nullable().describe('When the current feed URL was made'),
});

/** `POST /v1/console/feed`: the new feed URL, shown this once (only its hash is kept). */
export const feedCreatedSchema = z.strictObject({ url: z.string().describe('`<public URL>/feeds/<token>.ics`: subscribe to it in a calendar app') });
