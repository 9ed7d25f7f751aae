// Tables of behaviour tracking and rule versions. Kept apart from schema.ts so the tracking
// area reads on its own; drizzle-kit generates migrations from both files.
import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';

/** One anonymous visitor of a site: first touch, traits, and the running qualification. */
export const visitors = sqliteTable(
  'visitors',
  {
    siteId: text('site_id').notNull(),
    visitorId: text('visitor_id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    firstSeenAt: integer('first_seen_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    /** First-touch attribution: kept from the first batch, never overwritten. */
    referrer: text('referrer'),
    utmSource: text('utm_source'),
    utmMedium: text('utm_medium'),
    utmCampaign: text('utm_campaign'),
    utmTerm: text('utm_term'),
    utmContent: text('utm_content'),
    landingUrl: text('landing_url'),
    /** Visits counted from the widget's `returning` flag (1 = first visit). */
    visits: integer('visits').notNull().default(1),
    /** JSON traits from identify calls and captured forms. */
    traits: text('traits').notNull().default('{}'),
    /** JSON BehaviourState: incremental per-rule tallies, so one event scores in O(rules). */
    behaviour: text('behaviour').notNull(),
    score: integer('score').notNull().default(0),
    fit: text('fit').notNull().default('unknown'),
    mql: integer('mql', { mode: 'boolean' }).notNull().default(false),
    hot: integer('hot', { mode: 'boolean' }).notNull().default(false),
    rulesVersion: integer('rules_version').notNull(),
    /** Set once the visitor is a known lead (identify with a phone, or a callback). */
    leadId: text('lead_id'),
    isBot: integer('is_bot', { mode: 'boolean' }).notNull().default(false),
    /** When the widget was told to invite them (at most once). */
    invitedAt: integer('invited_at'),
  },
  (t) => [
    primaryKey({ columns: [t.siteId, t.visitorId] }),
    index('visitors_lead').on(t.leadId),
    index('visitors_workspace_seen').on(t.workspaceId, t.lastSeenAt),
    // The funnel counts a range's new visitors (bots apart) from this index alone.
    index('visitors_workspace_first_seen').on(t.workspaceId, t.firstSeenAt, t.isBot),
  ],
);

/**
 * Where each visit of a lead-to-be came from: one row per session the widget starts (the tracking
 * ingest writes it when a visitor is first seen or a batch says a new session began) and one per
 * capture (the lead's own page and referrer). Attribution models (reports/attribution.core.ts)
 * read them; `visitors` keeps only the first touch.
 */
export const visitorTouches = sqliteTable(
  'visitor_touches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    siteId: text('site_id').notNull(),
    /** Null for a capture from a page without tracking. */
    visitorId: text('visitor_id'),
    /** Set on the capture's own touch only. */
    leadId: text('lead_id'),
    kind: text('kind', { enum: ['session', 'capture'] }).notNull(),
    at: integer('at').notNull(),
    landingUrl: text('landing_url'),
    referrer: text('referrer'),
    utmSource: text('utm_source'),
    utmMedium: text('utm_medium'),
    utmCampaign: text('utm_campaign'),
    utmTerm: text('utm_term'),
    utmContent: text('utm_content'),
  },
  (t) => [index('visitor_touches_visitor').on(t.siteId, t.visitorId, t.at), index('visitor_touches_lead').on(t.leadId)],
);

/** Behaviour events as received. `at` is the server's receive time, which scoring uses. */
export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    siteId: text('site_id').notNull(),
    visitorId: text('visitor_id').notNull(),
    type: text('type').notNull(),
    name: text('name'),
    url: text('url'),
    clientAt: integer('client_at').notNull(),
    at: integer('at').notNull(),
    /** JSON flat properties, or null. */
    props: text('props'),
  },
  (t) => [index('events_visitor').on(t.siteId, t.visitorId, t.id), index('events_workspace_at').on(t.workspaceId, t.at)],
);

/** Per-site tracking settings (consent mode, click selectors, protections). */
export const siteSettings = sqliteTable('site_settings', {
  siteId: text('site_id').primaryKey(),
  workspaceId: text('workspace_id').notNull(),
  consent: text('consent', { enum: ['required', 'implied'] })
    .notNull()
    .default('implied'),
  /**
   * A submitted mapped form asking for contact counts as the visitor's request for contact: it is
   * read and sent even where tracking is not allowed (consent not given, GPC, DNT). Off by default.
   */
  formsCountAsContactRequest: integer('forms_count_as_contact_request', { mode: 'boolean' }).notNull().default(false),
  /** The panel offers "Talk now in your browser" (a voice call with the rep, issue 23) beside the callback. Off by default. */
  browserCalls: integer('browser_calls', { mode: 'boolean' }).notNull().default(false),
  /** JSON array of { selector, name }: clicks on matching elements become named events. */
  trackSelectors: text('track_selectors').notNull().default('[]'),
  /** Drop events from bots (User-Agent and behaviour limits). On by default. */
  botFilter: integer('bot_filter', { mode: 'boolean' }).notNull().default(true),
  /** Events per second one visitor may send before the excess is dropped. */
  maxEventsPerSecond: integer('max_events_per_second').notNull().default(20),
  /** Callback forms submitted faster than this after opening are treated as bots (0 = off). */
  minSubmitMs: integer('min_submit_ms').notNull().default(2000),
});

/** Every version of a site's rules; the published one is also copied to `sites.rules`. */
export const rulesVersions = sqliteTable(
  'rules_versions',
  {
    siteId: text('site_id').notNull(),
    version: integer('version').notNull(),
    workspaceId: text('workspace_id').notNull(),
    rules: text('rules').notNull(),
    status: text('status', { enum: ['draft', 'published', 'retired'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by'),
    /** Last time it went live (a rollback publishes it again). */
    publishedAt: integer('published_at'),
    /** Last time another version replaced it; null while it is live or was never published. */
    retiredAt: integer('retired_at'),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.version] })],
);
