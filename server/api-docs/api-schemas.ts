// Every request and response body the API documents, by the name it has in the OpenAPI
// document and docs/api.md. Each is the very zod schema the route validates with (requests)
// or the one its answer's type is inferred from (responses), so the docs cannot drift.
import { bookingSettingsSchema, feedCreatedSchema, feedStatusSchema } from '../../shared/schemas/booking.schema';
import { z } from 'zod';
import { callbackQuerySchema, callbackRequestSchema, slotChoiceSchema } from '../../shared/schemas/callback.schema';
import {
  erasureSchema,
  inviteInfoSchema,
  inviteSchema,
  meSchema,
  newPasswordSchema,
  noteSchema,
  oneTimeLinkSchema,
  outcomeSchema,
  repIdSchema,
  reportRangeSchema,
  attributionQuerySchema,
  setupSchema,
  setupStatusSchema,
  signInSchema,
} from '../../shared/schemas/console.schema';
import {
  accountOwnersViewSchema,
  erasureResultSchema,
  inviteRowSchema,
  repViewSchema,
  routingRuleViewSchema,
  rulesResponseSchema,
  teamViewSchema,
  userRowSchema,
} from '../../shared/schemas/console-responses.schema';
import { eventBatchSchema } from '../../shared/schemas/events.schema';
import { digestPrefsSchema, marketingSlaSchema, paceQuerySchema } from '../../shared/schemas/sla.schema';
import {
  formMappingSchema,
  formSeenRequestSchema,
  formSeenResponseSchema,
  formSubmissionSchema,
  formTestSchema,
  seenFormSchema,
  siteFormsSchema,
} from '../../shared/schemas/forms.schema';
import {
  followUpTaskSchema,
  forcedOfferSchema,
  leadCardSchema,
  myLeadRowSchema,
  myLeadsQuerySchema,
  upcomingCallbackSchema,
  warmLeadRowSchema,
} from '../../shared/schemas/lead-card.schema';
import {
  apiErrorSchema,
  callbackResponseSchema,
  eventsResponseSchema,
  siteConfigResponseSchema,
  slotResponseSchema,
  slotTakenSchema,
} from '../../shared/schemas/public-api.schema';
import {
  accountOwnersSchema,
  newSiteSchema,
  newTeamSchema,
  repSettingsSchema,
  routingRuleSchema,
  ruleOrderSchema,
  siteRoutingSchema,
  teamMembersSchema,
  teamSchema,
} from '../../shared/schemas/routing-config.schema';
import { appearanceSettingsSchema, consoleSiteSchema, keyRotationSchema, siteUpdateSchema } from '../../shared/schemas/site-admin.schema';
import { siteRulesSchema, siteSettingsSchema } from '../../shared/schemas/site-rules.schema';
import {
  calendarConnectSchema,
  calendarLoginSchema,
  calendarViewSchema,
  discoveredCalendarsSchema,
  myCalendarSchema,
} from '../../shared/schemas/calendar.schema';
import { createdWebhookSchema, webhookRequestSchema, webhookWithLogSchema } from '../../shared/schemas/webhook.schema';
import {
  apiKeyRequestSchema,
  apiKeyRowSchema,
  createdApiKeySchema,
  crmOutcomeAnswerSchema,
  crmOutcomeSchema,
  workspaceSettingsBodySchema,
  workspaceSettingsSchema,
} from '../../shared/schemas/crm.schema';
import {
  deviceRequestSchema,
  deviceSavedSchema,
  devicesSchema,
  pushActionResultSchema,
  pushActionSchema,
  pushKeySchema,
} from '../../shared/schemas/push.schema';

/** Bodies (request and response). A name used both ways must convert to the same JSON Schema both ways. */
export const BODIES = {
  ApiError: apiErrorSchema,
  // Public (the widget's)
  SiteConfig: siteConfigResponseSchema,
  CallbackRequest: callbackRequestSchema,
  CallbackResponse: callbackResponseSchema,
  SlotChoice: slotChoiceSchema,
  SlotResponse: slotResponseSchema,
  SlotTaken: slotTakenSchema,
  EventBatch: eventBatchSchema,
  EventsResponse: eventsResponseSchema,
  FormSeen: formSeenRequestSchema,
  FormSeenResponse: formSeenResponseSchema,
  FormSubmission: formSubmissionSchema,
  // Signing in and one-time links
  SetupStatus: setupStatusSchema,
  Setup: setupSchema,
  SignIn: signInSchema,
  Me: meSchema,
  InviteInfo: inviteInfoSchema,
  NewPassword: newPasswordSchema,
  Ok: z.strictObject({ ok: z.literal(true) }),
  // The rep workspace
  LeadCard: leadCardSchema,
  MyLeads: z.array(myLeadRowSchema),
  WarmLeads: z.array(warmLeadRowSchema),
  FollowUps: z.array(followUpTaskSchema),
  Upcoming: z.array(upcomingCallbackSchema),
  Note: noteSchema,
  Outcome: outcomeSchema,
  RepChoice: repIdSchema,
  ForcedOffer: forcedOfferSchema,
  // A CRM with an API key; the keys and the workspace's currency (admin)
  CrmOutcome: crmOutcomeSchema,
  CrmOutcomeAnswer: crmOutcomeAnswerSchema,
  ApiKeys: z.array(apiKeyRowSchema),
  ApiKeyRequest: apiKeyRequestSchema,
  CreatedApiKey: createdApiKeySchema,
  WorkspaceSettings: workspaceSettingsSchema,
  WorkspaceSettingsBody: workspaceSettingsBodySchema,
  // Users
  Users: z.array(userRowSchema),
  Invite: inviteSchema,
  Invites: z.array(inviteRowSchema),
  OneTimeLink: oneTimeLinkSchema,
  // Sites, tracking and rules
  SiteSettings: siteSettingsSchema,
  SiteRules: siteRulesSchema,
  RulesVersions: rulesResponseSchema,
  SavedDraft: z.strictObject({ version: z.number().int() }),
  Published: z.strictObject({ published: z.number().int() }),
  ConsoleSites: z.array(consoleSiteSchema),
  ConsoleSite: consoleSiteSchema,
  NewSite: newSiteSchema,
  SiteUpdate: siteUpdateSchema,
  KeyRotation: keyRotationSchema,
  Appearance: appearanceSettingsSchema,
  SiteForms: siteFormsSchema,
  SeenForm: seenFormSchema,
  FormTest: formTestSchema,
  FormMapping: formMappingSchema,
  // Routing
  SiteRouting: siteRoutingSchema,
  BookingSettings: bookingSettingsSchema,
  FeedStatus: feedStatusSchema,
  FeedCreated: feedCreatedSchema,
  RoutingRule: routingRuleSchema,
  RoutingRuleView: routingRuleViewSchema,
  RoutingRuleViews: z.array(routingRuleViewSchema),
  RuleOrder: ruleOrderSchema,
  NewTeam: newTeamSchema,
  Team: teamSchema,
  TeamMembers: teamMembersSchema,
  TeamView: teamViewSchema,
  TeamViews: z.array(teamViewSchema),
  RepSettings: repSettingsSchema,
  RepViews: z.array(repViewSchema),
  RepView: repViewSchema,
  AccountOwners: accountOwnersSchema,
  AccountOwnersView: accountOwnersViewSchema,
  // The rep's own calendar
  CalendarLogin: calendarLoginSchema,
  CalendarConnect: calendarConnectSchema,
  DiscoveredCalendars: discoveredCalendarsSchema,
  CalendarView: calendarViewSchema,
  MyCalendar: myCalendarSchema,
  // Alerts on the user's devices (Web Push) and a notification's Accept or Decline
  PushKey: pushKeySchema,
  Devices: devicesSchema,
  DeviceRequest: deviceRequestSchema,
  DeviceSaved: deviceSavedSchema,
  PushAction: pushActionSchema,
  PushActionResult: pushActionResultSchema,
  // The marketing SLA and the numbers digest
  MarketingSla: marketingSlaSchema,
  DigestPrefs: digestPrefsSchema,
  // Webhooks, erasure
  WebhookRequest: webhookRequestSchema,
  CreatedWebhook: createdWebhookSchema,
  Webhooks: z.array(webhookWithLogSchema),
  Replayed: z.strictObject({ replayed: z.number().int() }),
  Erasure: erasureSchema,
  ErasureResult: erasureResultSchema,
  Health: z.strictObject({ ok: z.boolean() }),
} satisfies Record<string, z.ZodType>;

export type BodyName = keyof typeof BODIES;

/** Query strings, as objects of their parameters. */
export const QUERIES = {
  CallbackQuery: callbackQuerySchema,
  MyLeadsQuery: myLeadsQuerySchema,
  ReportRange: reportRangeSchema,
  AttributionQuery: attributionQuerySchema,
  PaceQuery: paceQuerySchema,
} satisfies Record<string, z.ZodObject>;

export type QueryName = keyof typeof QUERIES;
