// Every callback request as it arrived (after validation): the basis of the per-phone daily
// limit and of joining repeat requests to the open lead. Kept in the database, not in process
// memory, so the limits hold across restarts and processes.
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

export const callbackRequests = sqliteTable(
  'callback_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    siteId: text('site_id').notNull(),
    /** E.164. */
    phone: text('phone').notNull(),
    email: text('email'),
    /** Null while the request is admitted but its lead is not made yet (the per-phone cap counts it). */
    leadId: text('lead_id'),
    at: integer('at').notNull(),
  },
  (t) => [
    index('callback_requests_phone').on(t.siteId, t.phone, t.at),
    index('callback_requests_email').on(t.siteId, t.email, t.at),
    // The per-phone daily cap counts across the workspace's sites.
    index('callback_requests_workspace_phone').on(t.workspaceId, t.phone, t.at),
  ],
);
