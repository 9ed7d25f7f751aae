// Response shapes of the HTTP API, shared by the server, the widget and the console. Each is
// inferred from its zod schema in ./schemas (which the OpenAPI document and docs/api.md are
// generated from), so a shape is written once. Types only: the widget and the console import
// this file with `import type`, and the schemas are imported here as types, so neither bundles zod.
import type { z } from 'zod';
import type { apiErrorSchema, callbackResponseSchema, eventsResponseSchema, siteConfigResponseSchema, visitorStatusSchema } from './schemas/public-api.schema';
import type {
  leadCardSchema,
  myLeadRowSchema,
  offerViewSchema,
  salesQualificationSchema,
  stageSchema,
  timelineEntrySchema,
  upcomingCallbackSchema,
} from './schemas/lead-card.schema';
import type { meSchema, setupStatusSchema, userRoleSchema } from './schemas/console.schema';

/** Every error a client gets: one shape, with field messages for validation errors. */
export type ApiError = z.infer<typeof apiErrorSchema>;

export type SiteConfigResponse = z.infer<typeof siteConfigResponseSchema>;

/** Response of `POST /v1/callbacks` (201, or 200 when replayed by idempotency key). */
export type CallbackResponse = z.infer<typeof callbackResponseSchema>;

/** What the visitor's panel shows, pushed live on `/visitor` and returned by the API. */
export type VisitorStatus = z.infer<typeof visitorStatusSchema>;

export type Stage = z.infer<typeof stageSchema>;

export type UserRole = z.infer<typeof userRoleSchema>;

export type Me = z.infer<typeof meSchema>;

/** A lead as a rep sees it on an offer or the lead card. Everything here is rendered as text. */
export type LeadCard = z.infer<typeof leadCardSchema>;

/** The four sales-qualification questions a rep answers when logging SQL. */
export type SalesQualification = z.infer<typeof salesQualificationSchema>;

export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export type OfferView = z.infer<typeof offerViewSchema>;

export type MyLeadRow = z.infer<typeof myLeadRowSchema>;

export type UpcomingCallback = z.infer<typeof upcomingCallbackSchema>;

export type SetupStatus = z.infer<typeof setupStatusSchema>;

/** Response of `POST /v1/events` to an in-page flush (beacons ignore it). */
export type EventsResponse = z.infer<typeof eventsResponseSchema>;
