// The SQLite schema. Every row carries its workspace; site-specific rows carry their site too.
// Times are epoch milliseconds (integers) so durations are plain subtraction.
// Migrations are generated from this file by drizzle-kit (`npm run db:generate`); never by hand.
import { sqliteTable, text, integer, real, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

export const workspaces = sqliteTable('workspaces', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** ISO 4217 code every deal value of the workspace is in (reports sum them as is). */
  currency: text('currency').notNull().default('USD'),
  createdAt: integer('created_at').notNull(),
});

export const sites = sqliteTable(
  'sites',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    siteKey: text('site_key').notNull(),
    /** JSON array of origin patterns, e.g. `https://example.com`, `http://localhost:*`. */
    allowedOrigins: text('allowed_origins').notNull(),
    /** JSON SiteRules (questions, behaviour points, thresholds). */
    rules: text('rules').notNull(),
    launcherText: text('launcher_text').notNull(),
    phoneRegion: text('phone_region').notNull(),
    offerTimeoutMs: integer('offer_timeout_ms').notNull(),
    /** Target from hand-raise to accept; a miss is recorded as an SLA breach. */
    slaMs: integer('sla_ms').notNull().default(60_000),
    /** A rep who lets this many offers in a row expire is set away (0 = never). */
    missedOffersBeforeAway: integer('missed_offers_before_away').notNull().default(2),
    /** JSON Cadence: business-day offsets of the follow-up attempts after no answer. */
    followUpCadence: text('follow_up_cadence').notNull().default('{"offsetsBusinessDays":[0,1,2,4,7,10]}'),
    /** Accept timeout of an offer to a rep who is "Available on my devices" (push takes longer to reach). */
    deviceTimeoutMs: integer('device_timeout_ms').notNull().default(45_000),
    /** When reps on their devices are offered: after reps with a live tab (`tabs_first`) or with them (`with_tabs`). */
    deviceOrder: text('device_order', { enum: ['tabs_first', 'with_tabs'] })
      .notNull()
      .default('tabs_first'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('sites_site_key').on(t.siteKey), index('sites_workspace').on(t.workspaceId)],
);

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'manager', 'rep'] }).notNull(),
    passwordHash: text('password_hash').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** The rep's own choice; "online" comes from live connections, not from here. */
    presence: text('presence', { enum: ['available', 'away', 'devices'] })
      .notNull()
      .default('away'),
    /** Why the rep is away when the system set it (missed offers); shown to them. */
    awayReason: text('away_reason'),
    /** When the rep was last offered a lead (for display). */
    lastOfferedAt: integer('last_offered_at'),
    /** Workspace-wide order of the last offer, for round robin; null = never offered. */
    offerSeq: integer('offer_seq'),
    /** Offers that expired in a row; reset by any answer. Persisted so a restart keeps it. */
    missedInARow: integer('missed_in_a_row').notNull().default(0),
    offerCapacity: integer('offer_capacity').notNull().default(1),
    leadCapacity: integer('lead_capacity').notNull().default(5),
    /** JSON string arrays. Territories are ISO country codes (`*` = everywhere). */
    skills: text('skills').notNull().default('[]'),
    languages: text('languages').notNull().default('[]'),
    territories: text('territories').notNull().default('[]'),
    /** JSON Hours narrowing the rep's teams' hours; null = the teams' hours. */
    ownHours: text('own_hours'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('users_email').on(t.email), index('users_workspace').on(t.workspaceId)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a stolen database file does not yield live sessions. */
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
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
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    name: text('name').notNull(),
    /** E.164, validated by libphonenumber-js on the way in. */
    phone: text('phone').notNull(),
    email: text('email'),
    visitorId: text('visitor_id'),
    pageUrl: text('page_url'),
    /** The page that linked to the one the callback was asked from (document.referrer): the callback's own touch, with pageUrl. */
    referrer: text('referrer'),
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
    /**
     * The rep who owned the lead when it went back to nurture, set when it returns (a hand raised
     * again): routing offers it to them first while they are online (decideRouting).
     */
    previousOwnerId: text('previous_owner_id').references(() => users.id),
    scheduledFor: integer('scheduled_for'),
    outcome: text('outcome'),
    /** Hand-raise (or turned hot): the SLA clock and waiting order start here. */
    hotAt: integer('hot_at'),
    /** When a rep must have accepted; a breach is recorded at this time if none did. */
    slaDueAt: integer('sla_due_at'),
    /** Why a waiting lead is not offered (QueueReason); null while offered or not routed. */
    queueReason: text('queue_reason'),
    /** Offers made at or after this belong to the current routing round. */
    roundStartedAt: integer('round_started_at').notNull().default(0),
    /** The routing rule that matched last (for the trail). */
    ruleId: text('rule_id'),
    /** Call attempts without contact (no answer, voicemail), for the follow-up cadence. */
    contactAttempts: integer('contact_attempts').notNull().default(0),
    /** The visitor's IANA time zone (from their browser), so a rep sees their local time. */
    timeZone: text('time_zone'),
    /** How the visitor asked to talk (TALK_MODES): `browser` for a voice call in the widget; null for a phone callback. */
    talk: text('talk', { enum: ['phone', 'browser'] }),
    /** JSON SalesQualification: the four questions answered when the rep logged SQL. */
    salesQualification: text('sales_qualification'),
    // The speed-to-lead timeline, measured rather than assumed.
    capturedAt: integer('captured_at').notNull(),
    qualifiedAt: integer('qualified_at'),
    firstOfferedAt: integer('first_offered_at'),
    acceptedAt: integer('accepted_at'),
    firstCallAt: integer('first_call_at'),
    outcomeAt: integer('outcome_at'),
    /** The opportunity's value in the workspace's currency (major units); set when it opens or closes. */
    dealValue: real('deal_value'),
    /** When the deal closed as won or lost (revenue is reported by this time). */
    closedAt: integer('closed_at'),
    /** When the escalation ladder reached its manager step for the lead (set once, in the routing transaction). */
    managerAlertedAt: integer('manager_alerted_at'),
    /** When one process claimed sending that alert's email and pushes (outside the transaction, once). */
    managerAlertSentAt: integer('manager_alert_sent_at'),
    // The lead's report facts, kept with it so a report over any range reads one range of leads and
    // no other table per lead (db/report-facts.ts writes them; report-rows.ts reportFacts says what they are).
    /** First-touch source and campaign (shared/attribution over the visitor's first touch, then the callback's). */
    reportSource: text('report_source'),
    reportCampaign: text('report_campaign'),
    /** When its tracked visitor was first seen (null: no visitor, or a bot): the funnel counts it among the range's visitors. */
    reportVisitorSeenAt: integer('report_visitor_seen_at'),
    /** JSON [at, channel, source, campaign][]: the touches that brought it (attribution.core leadTouches); null = not yet worked out. */
    reportTouches: text('report_touches'),
    // What the funnel needs of its stage changes (db/report-stages.ts keeps them as each change is written):
    /** When it first reached each funnel step by moving stage (funnel.core FUNNEL_STAGES); null: never. */
    reportMqlAt: integer('report_mql_at'),
    reportSalAt: integer('report_sal_at'),
    reportSqlAt: integer('report_sql_at'),
    reportOpportunityAt: integer('report_opportunity_at'),
    reportWonAt: integer('report_won_at'),
    /** JSON [to, reason][]: its changes to exit stages; null = its stage facts are not yet worked out. */
    reportExits: text('report_exits'),
  },
  (t) => [
    index('leads_workspace_captured').on(t.workspaceId, t.capturedAt),
    index('leads_routing').on(t.routing, t.capturedAt),
    index('leads_workspace_routing').on(t.workspaceId, t.routing, t.hotAt),
    // Speed-to-lead and speed pays read a range of hand-raise times: hot_at, or captured_at where hot_at is null.
    index('leads_workspace_hot').on(t.workspaceId, t.hotAt, t.capturedAt),
    index('leads_owner').on(t.ownerId),
    // A rep's open leads, counted for every routing snapshot (routing-snapshot.ts): seeks past their closed history.
    index('leads_owner_active').on(t.ownerId, t.routing, t.outcome),
    // A visitor's or a phone's newest lead, looked up on every identify and tracked event.
    index('leads_site_visitor').on(t.siteId, t.visitorId),
    index('leads_site_phone').on(t.siteId, t.phone),
    // The reports by close (won revenue); speed pays reads by hand-raise through leads_workspace_hot.
    index('leads_workspace_closed').on(t.workspaceId, t.closedAt),
    // The funnel counted by the database (<dialect>/funnel-reads.ts): a range's report and stage facts read from this index alone
    // (not report_exits: its text has no bound, and PostgreSQL refuses an index row over ~2.7 kB).
    index('leads_workspace_report').on(
      t.workspaceId,
      t.capturedAt,
      t.reportSource,
      t.reportCampaign,
      t.reportMqlAt,
      t.reportSalAt,
      t.reportSqlAt,
      t.reportOpportunityAt,
      t.reportWonAt,
      t.contactAttempts,
      t.dealValue,
      t.reportVisitorSeenAt,
      t.siteId,
      t.visitorId,
    ),
    // The few leads whose facts are not stored yet: a report finds whether its range has any without reading the range.
    index('leads_report_missing')
      .on(t.workspaceId, t.capturedAt)
      .where(sql`report_touches is null or report_exits is null`),
  ],
);

/** Every stage transition, with time, actor and reason: the closed-loop history. */
export const stageChanges = sqliteTable(
  'stage_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    /** `system` or a user id. */
    actor: text('actor').notNull(),
    reason: text('reason'),
    at: integer('at').notNull(),
  },
  (t) => [
    index('stage_changes_lead').on(t.leadId),
    // The stages a lead reached, read from the index alone (speed pays, owned leads' SQL rate).
    index('stage_changes_lead_stage').on(t.leadId, t.toStage),
    // The reports read a range's stage changes by time (a lead changes only after its capture), with
    // what they need in the index: no lookup per lead.
    index('stage_changes_workspace_at').on(t.workspaceId, t.at, t.id, t.leadId, t.toStage, t.reason),
  ],
);

/** A reservation: one lead offered to one rep until it is accepted, declined or expires. */
export const offers = sqliteTable(
  'offers',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id),
    repId: text('rep_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: ['offered', 'accepted', 'declined', 'expired', 'taken'] }).notNull(),
    offeredAt: integer('offered_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    respondedAt: integer('responded_at'),
    reason: text('reason'),
    /** Escalation step that made it: owner, team, overflow, everyone. */
    step: text('step').notNull().default('team'),
    ruleId: text('rule_id'),
  },
  (t) => [
    index('offers_status_expires').on(t.status, t.expiresAt),
    index('offers_rep_status').on(t.repId, t.status),
    index('offers_lead').on(t.leadId),
    // The rep fairness report: a workspace's offers over a range.
    index('offers_workspace_offered').on(t.workspaceId, t.offeredAt),
    // A broadcast opens several offers for one lead, but never two for the same rep; exactly
    // one owner comes from the conditional accept, not from this index.
    uniqueIndex('offers_one_open_per_lead_rep')
      .on(t.leadId, t.repId)
      .where(sql`status = 'offered'`),
  ],
);

/** The lead's timeline and routing trail (offered to, skipped because, accepted by...). */
export const leadEvents = sqliteTable(
  'lead_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    /** JSON details for the routing trail (rule id, rep ids, skip reasons...), or null. */
    data: text('data'),
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

/** A group of reps with business hours: the target of routing rules. */
export const teams = sqliteTable(
  'teams',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    /** JSON Hours: time zone, weekly intervals, holidays. */
    hours: text('hours').notNull(),
    /** Weighted routing's virtual time (stride scheduling). */
    vtime: real('vtime').notNull().default(0),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('teams_workspace').on(t.workspaceId)],
);

export const teamMembers = sqliteTable(
  'team_members',
  {
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    repId: text('rep_id')
      .notNull()
      .references(() => users.id),
    workspaceId: text('workspace_id').notNull(),
    /** Share of leads under the weighted strategy. */
    weight: integer('weight').notNull().default(1),
    /** Weighted routing's pass for this member (stride scheduling). */
    pass: real('pass').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.repId] }), index('team_members_rep').on(t.repId)],
);

/** Ordered per site: conditions on the lead -> a team and a strategy, with escalation. */
export const routingRules = sqliteTable(
  'routing_rules',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    /** JSON Condition[]; empty = catch-all. */
    conditions: text('conditions').notNull(),
    teamId: text('team_id')
      .notNull()
      .references(() => teams.id),
    strategy: text('strategy', { enum: ['round_robin', 'weighted', 'account_owner', 'broadcast'] }).notNull(),
    overflowTeamId: text('overflow_team_id').references(() => teams.id),
    escalateToEveryone: integer('escalate_to_everyone', { mode: 'boolean' }).notNull().default(true),
    /** JSON RepRequirements. */
    requires: text('requires').notNull().default('{"skills":[],"languages":[],"territory":false}'),
    ownerWaitMs: integer('owner_wait_ms').notNull().default(15_000),
    /** Escalation ladder: this long after the hand-raise, offer every rep of the team at once (null = no such step). */
    teamAllAfterMs: integer('team_all_after_ms'),
    /** Escalation ladder: when nobody took the lead, alert the workspace's managers by push and email. */
    alertManagers: integer('alert_managers', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('routing_rules_site').on(t.siteId, t.position)],
);

/** Account ownership: leads from this email domain go to this rep first. */
export const accountOwners = sqliteTable(
  'account_owners',
  {
    workspaceId: text('workspace_id').notNull(),
    domain: text('domain').notNull(),
    repId: text('rep_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.domain] })],
);

/** The next call attempt a rep owes a lead (follow-up cadence), with its due time. */
export const followUps = sqliteTable(
  'follow_ups',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id),
    repId: text('rep_id')
      .notNull()
      .references(() => users.id),
    /** Which attempt this is (2 = the first follow-up after the first call). */
    attempt: integer('attempt').notNull(),
    dueAt: integer('due_at').notNull(),
    status: text('status', { enum: ['open', 'done', 'cancelled'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    closedAt: integer('closed_at'),
    /** When its "follow-up due" push was claimed (once across processes); null until it fell due. */
    noticeSentAt: integer('notice_sent_at'),
  },
  (t) => [
    index('follow_ups_rep').on(t.repId, t.status, t.dueAt),
    index('follow_ups_lead').on(t.leadId),
    // The sweep's read: open follow-ups due whose notice is not sent yet.
    index('follow_ups_due').on(t.status, t.dueAt),
  ],
);

/** Notes reps write on a lead. */
export const leadNotes = sqliteTable(
  'lead_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id),
    authorId: text('author_id').notNull(),
    text: text('text').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('lead_notes_lead').on(t.leadId, t.at)],
);

/** Missed SLAs with their cause, for reports; the event also goes to the outbox. */
export const slaBreaches = sqliteTable(
  'sla_breaches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    siteId: text('site_id').notNull(),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id),
    dueAt: integer('due_at').notNull(),
    cause: text('cause').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [uniqueIndex('sla_breaches_lead_due').on(t.leadId, t.dueAt), index('sla_breaches_workspace').on(t.workspaceId, t.at)],
);

/** Events for the outside world (webhooks, CRM), written in the transaction that caused them. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    /** e.g. `lead.sla_breached`. */
    topic: text('topic').notNull(),
    /** JSON payload. */
    payload: text('payload').notNull(),
    createdAt: integer('created_at').notNull(),
    deliveredAt: integer('delivered_at'),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [index('outbox_pending').on(t.deliveredAt, t.id)],
);

/**
 * A named lease so only one process of a cluster runs singleton work (webhook delivery,
 * retention): the holder renews it before `expiresAt`; anyone may take it once it has expired.
 */
export const leases = sqliteTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  /** Epoch ms. */
  expiresAt: integer('expires_at').notNull(),
});
