// Tables for workspace administration: one-time links for invites and password resets.
// Only SHA-256 hashes of the link tokens are stored, like sessions.
import { sqliteTable, text, integer, index, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';

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

/** Site keys replaced by a rotation keep working until `expiresAt`, so pages update without downtime. */
export const retiredSiteKeys = sqliteTable('retired_site_keys', {
  siteKey: text('site_key').primaryKey(),
  siteId: text('site_id').notNull(),
  workspaceId: text('workspace_id').notNull(),
  expiresAt: integer('expires_at').notNull(),
});

/** Install check: where the snippet has been seen running, per allowed origin. */
export const siteInstalls = sqliteTable(
  'site_installs',
  {
    siteId: text('site_id').notNull(),
    origin: text('origin').notNull(),
    workspaceId: text('workspace_id').notNull(),
    firstSeenAt: integer('first_seen_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    /** Origin and path only (no query string). */
    lastUrl: text('last_url'),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.origin] })],
);

/** The widget's look: colours, side, stacking, and per-language text overrides. */
export const siteAppearance = sqliteTable('site_appearance', {
  siteId: text('site_id').primaryKey(),
  workspaceId: text('workspace_id').notNull(),
  accentColor: text('accent_color').notNull().default('#1a47d6'),
  position: text('position', { enum: ['right', 'left'] })
    .notNull()
    .default('right'),
  zIndex: integer('z_index').notNull().default(2147483000),
  /** JSON: { "en": { "launcher": "..." }, "ar": { ... } }. */
  texts: text('texts').notNull().default('{}'),
  /** http(s) link shown, with the ending text, to visitors the site will not call (disqualified or suspect); null = none. */
  endingUrl: text('ending_url'),
});

/** Outbound webhooks: signed JSON to any URL, or Slack-compatible incoming-webhook text. */
export const webhooks = sqliteTable(
  'webhooks',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    url: text('url').notNull(),
    kind: text('kind', { enum: ['signed', 'slack'] }).notNull(),
    /** HMAC-SHA256 key for the `Sixty-Signature` header. */
    secret: text('secret').notNull(),
    /** JSON array of topics, or ["*"]. */
    topics: text('topics').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('webhooks_workspace').on(t.workspaceId)],
);

/** One event for one webhook: retried with backoff until delivered; the delivery log. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    webhookId: text('webhook_id').notNull(),
    /** Stable per event (the receiver de-duplicates on it: delivery is at least once). */
    eventId: text('event_id').notNull(),
    /** The lead the event is about: erasure finds its deliveries by it, as Slack text names the person but not the lead id. */
    leadId: text('lead_id'),
    topic: text('topic').notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAt: integer('next_at').notNull(),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    deliveredAt: integer('delivered_at'),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event').on(t.webhookId, t.eventId),
    index('webhook_deliveries_due').on(t.status, t.nextAt),
    index('webhook_deliveries_webhook').on(t.webhookId, t.id),
    index('webhook_deliveries_lead').on(t.leadId),
  ],
);

/**
 * Keys a CRM uses to post outcomes (`Authorization: Bearer sixty_live_…`), scoped to one
 * workspace. Only the SHA-256 hash of the secret is kept; the prefix lets admins tell keys apart.
 */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull(),
    /** The secret's first characters (`sixty_live_ab12`), shown in the list. */
    prefix: text('prefix').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash').on(t.keyHash), index('api_keys_workspace').on(t.workspaceId, t.createdAt)],
);
