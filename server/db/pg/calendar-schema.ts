// The PostgreSQL mirror of server/db/calendar-schema.ts. A rep's connected calendar (CalDAV): where it is, whose login (the app password sealed with
// SIXTY_CALENDAR_KEY, server/calendar/credential-box.ts) and how its latest reads went, so the
// console can say when it is unreachable.
import { pgTable, text, bigint, index } from 'drizzle-orm/pg-core';

export const calendarConnections = pgTable(
  'calendar_connections',
  {
    /** One calendar per rep. */
    repId: text('rep_id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    /** The base URL the rep gave (discovery starts there). */
    serverUrl: text('server_url').notNull(),
    /** The calendar collection read and written. */
    calendarUrl: text('calendar_url').notNull(),
    displayName: text('display_name').notNull(),
    username: text('username').notNull(),
    /** The app password, AES-256-GCM sealed; never stored or answered in plain text. */
    sealedPassword: text('sealed_password').notNull(),
    /** The calendar's own zone for all-day and floating times; null: the rep's hours' zone. */
    timeZone: text('time_zone'),
    /** `connected` or `down` (the latest read failed). */
    state: text('state').notNull().default('connected'),
    connectedAt: bigint('connected_at', { mode: 'number' }).notNull(),
    lastReadOkAt: bigint('last_read_ok_at', { mode: 'number' }),
    lastFailedAt: bigint('last_failed_at', { mode: 'number' }),
    /** Since when reads fail (the first failure after a success); null while reads succeed. */
    downSince: bigint('down_since', { mode: 'number' }),
    /** What the latest failure said (no credentials in it). */
    lastError: text('last_error'),
  },
  (t) => [index('calendar_connections_workspace').on(t.workspaceId)],
);
