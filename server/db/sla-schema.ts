// The marketing SLA both teams agreed (each save kept, so the console shows who changed it and
// when) and the numbers digest: who asked for it by mail, how often, and which periods went out.
import { sqliteTable, text, integer, real, index, primaryKey } from 'drizzle-orm/sqlite-core';

/** Every save of a workspace's SLA inputs; the newest is the one in force. */
export const marketingSlaChanges = sqliteTable(
  'marketing_sla_changes',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    /** Sales quota per month (the workspace's currency). */
    salesQuota: real('sales_quota').notNull(),
    /** Share of revenue expected from marketing-sourced leads (0..1). */
    marketingShare: real('marketing_share').notNull(),
    averageDealSize: real('average_deal_size').notNull(),
    /** Stage conversion rates (0..1). */
    leadToMql: real('lead_to_mql').notNull(),
    mqlToSql: real('mql_to_sql').notNull(),
    sqlToCustomer: real('sql_to_customer').notNull(),
    changedBy: text('changed_by').notNull(),
    /** The user's name when saved, so the history reads the same after they leave. */
    changedByName: text('changed_by_name').notNull(),
    changedAt: integer('changed_at').notNull(),
  },
  (t) => [index('marketing_sla_changes_workspace').on(t.workspaceId, t.changedAt)],
);

/** A manager's or admin's own choice of the numbers digest by mail (no row: off). */
export const digestSubscriptions = sqliteTable(
  'digest_subscriptions',
  {
    userId: text('user_id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    /** `daily` or `weekly` (Mondays). */
    frequency: text('frequency').notNull(),
    /** The recipient's zone: the digest goes out at 08:00 there. */
    timeZone: text('time_zone').notNull(),
    /** When it was switched on or changed; periods whose send time is earlier are not sent. */
    since: integer('since').notNull(),
  },
  (t) => [index('digest_subscriptions_workspace').on(t.workspaceId)],
);

/** One row per digest sent (claimed before sending), so a period goes out once across restarts and processes. */
export const digestSends = sqliteTable(
  'digest_sends',
  {
    userId: text('user_id').notNull(),
    /** `daily:2026-12-07` or `weekly:2026-12-07` (the local date the period ends on, exclusive). */
    period: text('period').notNull(),
    claimedAt: integer('claimed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.period] })],
);
