// Tables for workspace administration: one-time links for invites and password resets.
// Only SHA-256 hashes of the link tokens are stored, like sessions.
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

export const invites = sqliteTable(
  'invites',
  {
    tokenHash: text('token_hash').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'manager', 'rep'] }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    acceptedAt: integer('accepted_at'),
  },
  (t) => [index('invites_workspace').on(t.workspaceId)],
);

export const passwordResets = sqliteTable(
  'password_resets',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('password_resets_user').on(t.userId)],
);

/** That an erasure happened, by whom and how much it removed; never who it was about. */
export const erasures = sqliteTable(
  'erasures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    actor: text('actor').notNull(),
    at: integer('at').notNull(),
    /** JSON counts of removed rows per table. */
    removed: text('removed').notNull(),
  },
  (t) => [index('erasures_workspace').on(t.workspaceId, t.at)],
);
