// The PostgreSQL mirror of server/db/admin-schema.ts: one-time links for invites and password
// resets, erasures, site keys, installs, appearance and webhooks. Only SHA-256 hashes of the
// link tokens are stored, like sessions. See server/db/pg/schema.ts for the type mapping.
import { pgTable, text, integer, bigint, bigserial, boolean, index, primaryKey, uniqueIndex } from 'drizzle-orm/pg-core';

export const invites = pgTable(
  'invites',
  {
    tokenHash: text('token_hash').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'manager', 'rep'] }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
    acceptedAt: bigint('accepted_at', { mode: 'number' }),
  },
  (t) => [index('invites_workspace').on(t.workspaceId)],
);

export const passwordResets = pgTable(
  'password_resets',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
    usedAt: bigint('used_at', { mode: 'number' }),
  },
  (t) => [index('password_resets_user').on(t.userId)],
);

/** That an erasure happened, by whom and how much it removed; never who it was about. */
export const erasures = pgTable(
  'erasures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    actor: text('actor').notNull(),
    at: bigint('at', { mode: 'number' }).notNull(),
    /** JSON counts of removed rows per table. */
    removed: text('removed').notNull(),
  },
  (t) => [index('erasures_workspace').on(t.workspaceId, t.at)],
);

/** Site keys replaced by a rotation keep working until `expiresAt`, so pages update without downtime. */
export const retiredSiteKeys = pgTable('retired_site_keys', {
  siteKey: text('site_key').primaryKey(),
  siteId: text('site_id').notNull(),
  workspaceId: text('workspace_id').notNull(),
  expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
});

/** Install check: where the snippet has been seen running, per allowed origin. */
export const siteInstalls = pgTable(
  'site_installs',
  {
    siteId: text('site_id').notNull(),
    origin: text('origin').notNull(),
    workspaceId: text('workspace_id').notNull(),
    firstSeenAt: bigint('first_seen_at', { mode: 'number' }).notNull(),
    lastSeenAt: bigint('last_seen_at', { mode: 'number' }).notNull(),
    /** Origin and path only (no query string). */
    lastUrl: text('last_url'),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.origin] })],
);

/** The widget's look: colours, side, stacking, and per-language text overrides. */
export const siteAppearance = pgTable('site_appearance', {
  siteId: text('site_id').primaryKey(),
  workspaceId: text('workspace_id').notNull(),
  accentColor: text('accent_color').notNull().default('#1a47d6'),
  position: text('position', { enum: ['right', 'left'] })
    .notNull()
    .default('right'),
  /** 2147483000 still fits a 32-bit integer (max 2147483647). */
  zIndex: integer('z_index').notNull().default(2147483000),
  /** JSON: { "en": { "launcher": "..." }, "ar": { ... } }. */
  texts: text('texts').notNull().default('{}'),
  /** http(s) link shown, with the ending text, to visitors the site will not call (disqualified or suspect); null = none. */
  endingUrl: text('ending_url'),
});

/** Outbound webhooks: signed JSON to any URL, or Slack-compatible incoming-webhook text. */
export const webhooks = pgTable(
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
    active: boolean('active').notNull().default(true),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('webhooks_workspace').on(t.workspaceId)],
);

/** One event for one webhook: retried with backoff until delivered; the delivery log. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
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
    nextAt: bigint('next_at', { mode: 'number' }).notNull(),
    /** HTTP status of the last attempt. */
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    deliveredAt: bigint('delivered_at', { mode: 'number' }),
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
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull(),
    /** The secret's first characters (`sixty_live_ab12`), shown in the list. */
    prefix: text('prefix').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    lastUsedAt: bigint('last_used_at', { mode: 'number' }),
    revokedAt: bigint('revoked_at', { mode: 'number' }),
  },
  (t) => [uniqueIndex('api_keys_hash').on(t.keyHash), index('api_keys_workspace').on(t.workspaceId, t.createdAt)],
);
