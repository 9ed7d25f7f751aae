import { z } from 'zod';

/** Most events one request may carry; the widget flushes far fewer. */
export const MAX_EVENTS_PER_BATCH = 50;

export const EVENT_TYPES = ['page_view', 'engagement', 'click', 'download', 'outbound', 'form_submit', 'custom', 'identify'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const propValue = z.union([z.string().max(500), z.number().finite(), z.boolean(), z.null()]);
/** Flat properties only: nothing nested, bounded keys and count. */
const props = z
  .record(z.string().min(1).max(64), propValue)
  .refine((p) => Object.keys(p).length <= 30, 'At most 30 properties')
  .describe('Flat: at most 30 properties, strings up to 500 characters');

/**
 * One behaviour event.
 * - page_view: `url`, optional `props.title`.
 * - engagement: time and scroll on the page being left: `props.visibleMs`, `props.scrollDepth` (0-100).
 * - click: `name` from `data-sixty-event` or the matching configured selector's name.
 * - download / outbound: `props.href` of the link.
 * - form_submit: the host page's own form; captured contact fields go in an `identify` event.
 * - custom: `sixty('track', name, props)`.
 * - identify: `sixty('identify', traits)` or a captured form: `props` are the traits
 *   (email, phone, name, company, and any others).
 */
export const behaviourEventSchema = z.strictObject({
  type: z.enum(EVENT_TYPES),
  name: z.string().min(1).max(100).optional(),
  url: z.string().max(2000).optional(),
  /** Client clock, epoch ms; the server also records its own receive time. */
  at: z.number().int().nonnegative(),
  props: props.optional(),
});
export type BehaviourEventInput = z.infer<typeof behaviourEventSchema>;

const utm = z.strictObject({
  source: z.string().max(200).optional(),
  medium: z.string().max(200).optional(),
  campaign: z.string().max(200).optional(),
  term: z.string().max(200).optional(),
  content: z.string().max(200).optional(),
});

/** Body of `POST /v1/events` (sent as text/plain JSON by fetch keepalive or sendBeacon). */
export const eventBatchSchema = z.strictObject({
  siteKey: z.string().min(1).max(100),
  /** Anonymous id from first-party storage (or a per-page id when storage is not allowed). */
  visitorId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Use 8 to 64 letters, digits, _ or -'),
  events: z.array(behaviourEventSchema).min(1).max(MAX_EVENTS_PER_BATCH),
  /** First-touch attribution, sent with the visitor's first batch and kept from then on. */
  context: z
    .strictObject({
      referrer: z.string().max(2000).optional(),
      utm: utm.optional(),
      /** The visitor has been here before (a stored id existed when the page loaded). */
      returning: z.boolean().optional(),
      /** This page began a new session of a returning visitor: where it came from (empty: direct). */
      session: z.strictObject({ referrer: z.string().max(2000).optional(), utm: utm.optional() }).optional(),
    })
    .optional(),
});
export type EventBatch = z.infer<typeof eventBatchSchema>;
