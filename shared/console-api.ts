// Request and response shapes of the console's calls (the rep workspace, the supervisor view and
// the admin pages), shared by the server that produces them and the console that reads them.
// Inferred from the zod schemas in ./schemas where one exists (z.input for what the console
// sends, since defaults fill in on the server; z.infer for what it reads back). The few answers
// no schema describes yet (reports, backtest, supervisor view) are written here once.
// Types only: the console imports this file with `import type`, so its bundle has no zod.
import type { z } from 'zod';
import type { deviceRequestSchema, deviceSavedSchema, devicesSchema, deviceViewSchema, pushKeySchema } from './schemas/push.schema';
import type { SiteRules } from './site-rules';
import type { Stage, UpcomingCallback } from './api';
import type {
  erasureSchema,
  inviteInfoSchema,
  inviteSchema,
  newPasswordSchema,
  noteSchema,
  oneTimeLinkSchema,
  outcomeSchema,
  repIdSchema,
  setupSchema,
  signInSchema,
} from './schemas/console.schema';
import type {
  accountOwnersViewSchema,
  erasureResultSchema,
  inviteRowSchema,
  repViewSchema,
  routingRuleViewSchema,
  rulesResponseSchema,
  teamViewSchema,
  userRowSchema,
} from './schemas/console-responses.schema';
import type { followUpTaskSchema, forcedOfferSchema, warmLeadRowSchema } from './schemas/lead-card.schema';
import type {
  accountOwnersSchema,
  conditionSchema,
  hoursIntervalSchema,
  hoursSchema,
  newSiteSchema,
  newTeamSchema,
  repSettingsSchema,
  routingRuleSchema,
  ruleOrderSchema,
  siteRoutingSchema,
  teamMembersSchema,
  teamSchema,
} from './schemas/routing-config.schema';
import type {
  appearanceSchema,
  appearanceSettingsSchema,
  consoleSiteSchema,
  keyRotationSchema,
  siteInstallSchema,
  siteUpdateSchema,
} from './schemas/site-admin.schema';
import type { siteSettingsSchema } from './schemas/site-rules.schema';
import type { createdWebhookSchema, deliverySchema, webhookRequestSchema, webhookViewSchema, webhookWithLogSchema } from './schemas/webhook.schema';
import type { FormFigures } from './schemas/forms.schema';
import type { apiKeyRequestSchema, apiKeyRowSchema, createdApiKeySchema, workspaceSettingsBodySchema, workspaceSettingsSchema } from './schemas/crm.schema';
export type { FormFigures };

export type { Topic } from './schemas/webhook.schema';

// --- Signing in and first-run setup

export type SignInBody = z.input<typeof signInSchema>;
export type SetupBody = z.input<typeof setupSchema>;
export type NewPasswordBody = z.input<typeof newPasswordSchema>;
/** `GET /v1/console/invites/:token`. */
export type InviteInfo = z.infer<typeof inviteInfoSchema>;
/** An invite or password-reset link: `emailed` when SMTP sent it (then only its owner has it), else `link` to copy once. */
export type OneTimeLink = z.infer<typeof oneTimeLinkSchema>;

// --- The rep workspace

/** `POST /v1/console/leads/:id/outcome`. */
export type OutcomeBody = z.input<typeof outcomeSchema>;
/** `POST /v1/console/leads/:id/notes`. */
export type NoteBody = z.input<typeof noteSchema>;
/** `GET /v1/console/follow-ups`. */
export type FollowUpTask = z.infer<typeof followUpTaskSchema>;
/** `GET /v1/console/leads/warm`: a warm MQL nobody works on yet. */
export type WarmLead = z.infer<typeof warmLeadRowSchema>;

/** Filter of `GET /v1/console/leads/mine`, as the console's controls hold it. */
export interface MyLeadsFilter {
  stage: Stage | '';
  due: boolean;
}

// --- The supervisor view

/** `POST /v1/console/leads/:id/reassign` and `/offer`. */
export type RepChoiceBody = z.input<typeof repIdSchema>;
/** `POST /v1/console/leads/:id/offer`: the offer made. */
export type ForcedOffer = z.infer<typeof forcedOfferSchema>;

/** `devices`: available on their devices (push), with or without a live tab. */
export type RepPresence = 'available' | 'devices' | 'busy' | 'away' | 'offline';

export interface SupervisorRep {
  repId: string;
  name: string;
  presence: RepPresence;
  openOffers: number;
  activeLeads: number;
}

export interface SupervisorOffer {
  offerId: string;
  leadId: string;
  leadName: string;
  repId: string;
  repName: string;
  offeredAt: number;
  expiresAt: number;
}

export interface WaitingLead {
  leadId: string;
  name: string;
  hotAt: number | null;
  queueReason: string | null;
}

export interface Breach {
  leadId: string;
  name: string;
  cause: string;
  at: number;
}

/** A lead a rep holds with no outcome logged yet: what a supervisor may reassign. */
export interface ActiveLead {
  leadId: string;
  name: string;
  ownerName: string;
  acceptedAt: number | null;
  stage: string;
}

/** `GET /v1/console/supervisor`. */
export interface SupervisorData {
  reps: SupervisorRep[];
  offers: SupervisorOffer[];
  waiting: WaitingLead[];
  /** Callbacks visitors booked, soonest first: offered at their time. */
  booked: UpcomingCallback[];
  breachesToday: Breach[];
  active: ActiveLead[];
}

// --- Users and invites

export type UserRow = z.infer<typeof userRowSchema>;
export type InviteRow = z.infer<typeof inviteRowSchema>;
export type InviteBody = z.input<typeof inviteSchema>;

// --- Sites, tracking settings and qualification rules

/** `GET /v1/console/sites`: one site as its admin page shows it. */
export type ConsoleSite = z.infer<typeof consoleSiteSchema>;
export type SiteInstall = z.infer<typeof siteInstallSchema>;
export type Appearance = z.infer<typeof appearanceSchema>;
export type AppearanceSettings = z.infer<typeof appearanceSettingsSchema>;
/** `PUT /v1/console/sites/:id`: what an admin edits about a site. */
export type SiteDetails = z.input<typeof siteUpdateSchema>;
/** `POST /v1/console/sites`. */
export type NewSite = z.input<typeof newSiteSchema>;
/** `POST /v1/console/sites/:id/rotate-key`: the new key; the old one works until `previousKeyValidUntil`. */
export type KeyRotation = z.infer<typeof keyRotationSchema>;
export type SiteSettings = z.infer<typeof siteSettingsSchema>;

/** `GET /v1/sites/:siteId/rules`: the published rules and every version. */
export type RulesResponse = z.infer<typeof rulesResponseSchema>;
export type RulesVersionRow = RulesResponse['versions'][number];

export interface BacktestCounts {
  subjects: number;
  leads: number;
  mql: number;
  hot: number;
  disqualified: number;
}

/** What the rules decide about one person, from least to most consequential. */
export type BacktestOutcome = 'visitor' | 'lead' | 'mql' | 'hot' | 'disqualified' | 'suspect';

/** What one rules version decides about the stored submissions of the site's own forms. */
export interface FormBacktestCounts {
  /** Stored mapped submissions. */
  submissions: number;
  /** Of those, the ones this version's mappings read (a form it does not map is not read). */
  read: number;
  mql: number;
  hot: number;
  disqualified: number;
  /** Hot and on a form set to offer it to a rep now. */
  offered: number;
  /** Hot and on a form set to let the visitor book a slot. */
  booking: number;
}

/** The backtest over the site's stored form submissions: in total and per form. */
export interface FormsBacktest {
  current: FormBacktestCounts;
  draft: FormBacktestCounts;
  byForm: Array<{ formKey: string; current: FormBacktestCounts; draft: FormBacktestCounts }>;
}

/** `POST /v1/sites/:siteId/rules/backtest`: how a draft would change decisions over the history. */
export interface BacktestResult {
  current: BacktestCounts;
  draft: BacktestCounts;
  /** People whose decision would change, most consequential first. */
  flips: Array<{ kind: 'lead' | 'visitor'; id: string; name: string | null; from: BacktestOutcome; to: BacktestOutcome; scoreFrom: number; scoreTo: number }>;
  /** The site's stored form submissions, re-decided with the live rules and with the draft. */
  forms: FormsBacktest;
}

/** Body of saving a draft or backtesting it. */
export type RulesBody = SiteRules;

// --- Routing: teams, reps, rules, account owners, site routing

export type Hours = z.infer<typeof hoursSchema>;
export type HoursInterval = z.infer<typeof hoursIntervalSchema>;
export type Condition = z.infer<typeof conditionSchema>;
/** A routing rule with the server's defaults filled in. */
export type RoutingRule = z.infer<typeof routingRuleSchema>;
export type Strategy = RoutingRule['strategy'];
/** A routing rule as the console sends it (the server fills defaults and numbers positions). */
export type RuleBody = z.input<typeof routingRuleSchema>;
/** `PUT /v1/console/sites/:siteId/routing-rules/order`. */
export type RuleOrderBody = z.input<typeof ruleOrderSchema>;
/** `GET /v1/console/sites/:siteId/routing-rules`: each rule with why it can never match, or null. */
export type RoutingRuleView = z.infer<typeof routingRuleViewSchema>;
export type Unreachable = NonNullable<RoutingRuleView['unreachable']>;
export type TeamView = z.infer<typeof teamViewSchema>;
export type TeamBody = z.input<typeof teamSchema>;
export type NewTeamBody = z.input<typeof newTeamSchema>;
export type TeamMembersBody = z.input<typeof teamMembersSchema>;
/** `GET /v1/console/reps`: a user's routing settings and the teams they are in. */
export type RepRow = z.infer<typeof repViewSchema>;
/** `PUT /v1/console/reps/:id`: any of the routing settings. */
export type RepSettingsBody = z.input<typeof repSettingsSchema>;
/** `GET/PUT /v1/console/account-owners`. */
export type AccountOwnersView = z.infer<typeof accountOwnersViewSchema>;
export type AccountOwner = AccountOwnersView['owners'][number];
export type AccountOwnersBody = z.input<typeof accountOwnersSchema>;
/** `GET/PUT /v1/console/sites/:siteId/routing`. */
export type SiteRouting = z.infer<typeof siteRoutingSchema>;

// --- Reports

/** Query of the reports and the exports: ISO date-times. */
export interface ReportRange {
  from: string;
  to: string;
}

export interface Distribution {
  /** Hand-raised leads in the range (the denominator of the shares). */
  leads: number;
  /** Of those, how many reached this step at all. */
  reached: number;
  medianMs: number | null;
  p90Ms: number | null;
  within60s: number | null;
  within5m: number | null;
}

export interface SpeedReport {
  toAccept: Distribution;
  toFirstCall: Distribution;
  /** Browser calls (issue 23): of the hand-raises that asked to talk in the browser, to voice connected. */
  toVoice: Distribution;
  byRep: Array<{ name: string; toAccept: Distribution; toFirstCall: Distribution }>;
  byTeam: Array<{ name: string; toAccept: Distribution; toFirstCall: Distribution }>;
  breaches: { total: number; byCause: Array<{ cause: string; count: number }> };
}

export type FunnelStep = 'visitors' | 'leads' | 'mql' | 'sal' | 'sql' | 'opportunity' | 'won';

export interface FunnelReport {
  steps: Array<{ step: FunnelStep; count: number; conversionFromPrevious: number | null; medianMsFromPrevious: number | null }>;
  nurtureReasons: Array<{ reason: string; count: number }>;
  disqualifyReasons: Array<{ reason: string; count: number }>;
  /** Why deals were lost (the reason each close as lost gave). */
  lostReasons: Array<{ reason: string; count: number }>;
  /** Value of the deals won, in the workspace's currency (ReportResponse.currency). */
  revenue: number;
  sources: Array<{ source: string; leads: number; mql: number; sql: number }>;
  campaigns: Array<{ campaign: string; leads: number; mql: number; sql: number }>;
  followUps: { leadsWorked: number; meanAttempts: number | null };
}

/** `GET /v1/console/reports`: epoch ms bounds and both reports. */
export interface ReportResponse {
  from: number;
  to: number;
  speed: SpeedReport;
  funnel: FunnelReport;
  /** Each site form's submissions in the range and the leads they made or joined (busiest first). */
  forms: FormFigures[];
  /** Meetings visitors booked whose time falls in the range, and how they went. */
  meetings: MeetingFigures;
  /** The workspace's currency (ISO 4217): what deal values and revenue are counted in. */
  currency: string;
}

/** Booked meetings by how they went (server/booking/meeting-figures.core.ts). */
export interface MeetingFigures {
  /** Meetings whose (latest) time falls in the range. */
  booked: number;
  /** Of those, moved at least once by the visitor. */
  moved: number;
  cancelled: number;
  /** The rep reached the visitor at or after the meeting's time. */
  held: number;
  /** The rep logged no answer, voicemail or a wrong number at or after its time. */
  noShow: number;
  /** Its time passed with no call logged yet. */
  notLogged: number;
  /** Still to come. */
  upcoming: number;
}

// --- Speed pays, and fairness among reps (issue 21)

/** Hand-raise to first call attempt, in the buckets the speed-to-lead studies use; `never`: no call attempt yet. */
export type CallBucket = 'under_1m' | '1_5m' | '5_30m' | '30m_24h' | 'later' | 'never';

/** `GET /v1/console/reports/speed-pays`: conversion of the range's hand-raises by how soon they were first called. */
export interface SpeedPaysReport {
  from: number;
  to: number;
  /** Hand-raised leads in the range (every one is in exactly one bucket). */
  leads: number;
  buckets: Array<{
    bucket: CallBucket;
    /** Leads in the bucket: the denominator of both rates, shown so small samples are visible. */
    leads: number;
    /** Of those, reached SQL (or a later stage); and closed won. */
    sql: number;
    won: number;
    sqlRate: number | null;
    wonRate: number | null;
  }>;
  /**
   * The workspace's own "21x": the fastest called bucket with leads against the slowest, for SQL
   * and for won; `ratio` is null when the slow bucket converted none (no finite ratio).
   */
  lift: {
    fast: CallBucket;
    slow: CallBucket;
    sql: { fastRate: number; slowRate: number; ratio: number | null };
    won: { fastRate: number; slowRate: number; ratio: number | null };
  } | null;
}

/** What one rep (or a team, over its members) did with offers and leads in a range. */
export interface RepFigures {
  /** Offers made in the range, by how they ended (`open`: still offered; `taken`: another rep accepted first). */
  offers: { received: number; accepted: number; declined: number; expired: number; taken: number; open: number };
  /** Declined offers by the reason the rep gave (`(no reason given)` when none), most first. */
  declineReasons: Array<{ reason: string; count: number }>;
  /** Offer to accept, over the accepted offers. */
  medianMsToAccept: number | null;
  /** Leads captured in the range the rep owns, and of those reached SQL (or later). */
  leadsOwned: number;
  sqlLeads: number;
  sqlRate: number | null;
  /** Deals the rep owns that closed won in the range, and their value (workspace currency). */
  wonDeals: number;
  wonRevenue: number;
}

/** `GET /v1/console/reports/reps`. */
export interface RepsReport {
  from: number;
  to: number;
  /** ISO 4217 code of every deal value (the workspace's currency). */
  currency: string;
  reps: Array<RepFigures & { repId: string; name: string }>;
  teams: Array<
    RepFigures & {
      teamId: string;
      name: string;
      /** Offers the team's own rotation made (one rep picked by round robin or weight, as team or overflow step). */
      rotationOffers: number;
      /** The strategies of the routing rules behind those offers. */
      strategies: string[];
      members: Array<{
        repId: string;
        name: string;
        /** Configured weight; null for a rep no longer in the team who got its offers in the range. */
        weight: number | null;
        /** Share of the rotation's offers its strategies would give (weight / sum under weighted, equal under round robin); null without rotation offers or for a former member. */
        expectedShare: number | null;
        rotationOffers: number;
        share: number | null;
      }>;
    }
  >;
}

// --- Webhooks and erasure

export type WebhookBody = z.input<typeof webhookRequestSchema>;
/** A webhook as the list shows it: its signing secret masked. */
export type WebhookView = z.infer<typeof webhookViewSchema>;
/** The answer to creating a webhook: the one time its whole secret is shown. */
export type NewWebhook = z.infer<typeof createdWebhookSchema>;
export type Delivery = z.infer<typeof deliverySchema>;
/** `GET /v1/console/webhooks`: each webhook (its secret masked) with its latest deliveries. */
export type WebhookWithLog = z.infer<typeof webhookWithLogSchema>;
export type ErasureBody = z.input<typeof erasureSchema>;
/** `POST /v1/console/erasures`: rows removed per table. */
export type ErasureResult = z.infer<typeof erasureResultSchema>;

// --- The rep's own calendar

/** `POST /v1/console/calendar/discover`. */
export type CalendarLoginBody = z.input<typeof import('./schemas/calendar.schema').calendarLoginSchema>;
/** `PUT /v1/console/calendar`. */
export type CalendarConnectBody = z.input<typeof import('./schemas/calendar.schema').calendarConnectSchema>;
export type DiscoveredCalendars = z.infer<typeof import('./schemas/calendar.schema').discoveredCalendarsSchema>;
export type CalendarView = z.infer<typeof import('./schemas/calendar.schema').calendarViewSchema>;
/** `GET /v1/console/calendar`. */
export type MyCalendar = z.infer<typeof import('./schemas/calendar.schema').myCalendarSchema>;

// --- Workspace settings and API keys (admin)

/** `GET /v1/console/workspace`. */
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;
/** `PUT /v1/console/workspace`. */
export type WorkspaceSettingsBody = z.input<typeof workspaceSettingsBodySchema>;
/** `GET /v1/console/api-keys`: one key, never its secret. */
export type ApiKeyRow = z.infer<typeof apiKeyRowSchema>;
/** `POST /v1/console/api-keys`. */
export type ApiKeyBody = z.input<typeof apiKeyRequestSchema>;
/** The created key, with its secret shown this once. */
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

/** How a lead's credit is split over its touches (server/reports/attribution.core.ts). */
export type AttributionModel = 'first' | 'last' | 'linear';
/** What the attribution table groups touches by. */
export type AttributionBy = 'channel' | 'source' | 'campaign';

/** Counts one group (or cohort) earned; fractional under the linear model. */
export interface AttributionFigures {
  leads: number;
  mql: number;
  sql: number;
  opportunities: number;
  won: number;
  /** Won deals' value in the workspace's currency. */
  revenue: number;
}

/** `GET /v1/console/reports/attribution`: leads captured in [from, to) credited to their touches. */
export interface AttributionReport extends AttributionFigures {
  from: number;
  to: number;
  model: AttributionModel;
  by: AttributionBy;
  /** ISO 4217 code of the workspace's currency. */
  currency: string;
  /** One row per channel, source or campaign, most leads first; `key` is what the CSV and links use. */
  groups: Array<{ key: string; label: string } & AttributionFigures>;
  /** Leads by the week (Monday, UTC) of their first touch, oldest first, and how far they got (whole counts). */
  cohorts: Array<{ week: string } & AttributionFigures>;
}

/** Alerts on this device (issue 22): the rep's devices, one saved, the VAPID key to subscribe with. */
export type DeviceView = z.infer<typeof deviceViewSchema>;
export type DeviceList = z.infer<typeof devicesSchema>;
export type DeviceSaved = z.infer<typeof deviceSavedSchema>;
export type DeviceBody = z.input<typeof deviceRequestSchema>;
export type PushKey = z.infer<typeof pushKeySchema>;
