// The SQLite schema. Every row carries its workspace; site-specific rows carry their site too.
// Times are epoch milliseconds (integers) so durations are plain subtraction.
// Migrations are generated from this file by drizzle-kit (`npm run db:generate`); never by hand.
import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

export const workspaces = sqliteTable('workspaces', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const sites = sqliteTable(
  'sites',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    name: text('name').notNull(),
    siteKey: text('site_key').notNull(),
    /** JSON array of origin patterns, e.g. `https://example.com`, `http://localhost:*`. */
    allowedOrigins: text('allowed_origins').notNull(),
    /** JSON SiteRules (questions, behaviour points, thresholds). */
    rules: text('rules').notNull(),
    launcherText: text('launcher_text').notNull(),
    phoneRegion: text('phone_region').notNull(),
    offerTimeoutMs: integer('offer_timeout_ms').notNull(),
    /** JSON BusinessHours: when callbacks can be booked if nobody is online. */
    hours: text('hours').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('sites_site_key').on(t.siteKey), index('sites_workspace').on(t.workspaceId)],
);

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'manager', 'rep'] }).notNull(),
    passwordHash: text('password_hash').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** The rep's own choice; "online" comes from live connections, not from here. */
    presence: text('presence', { enum: ['available', 'away'] }).notNull().default('away'),
    /** For fair round robin: least recently offered goes first; null = never offered. */
    lastOfferedAt: integer('last_offered_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('users_email').on(t.email), index('users_workspace').on(t.workspaceId)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a stolen database file does not yield live sessions. */
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    workspaceId: text('workspace_id').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const leads = sqliteTable(
  'leads',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull().references(() => workspaces.id),
    siteId: text('site_id').notNull().references(() => sites.id),
    name: text('name').notNull(),
    /** E.164, validated by libphonenumber-js on the way in. */
    phone: text('phone').notNull(),
    email: text('email'),
    visitorId: text('visitor_id'),
    pageUrl: text('page_url'),
    /** JSON: question id -> answer. */
    answers: text('answers').notNull(),
    stage: text('stage').notNull(),
    fit: text('fit').notNull(),
    fitReason: text('fit_reason'),
    score: integer('score').notNull(),
    mql: integer('mql', { mode: 'boolean' }).notNull(),
    hot: integer('hot', { mode: 'boolean' }).notNull(),
    /** JSON Reason[]: why the engine decided what it did. */
    reasons: text('reasons').notNull(),
    rulesVersion: integer('rules_version').notNull(),
    /** Routing state: waiting (needs a rep), offered, owned, scheduled, closed. */
    routing: text('routing', { enum: ['waiting', 'offered', 'owned', 'scheduled', 'closed'] }).notNull(),
    ownerId: text('owner_id').references(() => users.id),
    scheduledFor: integer('scheduled_for'),
    outcome: text('outcome'),
    // The speed-to-lead timeline, measured rather than assumed.
    capturedAt: integer('captured_at').notNull(),
    qualifiedAt: integer('qualified_at'),
    firstOfferedAt: integer('first_offered_at'),
    acceptedAt: integer('accepted_at'),
    firstCallAt: integer('first_call_at'),
    outcomeAt: integer('outcome_at'),
  },
  (t) => [
    index('leads_workspace_captured').on(t.workspaceId, t.capturedAt),
    index('leads_routing').on(t.routing, t.capturedAt),
    index('leads_owner').on(t.ownerId),
  ],
);

/** Every stage transition, with time, actor and reason: the closed-loop history. */
export const stageChanges = sqliteTable(
  'stage_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    leadId: text('lead_id').notNull().references(() => leads.id),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    /** `system` or a user id. */
    actor: text('actor').notNull(),
    reason: text('reason'),
    at: integer('at').notNull(),
  },
  (t) => [index('stage_changes_lead').on(t.leadId)],
);

/** A reservation: one lead offered to one rep until it is accepted, declined or expires. */
export const offers = sqliteTable(
  'offers',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    leadId: text('lead_id').notNull().references(() => leads.id),
    repId: text('rep_id').notNull().references(() => users.id),
    status: text('status', { enum: ['offered', 'accepted', 'declined', 'expired', 'taken'] }).notNull(),
    offeredAt: integer('offered_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    respondedAt: integer('responded_at'),
    reason: text('reason'),
  },
  (t) => [
    index('offers_status_expires').on(t.status, t.expiresAt),
    index('offers_rep_status').on(t.repId, t.status),
    index('offers_lead').on(t.leadId),
    // At most one open offer per lead at a time: the database, not the process, enforces it.
    uniqueIndex('offers_one_open_per_lead').on(t.leadId).where(sql`status = 'offered'`),
  ],
);

/** The lead's timeline and routing trail (offered to, skipped because, accepted by...). */
export const leadEvents = sqliteTable(
  'lead_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    leadId: text('lead_id').notNull().references(() => leads.id),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('lead_events_lead').on(t.leadId, t.at)],
);

/** Replays of `POST /v1/callbacks` by idempotency key return the first response. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    siteId: text('site_id').notNull(),
    key: text('key').notNull(),
    workspaceId: text('workspace_id').notNull(),
    bodyHash: text('body_hash').notNull(),
    leadId: text('lead_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.key] }), index('idempotency_created').on(t.createdAt)],
);

/** Install-wide settings (the secret that signs visitor tokens). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
