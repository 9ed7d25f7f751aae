// Every route of the HTTP API, as clients call it: what it does, who may call it, what it takes
// and what it answers. The OpenAPI document (`GET /v1/openapi.json`) and the request and response
// sections of docs/api.md are generated from this table and the schemas it names; a test checks
// that it lists exactly the routes server/app.ts mounts.
import type { UserRole } from '../../shared/api';
import type { BodyName, QueryName } from './api-schemas';

/**
 * Who may call a route:
 * - `public`: anyone.
 * - `site`: the widget on a customer's page: a site key, from one of the site's allowed origins.
 * - `visitor`: the visitor who asked for a callback: the visitor token their request answered.
 * - `link`: whoever holds a one-time link (the token in the path).
 * - `session`: a signed-in console user (session cookie); writes only from the console's own origin.
 */
export type Auth = 'public' | 'site' | 'visitor' | 'link' | 'session';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ApiRoute {
  method: Method;
  /** As mounted in Hono (`:param`). */
  path: string;
  /** One line: what it does. */
  summary: string;
  /** More, when a line is not enough (rules a schema cannot express, side effects). */
  description?: string;
  auth: Auth;
  /** For `session`: the roles allowed; every signed-in user when absent. */
  roles?: readonly UserRole[];
  query?: QueryName;
  body?: BodyName;
  /** The success answer: its status, and its body's schema (none for 204 or a non-JSON body). */
  answer: { status: 200 | 201 | 204; body?: BodyName; contentType?: string; description?: string };
  /** Error statuses besides the success one, each with the one error shape (`ApiError`). */
  errors: readonly number[];
}

const MANAGERS = ['admin', 'manager'] as const;
const ADMINS = ['admin'] as const;

/** A body past `SIXTY_MAX_BODY` is refused whole. */
const BODY = [400, 413] as const;
/** Signed in; writes from another origin are refused. */
const SESSION = [401, 403] as const;

/** A manager's report over a date range (`ReportRange`), answered whole with one content type. */
function rangeReport(path: string, contentType: string, summary: string, description: string): ApiRoute {
  return {
    method: 'GET',
    path,
    summary,
    auth: 'session',
    roles: MANAGERS,
    query: 'ReportRange',
    answer: { status: 200, contentType, description },
    errors: [400, ...SESSION],
  };
}

export const API_ROUTES: readonly ApiRoute[] = [
  // Public: the widget and anyone
  {
    method: 'GET',
    path: '/healthz',
    summary: 'Liveness and database check',
    auth: 'public',
    answer: { status: 200, body: 'Health', description: '503 with `{ "ok": false }` when the database does not answer' },
    errors: [],
  },
  {
    method: 'GET',
    path: '/v1/openapi.json',
    summary: 'This API as an OpenAPI 3.1 document',
    auth: 'public',
    answer: { status: 200, contentType: 'application/json', description: 'The OpenAPI document' },
    errors: [],
  },
  {
    method: 'GET',
    path: '/v1/sites/:siteKey/config',
    summary: "The widget's public configuration",
    description: 'Questions carry their options, never which answers disqualify. Cached 5 seconds.',
    auth: 'site',
    answer: { status: 200, body: 'SiteConfig' },
    errors: [403, 404, 429],
  },
  {
    method: 'POST',
    path: '/v1/callbacks',
    summary: 'A visitor asks to be called now',
    description:
      "Phones are read in the site's `phoneRegion` when they have no country code and stored as E.164. Every must-have question of the site's published rules must be answered, a `single` one with one of its options (`answers.<id>`). Committed (lead, qualification, stage change, first offer) before the answer.",
    auth: 'site',
    query: 'CallbackQuery',
    body: 'CallbackRequest',
    answer: {
      status: 201,
      body: 'CallbackResponse',
      description: '200 with the same lead when replayed with the same idempotency key, or joined to an open request from the same phone or email',
    },
    errors: [...BODY, 403, 409, 429],
  },
  {
    method: 'POST',
    path: '/v1/callbacks/:leadId/slot',
    summary: 'Book a meeting at one of the offered times',
    description:
      "Only a time in the `no_rep` status's `slots` is accepted (400 naming `slot` otherwise). The meeting is booked with the first rep free for it (the lead's owner first, then routing order), whose calendar is read once more right before the commit; two visitors never get one rep's same time. A time taken meanwhile (another visitor, or the rep's calendar) answers 409 `slot_taken` with the fresh `slots` (`SlotTaken`); 409 `not_waiting` when the request is already handled. Then the event is written into the rep's calendar and iTIP invites (`METHOD:REQUEST`, inline and as an `.ics` attachment) are mailed to the visitor (when they gave an email) and the rep. At most 20 tries a minute per request (429 with Retry-After).",
    auth: 'visitor',
    body: 'SlotChoice',
    answer: { status: 200, body: 'SlotResponse' },
    errors: [...BODY, 403, 404, 409, 429],
  },
  {
    method: 'GET',
    path: '/v1/callbacks/:leadId/meeting.ics',
    summary: "The visitor's booked meeting as an iCalendar file, to add to their own calendar",
    description: 'The visitor token goes in the `token` query parameter (a download link). 404 when no meeting is booked.',
    auth: 'visitor',
    answer: { status: 200, contentType: 'text/calendar' },
    errors: [403, 404],
  },
  {
    method: 'POST',
    path: '/v1/events',
    summary: 'A batch of behaviour events',
    description: 'Refused whole (400 with fields) or kept whole, minus what the bot filter drops. With `Sec-GPC: 1` or `DNT: 1` nothing is kept.',
    auth: 'site',
    body: 'EventBatch',
    answer: { status: 200, body: 'EventsResponse' },
    errors: [...BODY, 403, 429],
  },
  {
    method: 'POST',
    path: '/v1/forms/seen',
    summary: "The widget saw the site's own form submitted: its shape, never its values",
    description:
      'Keeps the latest shape of the form (page, key, name, fields with names, labels, types, autocomplete tokens and options) and counts the submission; Sites → Forms lists it. With `Sec-GPC: 1` or `DNT: 1`, or from a bot, nothing is kept (`recorded: false`).',
    auth: 'site',
    body: 'FormSeen',
    answer: { status: 200, body: 'FormSeenResponse' },
    errors: [...BODY, 403, 429],
  },
  {
    method: 'POST',
    path: '/v1/forms/submissions',
    summary: "A submission of one of the site's mapped forms becomes a lead",
    description:
      "`fields` holds only the fields the form's mapping reads (the site config's `forms[].read`), as typed. The server maps them to contact details and answers (options, rules) and stores only those; the raw values are never stored. Then it is captured exactly as a callback request is (limits, per-phone cap, duplicate join, bot checks, qualification, routing); a form set to `record` is never offered; on a form set to `book`, a hot lead is offered to nobody and its status is `no_rep` with `why: book` and the times to book (`POST /v1/callbacks/:leadId/slot`). Read with the published rules' mapping only. 400 naming `phone` when neither the form nor `phone` gave a valid phone number: the widget's panel then asks the visitor for it and resends the same submission with `phone`. With `test` (the marketer's \"Test this form\" token), nothing is stored, routed, counted or sent: the answer is 202 `{ \"test\": true }` and the result shows in the console (400 naming `test` when the token is forged, expired or for another form).",
    auth: 'site',
    query: 'CallbackQuery',
    body: 'FormSubmission',
    answer: {
      status: 201,
      body: 'CallbackResponse',
      description: '200 with the same lead when replayed with the same idempotency key, or joined to an open request from the same person',
    },
    errors: [...BODY, 403, 404, 409, 429],
  },

  // Signing in, first-run setup, one-time links
  {
    method: 'GET',
    path: '/v1/console/setup',
    summary: 'Whether the install still needs its first admin',
    auth: 'public',
    answer: { status: 200, body: 'SetupStatus' },
    errors: [],
  },
  {
    method: 'POST',
    path: '/v1/console/setup',
    summary: 'Create the workspace and its first admin, and sign in',
    description: 'Only on an install without users, with the setup token `npm start` printed.',
    auth: 'public',
    body: 'Setup',
    answer: { status: 201, body: 'Me' },
    errors: [...BODY, 403, 409],
  },
  {
    method: 'POST',
    path: '/v1/console/session',
    summary: 'Sign in (sets the HttpOnly session cookie)',
    auth: 'public',
    body: 'SignIn',
    answer: { status: 200, body: 'Me' },
    errors: [...BODY, 401, 403, 429],
  },
  {
    method: 'DELETE',
    path: '/v1/console/session',
    summary: "Sign out; ends this session's live connections",
    auth: 'session',
    answer: { status: 204 },
    errors: SESSION,
  },
  { method: 'GET', path: '/v1/console/me', summary: 'Who is signed in', auth: 'session', answer: { status: 200, body: 'Me' }, errors: SESSION },
  {
    method: 'GET',
    path: '/v1/console/invites/:token',
    summary: 'Who an invite link is for',
    auth: 'link',
    answer: { status: 200, body: 'InviteInfo' },
    errors: [404],
  },
  {
    method: 'POST',
    path: '/v1/console/invites/:token/accept',
    summary: 'Accept an invite with a password',
    auth: 'link',
    body: 'NewPassword',
    answer: { status: 201, body: 'Ok' },
    errors: [...BODY, 403, 404],
  },
  {
    method: 'POST',
    path: '/v1/console/password-resets/:token',
    summary: "Set a new password with a reset link; ends the user's live connections",
    auth: 'link',
    body: 'NewPassword',
    answer: { status: 200, body: 'Ok' },
    errors: [...BODY, 403, 404],
  },

  // The rep workspace
  {
    method: 'GET',
    path: '/v1/console/leads/mine',
    summary: "The signed-in rep's leads",
    auth: 'session',
    query: 'MyLeadsQuery',
    answer: { status: 200, body: 'MyLeads' },
    errors: [400, ...SESSION],
  },
  {
    method: 'GET',
    path: '/v1/console/leads/warm',
    summary: "The team's warm MQLs nobody works on, oldest first",
    auth: 'session',
    answer: { status: 200, body: 'WarmLeads' },
    errors: SESSION,
  },
  {
    method: 'GET',
    path: '/v1/console/leads/:id',
    summary: 'The lead card',
    auth: 'session',
    answer: { status: 200, body: 'LeadCard' },
    errors: [...SESSION, 404],
  },
  {
    method: 'POST',
    path: '/v1/console/leads/:id/claim',
    summary: 'Take a warm MQL',
    auth: 'session',
    answer: { status: 200, body: 'LeadCard' },
    errors: [...SESSION, 404, 409],
  },
  {
    method: 'POST',
    path: '/v1/console/leads/:id/call',
    summary: 'Record the first call attempt',
    auth: 'session',
    answer: { status: 200, body: 'LeadCard' },
    errors: [...SESSION, 404],
  },
  {
    method: 'POST',
    path: '/v1/console/leads/:id/outcome',
    summary: "Log a call's outcome (the lead's owner)",
    description:
      "`nurture`, `disqualified` and `suspect` need a `reason`; `sql` needs `qualification` (the four questions). `no_answer` and `voicemail` schedule the next attempt per the site's follow-up cadence; after the last, the lead goes back to nurture. A call result and a decision go in one save with `call`. A move the stage machine forbids answers 409 `stage_rule` naming the rule; a call result on a lead that left the cadence answers 409 `left_cadence`.",
    auth: 'session',
    body: 'Outcome',
    answer: { status: 200, body: 'LeadCard' },
    errors: [...BODY, ...SESSION, 404, 409],
  },
  {
    method: 'POST',
    path: '/v1/console/leads/:id/notes',
    summary: 'Add a note to the lead',
    auth: 'session',
    body: 'Note',
    answer: { status: 200, body: 'LeadCard' },
    errors: [...BODY, ...SESSION, 404],
  },
  {
    method: 'POST',
    path: '/v1/console/leads/:id/reassign',
    summary: 'Move an owned lead (and its follow-ups) to another rep',
    auth: 'session',
    roles: MANAGERS,
    body: 'RepChoice',
    answer: { status: 200, body: 'LeadCard' },
    errors: [...BODY, ...SESSION, 404, 409],
  },
  {
    method: 'POST',
    path: '/v1/console/leads/:id/offer',
    summary: 'Offer a lead nobody owns to one rep now, outside the rules',
    auth: 'session',
    roles: MANAGERS,
    body: 'RepChoice',
    answer: { status: 201, body: 'ForcedOffer' },
    errors: [...BODY, ...SESSION, 404, 409],
  },
  {
    method: 'GET',
    path: '/v1/console/upcoming',
    summary: "Callbacks visitors booked that the signed-in user's teams will be offered, soonest first",
    auth: 'session',
    answer: { status: 200, body: 'Upcoming' },
    errors: SESSION,
  },
  {
    method: 'GET',
    path: '/v1/console/follow-ups',
    summary: "The signed-in rep's open follow-up attempts, soonest first",
    auth: 'session',
    answer: { status: 200, body: 'FollowUps' },
    errors: SESSION,
  },
  {
    method: 'GET',
    path: '/v1/console/supervisor',
    summary: "Reps and their state, open offers with timers, the waiting queue, booked callbacks, today's SLA breaches",
    auth: 'session',
    roles: MANAGERS,
    answer: {
      status: 200,
      contentType: 'application/json',
      description: 'Not yet described by a schema: see `SupervisorView` in server/console/workspace-store.ts',
    },
    errors: SESSION,
  },

  // Users
  {
    method: 'GET',
    path: '/v1/console/users',
    summary: 'Users of the workspace',
    auth: 'session',
    roles: ADMINS,
    answer: { status: 200, body: 'Users' },
    errors: SESSION,
  },
  {
    method: 'POST',
    path: '/v1/console/users/invites',
    summary: 'Invite someone: a one-time link (mailed when SMTP is set)',
    auth: 'session',
    roles: ADMINS,
    body: 'Invite',
    answer: { status: 201, body: 'OneTimeLink' },
    errors: [...BODY, ...SESSION, 409],
  },
  {
    method: 'GET',
    path: '/v1/console/users/invites',
    summary: 'Pending invites',
    auth: 'session',
    roles: ADMINS,
    answer: { status: 200, body: 'Invites' },
    errors: SESSION,
  },
  {
    method: 'DELETE',
    path: '/v1/console/users/invites/:id',
    summary: 'Revoke a pending invite (its link stops working at once)',
    auth: 'session',
    roles: ADMINS,
    answer: { status: 204 },
    errors: [...SESSION, 404],
  },
  {
    method: 'POST',
    path: '/v1/console/users/:id/password-reset',
    summary: 'A one-time password-reset link for a user',
    auth: 'session',
    roles: ADMINS,
    answer: { status: 201, body: 'OneTimeLink' },
    errors: [...SESSION, 404],
  },
  {
    method: 'POST',
    path: '/v1/console/users/:id/deactivate',
    summary: 'Deactivate a user: their sessions and live connections end at once',
    auth: 'session',
    roles: ADMINS,
    answer: { status: 204 },
    errors: [400, ...SESSION, 404],
  },

  // Sites, tracking and rules
  {
    method: 'GET',
    path: '/v1/console/sites',
    summary: 'Sites with their snippet, install check and appearance',
    auth: 'session',
    roles: MANAGERS,
    answer: { status: 200, body: 'ConsoleSites' },
    errors: SESSION,
  },
  {
    method: 'POST',
    path: '/v1/console/sites',
    summary: 'Add a site (default must-haves, a catch-all rule to the first team)',
    auth: 'session',
    roles: MANAGERS,
    body: 'NewSite',
    answer: { status: 201, body: 'ConsoleSite' },
    errors: [...BODY, ...SESSION],
  },
  {
    method: 'PUT',
    path: '/v1/console/sites/:siteId',
    summary: "Edit a site's details",
    auth: 'session',
    roles: MANAGERS,
    body: 'SiteUpdate',
    answer: { status: 200, body: 'SiteUpdate' },
    errors: [...BODY, ...SESSION, 404],
  },
  {
    method: 'POST',
    path: '/v1/console/sites/:siteId/rotate-key',
    summary: 'A new site key; the old one keeps working 7 days',
    auth: 'session',
    roles: MANAGERS,
    answer: { status: 200, body: 'KeyRotation' },
    errors: [...SESSION, 404],
  },
  {
    method: 'PUT',
    path: '/v1/console/sites/:siteId/appearance',
    summary: "The widget's look on this site",
    auth: 'session',
    roles: MANAGERS,
    body: 'Appearance',
    answer: { status: 200, body: 'Appearance' },
    errors: [...BODY, ...SESSION, 404],
  },
  {
    method: 'GET',
    path: '/v1/sites/:siteId/settings',
    summary: 'Tracking settings and protections of a site',
    auth: 'session',
    roles: MANAGERS,
    answer: { status: 200, body: 'SiteSettings' },
    errors: [...SESSION, 404],
  },
  {
    method: 'PUT',
    path: '/v1/sites/:siteId/settings',
    summary: 'Change tracking settings and protections',
    auth: 'session',
    roles: MANAGERS,
    body: 'SiteSettings',
    answer: { status: 200, body: 'SiteSettings' },
    errors: [...BODY, ...SESSION, 404],
  },
  {
    method: 'GET',
    path: '/v1/sites/:siteId/rules',
    summary: 'The published rules and every version',
    auth: 'session',
    roles: MANAGERS,
    answer: { status: 200, body: 'RulesVersions' },
    errors: [...SESSION, 404],
  },
  {
    method: 'POST',
    path: '/v1/sites/:siteId/rules',
    summary: 'Save a draft of the rules',
    description:
      "The draft's own `version` is ignored: the server numbers versions. `hotThreshold` must be at least `mqlThreshold`; question and behaviour rule ids must be unique.",
    auth: 'session',
    roles: MANAGERS,
    body: 'SiteRules',
    answer: { status: 201, body: 'SavedDraft' },
    errors: [...BODY, ...SESSION, 404],
  },
  {
    method: 'POST',
    path: '/v1/sites/:siteId/rules/backtest',
    summary: 'How a draft would move the counts over the stored history, and who would flip',
    description:
      "Changes nothing. `forms` re-decides the site's stored form submissions (from the answers each gave, with each version's form mappings): in total and per form, how many are read, MQL, hot, disqualified, offered to a rep now and asked to book a slot, live versus draft.",
    auth: 'session',
    roles: MANAGERS,
    body: 'SiteRules',
    answer: {
      status: 200,
      contentType: 'application/json',
      description: 'Not yet described by a schema: see `BacktestResult` in shared/console-api.ts',
    },
    errors: [...BODY, ...SESSION, 404],
  },
  {
    method: 'POST',
    path: '/v1/sites/:siteId/rules/:version/publish',
    summary: 'Publish a version (an older one is a rollback)',
    auth: 'session',
    roles: MANAGERS,
    answer: { status: 200, body: 'Published' },
    errors: [...SESSION, 404],
  },

  // The site's own forms
  {
    method: 'GET',
    path: '/v1/console/sites/:siteId/forms',
    summary: 'The forms seen submitted on a site, each with its live mapping, the one in the pending rules draft and Sixty’s suggested one',
    auth: 'session',
    roles: MANAGERS,
    answer: { status: 200, body: 'SiteForms' },
    errors: [...SESSION, 404],
  },
  {
    method: 'PUT',
    path: '/v1/console/sites/:siteId/forms/:formKey/mapping',
    summary: "Confirm or correct a form's mapping",
    description:
      'Every field named must be one the form has, every question one of the site’s (of the pending draft, else the live rules), every answer one of that question’s options, and each question answered by one field at most (400 naming `fields.<name>`). The mapping is part of the site’s rules: it is saved as a new rules draft (built on the newest draft when one is pending, else on the live version; the answer’s `draft.version`) and read on submissions once that version is published (`POST /v1/sites/:siteId/rules/:version/publish`).',
    auth: 'session',
    roles: MANAGERS,
    body: 'FormMapping',
    answer: { status: 200, body: 'SeenForm' },
    errors: [...BODY, ...SESSION, 404],
  },
  {
    method: 'POST',
    path: '/v1/console/sites/:siteId/forms/:formKey/tests',
    summary: 'Start a test of a mapped form (“Test this form”)',
    description:
      'Answers the form’s page with a `#sixty-test=` marker holding a signed token that works for 30 minutes. A submission of the form from that page (and the rest of that browser tab) is read, qualified and given the routing decision it would get, with the same functions as a visitor’s, but never stored as a lead, offered, counted or sent to webhooks; its result is read with the GET below. 409 when the form is not mapped yet.',
    auth: 'session',
    roles: MANAGERS,
    answer: { status: 201, body: 'FormTest' },
    errors: [...SESSION, 404, 409],
  },
  {
    method: 'GET',
    path: '/v1/console/sites/:siteId/forms/:formKey/tests/:testId',
    summary: 'A form test and its latest submission’s result (null until one arrives)',
    description:
      'The console polls it while the test runs. 404 once the test expired (or on another process of a cluster: results are held in the process that received the test submission).',
    auth: 'session',
    roles: MANAGERS,
    answer: { status: 200, body: 'FormTest' },
    errors: [...SESSION, 404],
  },

  // Routing
  {
    method: 'GET',
    path: '/v1/console/sites/:siteId/routing',
    summary: "A site's offer timeout, SLA, missed offers before away and follow-up cadence",
    auth: 'session',
    roles: MANAGERS,
    answer: { status: 200, body: 'SiteRouting' },
    errors: [...SESSION, 404],
  },
  {
    method: 'PUT',
    path: '/v1/console/sites/:siteId/routing',
    summary: "Change a site's routing settings",
    auth: 'session',
    roles: MANAGERS,
    body: 'SiteRouting',
    answer: { status: 200, body: 'SiteRouting' },
    errors: [...BODY, ...SESSION, 404],
  },
  {
    method: 'GET',
    path: '/v1/console/feed',
    summary: "Whether the signed-in rep's private calendar feed of their meetings is on",
    auth: 'session',
    answer: { status: 200, body: 'FeedStatus' },
    errors: SESSION,
  },
  {
    method: 'POST',
    path: '/v1/console/feed',
    summary: "Make (or remake) the rep's calendar feed URL",
    description: 'The URL (`/feeds/<token>.ics`) is answered this once: only a hash of its token is kept. A previous URL stops working at once (404).',
    auth: 'session',
    answer: { status: 201, body: 'FeedCreated' },
    errors: SESSION,
  },
  {
    method: 'DELETE',
    path: '/v1/console/feed',
    summary: "Turn the rep's calendar feed off: its URL answers 404 from now on",
    auth: 'session',
    answer: { status: 204 },
    errors: SESSION,
  },
  {
    method: 'GET',
    path: '/v1/console/sites/:siteId/booking',
    summary: "A site's meeting settings: meeting length, minimum notice, buffer (minutes)",
    auth: 'session',
    roles: MANAGERS,
    answer: { status: 200, body: 'BookingSettings' },
    errors: [...SESSION, 404],
  },
  {
    method: 'PUT',
    path: '/v1/console/sites/:siteId/booking',
    summary: "Change a site's meeting settings",
    auth: 'session',
    roles: MANAGERS,
    body: 'BookingSettings',
    answer: { status: 200, body: 'BookingSettings' },
    errors: [...BODY, ...SESSION, 404],
  },
  {
    method: 'GET',
    path: '/v1/console/sites/:siteId/routing-rules',
    summary: "A site's routing rules in order (first match wins)",
    auth: 'session',
    roles: MANAGERS,
    answer: { status: 200, body: 'RoutingRuleViews' },
    errors: [...SESSION, 404],
  },
  {
    method: 'POST',
    path: '/v1/console/sites/:siteId/routing-rules',
    summary: 'Add a routing rule',
    auth: 'session',
    roles: MANAGERS,
    body: 'RoutingRule',
    answer: { status: 201, body: 'RoutingRuleView' },
    errors: [...BODY, ...SESSION, 404],
  },
  {
    method: 'PUT',
    path: '/v1/console/sites/:siteId/routing-rules/order',
    summary: 'Reorder the routing rules',
    auth: 'session',
    roles: MANAGERS,
    body: 'RuleOrder',
    answer: { status: 200, body: 'RoutingRuleViews' },
    errors: [...BODY, ...SESSION, 404],
  },
  {
    method: 'PUT',
    path: '/v1/console/sites/:siteId/routing-rules/:ruleId',
    summary: 'Change a routing rule',
    auth: 'session',
    roles: MANAGERS,
    body: 'RoutingRule',
    answer: { status: 200, body: 'RoutingRuleView' },
    errors: [...BODY, ...SESSION, 404],
  },
  {
    method: 'DELETE',
    path: '/v1/console/sites/:siteId/routing-rules/:ruleId',
    summary: 'Remove a routing rule',
    auth: 'session',
    roles: MANAGERS,
    answer: { status: 204 },
    errors: [...SESSION, 404],
  },
  {
    method: 'GET',
    path: '/v1/console/teams',
    summary: 'Teams with their hours and members',
    auth: 'session',
    roles: MANAGERS,
    answer: { status: 200, body: 'TeamViews' },
    errors: SESSION,
  },
  {
    method: 'POST',
    path: '/v1/console/teams',
    summary: 'Add a team',
    auth: 'session',
    roles: MANAGERS,
    body: 'NewTeam',
    answer: { status: 201, body: 'TeamView' },
    errors: [...BODY, ...SESSION],
  },
  {
    method: 'PUT',
    path: '/v1/console/teams/:id',
    summary: "Change a team's name and hours",
    auth: 'session',
    roles: MANAGERS,
    body: 'Team',
    answer: { status: 200, body: 'TeamView' },
    errors: [...BODY, ...SESSION, 404],
  },
  {
    method: 'PUT',
    path: '/v1/console/teams/:id/members',
    summary: "Replace a team's members and weights",
    auth: 'session',
    roles: MANAGERS,
    body: 'TeamMembers',
    answer: { status: 200, body: 'TeamView' },
    errors: [...BODY, ...SESSION, 404],
  },
  {
    method: 'GET',
    path: '/v1/console/reps',
    summary: 'Users with their routing settings and teams',
    auth: 'session',
    roles: MANAGERS,
    answer: { status: 200, body: 'RepViews' },
    errors: SESSION,
  },
  {
    method: 'PUT',
    path: '/v1/console/reps/:id',
    summary: "Change a rep's capacities, skills, languages, territories or own hours",
    auth: 'session',
    roles: MANAGERS,
    body: 'RepSettings',
    answer: { status: 200, body: 'RepView' },
    errors: [...BODY, ...SESSION, 404],
  },
  {
    method: 'GET',
    path: '/v1/console/account-owners',
    summary: 'Email domains and the rep who owns each account',
    auth: 'session',
    roles: MANAGERS,
    answer: { status: 200, body: 'AccountOwnersView' },
    errors: SESSION,
  },
  {
    method: 'PUT',
    path: '/v1/console/account-owners',
    summary: 'Replace every account owner',
    description: 'Each domain once; a leading `@` is dropped and domains are lower-cased.',
    auth: 'session',
    roles: MANAGERS,
    body: 'AccountOwners',
    answer: { status: 200, body: 'AccountOwnersView' },
    errors: [...BODY, ...SESSION],
  },

  // Reports, webhooks, erasure
  {
    method: 'GET',
    path: '/v1/console/reports',
    summary: 'Speed-to-lead, the funnel and the figures of each site form for a date range',
    auth: 'session',
    roles: MANAGERS,
    query: 'ReportRange',
    answer: {
      status: 200,
      contentType: 'application/json',
      description:
        'Not yet described by a schema: `{ from, to, speed, funnel, forms, meetings, currency }`, see `SpeedReport`, `FunnelReport` and `FormFigures` in shared/console-api.ts. `forms` has one entry per site form with mapped submissions in the range: `{ siteId, siteName, key, name, numbers: { submissions, leads, mql, hot, routed, accepted, medianAcceptMs } }`, counted as Sites → Forms counts them',
    },
    errors: [400, ...SESSION],
  },
  {
    method: 'GET',
    path: '/v1/console/reports/attribution',
    summary:
      'Leads, MQLs, SQLs, opportunities, won deals and revenue by channel, source or campaign under first-touch, last-touch or linear attribution, with cohorts by week of first touch',
    auth: 'session',
    roles: MANAGERS,
    query: 'AttributionQuery',
    answer: {
      status: 200,
      contentType: 'application/json',
      description:
        "Not yet described by a schema: `AttributionReport` in shared/console-api.ts. Leads captured in the range, each credited to its touches (its visitor's sessions up to the capture and the capture's own touch) by the model: all to the first, all to the last, or equally to each (figures are then fractions). Revenue is won deals' value in `currency`, the workspace's. `table` is ignored here",
    },
    errors: [400, ...SESSION],
  },
  {
    method: 'GET',
    path: '/v1/console/reports/attribution.csv',
    summary: 'The attribution table (table=groups) or its cohorts by week of first touch (table=cohorts), as CSV',
    auth: 'session',
    roles: MANAGERS,
    query: 'AttributionQuery',
    answer: {
      status: 200,
      contentType: 'text/csv',
      description:
        'One line per group (model, key, label) or per first-touch week, then leads, mqls, sqls, opportunities, won, revenue (2 decimals) and currency; linear credits to 4 decimals',
    },
    errors: [400, ...SESSION],
  },
  {
    method: 'GET',
    path: '/v1/console/reports/leads.csv',
    summary: 'Leads with their timelines, as CSV',
    auth: 'session',
    roles: MANAGERS,
    query: 'ReportRange',
    answer: {
      status: 200,
      contentType: 'text/csv',
      description:
        'One line per lead, a column for every field of the lead card (server/reports/export-table.ts): ids, times, contact and company, site, stage, score, fit, owner, speed-to-lead times, outcome, source and UTM, one column per must-have question, notes, page trail and timeline; formula-like values neutralised',
    },
    errors: [400, ...SESSION],
  },
  {
    method: 'GET',
    path: '/v1/console/reports/leads.xlsx',
    summary: 'Leads with their timelines, as an Excel workbook',
    auth: 'session',
    roles: MANAGERS,
    query: 'ReportRange',
    answer: {
      status: 200,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      description:
        "The same columns as the CSV; phones, ids and answers are text cells and times are dates (UTC), so a spreadsheet keeps the phone's + and never reads a value as a formula",
    },
    errors: [400, ...SESSION],
  },
  rangeReport(
    '/v1/console/reports/speed-pays',
    'application/json',
    'Conversion to SQL and to won by hand-raise-to-first-call bucket',
    "Not yet described by a schema: `SpeedPaysReport` in shared/console-api.ts. The range's hand-raised leads by first call (under 1 min, 1-5 min, 5-30 min, 30 min-24 h, later, never called), each bucket with its lead count, SQLs, wins and both rates; `lift` compares the fastest called bucket with leads against the slowest",
  ),
  rangeReport(
    '/v1/console/reports/speed-pays.csv',
    'text/csv',
    'The speed-pays buckets, as CSV',
    'One line per bucket: first_call, leads, sql, sql_rate, won, won_rate',
  ),
  rangeReport(
    '/v1/console/reports/reps',
    'application/json',
    "Offers, leads and won revenue per rep and team, and each team's rotation spread",
    'Not yet described by a schema: `RepsReport` in shared/console-api.ts. Per rep and per team (its members combined): offers received in the range by how they ended, declines by reason, median offer-to-accept, leads captured in the range they own and their SQL rate, deals closed won in the range and their value in the workspace `currency`; per team the share of its round-robin or weighted offers each member got beside the share its strategy and weights give',
  ),
  rangeReport(
    '/v1/console/reports/reps.csv',
    'text/csv',
    'The per-rep figures, as CSV',
    'One line per rep: offers by ending, declines by reason, median seconds to accept, leads owned, SQL rate, won deals and revenue (the column names the currency)',
  ),
  rangeReport(
    '/v1/console/reports/teams.csv',
    'text/csv',
    'The per-team figures, as CSV',
    'One line per team: its strategies and rotation offers, then the same figures as reps.csv over its members',
  ),
  rangeReport(
    '/v1/console/reports/spread.csv',
    'text/csv',
    'The rotation spread of each team, as CSV',
    'One line per team member: weight, expected share, rotation offers received and their share',
  ),
  {
    method: 'GET',
    path: '/v1/console/sla',
    summary: 'The marketing SLA in force and its earlier saves, with who saved each and when',
    auth: 'session',
    roles: MANAGERS,
    answer: {
      status: 200,
      contentType: 'application/json',
      description:
        '`{ current, history }`: `current` is the newest save (null until one is saved); `history` lists up to 50 saves, newest first, each the inputs (fractions 0..1 for shares and rates) with `id`, `changedBy`, `changedByName`, `changedAt` (see `SlaView` in shared/schemas/sla.schema.ts)',
    },
    errors: SESSION,
  },
  {
    method: 'PUT',
    path: '/v1/console/sla',
    summary: "Save the workspace's marketing SLA (quota, marketing's share, deal size, stage conversion rates)",
    description: 'Each save is kept: the history shows who changed the SLA and when. Shares and rates are fractions (0.3 for 30%); rates must be above 0.',
    auth: 'session',
    roles: MANAGERS,
    body: 'MarketingSla',
    answer: { status: 200, contentType: 'application/json', description: 'The same `{ current, history }` as GET, with this save first' },
    errors: [...BODY, ...SESSION],
  },
  {
    method: 'GET',
    path: '/v1/console/sla/pace',
    summary: "The SLA's monthly MQL and SQL targets against this month's pace, and which side is behind",
    description:
      'The month is taken in `tz` (default UTC). Marketing is behind on volume when MQLs so far are below the target pro rata; sales is behind on follow-up when MQL to SQL conversion is below the agreed rate, more than 10% of hand-raises breached the response SLA, or the median time to accept is over 60 s.',
    auth: 'session',
    roles: MANAGERS,
    query: 'PaceQuery',
    answer: {
      status: 200,
      contentType: 'application/json',
      description:
        '`{ pace }`: null until an SLA is saved; else `{ month, now, timeZone, elapsed, mqls, sqls, sqlRate, speed, behind: { marketing, sales }, reasons }` (see `SlaPace` in shared/schemas/sla.schema.ts)',
    },
    errors: [400, ...SESSION],
  },
  {
    method: 'GET',
    path: '/v1/console/sla/digest',
    summary: "The signed-in manager's own numbers digest by mail: off, daily or weekly",
    auth: 'session',
    roles: MANAGERS,
    answer: {
      status: 200,
      contentType: 'application/json',
      description:
        '`{ frequency, timeZone, sendsAt, mailEnabled }`: it goes out at `sendsAt` (08:00) in `timeZone`, weekly on Mondays; `mailEnabled` is false without SMTP',
    },
    errors: SESSION,
  },
  {
    method: 'PUT',
    path: '/v1/console/sla/digest',
    summary: 'Switch your numbers digest on (daily or weekly, in your time zone) or off',
    description:
      "The digest has the previous day's (or Monday-to-Sunday week's) leads, MQLs, SQLs, won deals and revenue, median speed to lead, SLA breaches and the SLA's targets against this month's pace, with a link to Numbers. Each period is sent once; the first is the next one due after switching on.",
    auth: 'session',
    roles: MANAGERS,
    body: 'DigestPrefs',
    answer: { status: 200, contentType: 'application/json', description: 'The same as GET' },
    errors: [...BODY, ...SESSION],
  },
  {
    method: 'GET',
    path: '/v1/console/webhooks',
    summary: 'Webhooks with their latest 50 deliveries',
    auth: 'session',
    roles: ADMINS,
    answer: { status: 200, body: 'Webhooks' },
    errors: SESSION,
  },
  {
    method: 'POST',
    path: '/v1/console/webhooks',
    summary: 'Add a webhook',
    description:
      'A URL whose host is `localhost` or a loopback, private, link-local or other non-public address is refused (400 on `url`) unless `SIXTY_FETCH_ALLOW` allows it. The answer is the only time the signing secret is shown.',
    auth: 'session',
    roles: ADMINS,
    body: 'WebhookRequest',
    answer: { status: 201, body: 'CreatedWebhook' },
    errors: [...BODY, ...SESSION],
  },
  {
    method: 'DELETE',
    path: '/v1/console/webhooks/:id',
    summary: 'Remove a webhook',
    auth: 'session',
    roles: ADMINS,
    answer: { status: 204 },
    errors: [...SESSION, 404],
  },
  {
    method: 'POST',
    path: '/v1/console/webhooks/deliveries/:id/replay',
    summary: 'Send a delivery again',
    auth: 'session',
    roles: ADMINS,
    answer: { status: 200, body: 'Replayed' },
    errors: [...SESSION, 404],
  },
  // The signed-in user's own calendar (CalDAV; see docs/calendars.md)
  {
    method: 'GET',
    path: '/v1/console/calendar',
    summary: 'My connected calendar and whether this install can store one',
    description: 'The app password is never answered. `canConnect` is false while `SIXTY_CALENDAR_KEY` is not set on the server.',
    auth: 'session',
    answer: { status: 200, body: 'MyCalendar' },
    errors: SESSION,
  },
  {
    method: 'POST',
    path: '/v1/console/calendar/discover',
    summary: 'The calendars for events a CalDAV login sees, found from a base URL',
    description:
      'Discovery as CalDAV clients do it (`/.well-known/caldav`, current-user-principal, calendar-home-set). Every request goes through the guarded fetch: a server on a private network needs `SIXTY_FETCH_ALLOW`. With connect and test, 20 a minute per user (429 with `Retry-After` past that). A refused login is a 400 on `password`; an address Sixty may not reach or a server that does not answer is a 400 on `serverUrl`; 409 without `SIXTY_CALENDAR_KEY`. Nothing is stored.',
    auth: 'session',
    body: 'CalendarLogin',
    answer: { status: 200, body: 'DiscoveredCalendars' },
    errors: [...BODY, ...SESSION, 409, 429],
  },
  {
    method: 'PUT',
    path: '/v1/console/calendar',
    summary: 'Connect (or replace) my calendar',
    description:
      'Discovers again, takes the calendar named by `calendarUrl` (only one discovery found; needed when there are several), reads it once, and stores the app password encrypted with `SIXTY_CALENDAR_KEY` (409 when it is not set). Errors as for discover.',
    auth: 'session',
    body: 'CalendarConnect',
    answer: { status: 200, body: 'CalendarView' },
    errors: [...BODY, ...SESSION, 409, 429],
  },
  {
    method: 'POST',
    path: '/v1/console/calendar/test',
    summary: 'Read my calendar now and answer how it went',
    auth: 'session',
    answer: { status: 200, body: 'CalendarView', description: '`state` is `down` with `lastError` when the read failed' },
    errors: [...SESSION, 404, 429],
  },
  {
    method: 'DELETE',
    path: '/v1/console/calendar',
    summary: 'Disconnect my calendar (the stored password goes with it)',
    auth: 'session',
    answer: { status: 204 },
    errors: [...SESSION, 404],
  },
  {
    method: 'POST',
    path: '/v1/console/erasures',
    summary: 'Erase a person: everything about them, and a record that it happened',
    auth: 'session',
    roles: ADMINS,
    body: 'Erasure',
    answer: { status: 200, body: 'ErasureResult' },
    errors: [...BODY, ...SESSION],
  },
];

/**
 * What the app mounts besides the API, and why it is not in the table: pages and files for
 * browsers, and the CORS preflight (described in docs/api.md's prose).
 */
export const NOT_API: ReadonlyArray<{ method: string; path: string; why: string }> = [
  { method: 'OPTIONS', path: '/v1/*', why: 'CORS preflight for browser clients' },
  { method: 'GET', path: '/', why: 'redirects to the console' },
  { method: 'GET', path: '/demo', why: 'the demo host page' },
  { method: 'GET', path: '/feeds/:file', why: "a rep's private iCalendar feed of their meetings (`/feeds/<token>.ics`, text/calendar)" },
  { method: 'GET', path: '/meetings/:token', why: "the visitor's page to move or cancel their meeting (HTML, from the invite's signed link)" },
  { method: 'POST', path: '/meetings/:token/move', why: "that page's form: move the meeting (HTML answer, 303 to the new link)" },
  { method: 'POST', path: '/meetings/:token/cancel', why: "that page's form: cancel the meeting (HTML answer)" },
  { method: 'GET', path: '/:name{sixty(-[a-z]+)?\\.js}', why: 'the widget files' },
  { method: 'GET', path: '/:name{favicon\\.(ico|svg)}', why: "the console's icon, also linked by /demo" },
  { method: 'GET', path: '/console', why: 'the console app' },
  { method: 'GET', path: '/console/*', why: 'the console app' },
];
