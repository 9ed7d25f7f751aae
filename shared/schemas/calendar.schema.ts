// A rep's own calendar as the console connects it (CalDAV: server URL, username, app password)
// and shows it. The app password is only ever sent, never answered.
import { z } from 'zod';

const serverUrl = z
  .string()
  .trim()
  .min(1, 'Enter your calendar server’s address')
  .max(2000, 'At most 2000 characters')
  .refine((v) => {
    try {
      const url = new URL(v);
      // No credentials in the address: they belong in their own fields (and out of logs).
      return (url.protocol === 'https:' || url.protocol === 'http:') && !/^[a-z]+:\/\/[^/?#]*@/i.test(v);
    } catch {
      return false;
    }
  }, 'Use an address like https://caldav.example.com (without a username or password in it)');

/** `POST /v1/console/calendar/discover`: the calendars this login can see. */
export const calendarLoginSchema = z.strictObject({
  serverUrl,
  username: z.string().trim().min(1, 'Enter your username').max(320, 'At most 320 characters'),
  password: z.string().min(1, 'Enter the app password').max(1000, 'At most 1000 characters'),
});

/** `PUT /v1/console/calendar`: connect; `calendarUrl` picks one of the discovered calendars (needed when there are several). */
export const calendarConnectSchema = calendarLoginSchema.extend({
  calendarUrl: z.string().trim().max(2000).optional(),
});

export const discoveredCalendarsSchema = z.strictObject({
  calendars: z.array(z.strictObject({ url: z.string(), displayName: z.string() })),
});

export const calendarViewSchema = z.strictObject({
  serverUrl: z.string(),
  calendarUrl: z.string(),
  displayName: z.string(),
  username: z.string(),
  /** `down`: the latest read failed; slots use working hours and Sixty bookings until it reads again. */
  state: z.enum(['connected', 'down']),
  connectedAt: z.number().int(),
  lastReadOkAt: z.number().int().nullable(),
  downSince: z.number().int().nullable(),
  lastError: z.string().nullable(),
});

/** `GET /v1/console/calendar`: the signed-in user's calendar, and whether this install can store one. */
export const myCalendarSchema = z.strictObject({
  calendar: calendarViewSchema.nullable(),
  /** False when SIXTY_CALENDAR_KEY is not set: connecting is refused. */
  canConnect: z.boolean(),
});
