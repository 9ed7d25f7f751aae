// Outbound webhooks as admins create them and as the console lists them with their deliveries.
import { z } from 'zod';

/** Webhook topics; how each is derived from committed rows is in server/webhooks/topics.ts. */
export const TOPICS = [
  'lead.stage_changed',
  'offer.created',
  'offer.accepted',
  'offer.declined',
  'offer.expired',
  'lead.outcome',
  'lead.sla_breached',
] as const;
export type Topic = (typeof TOPICS)[number];

const kind = z
  .enum(['signed', 'slack'])
  .describe('`signed`: JSON events with a `Sixty-Signature` HMAC header; `slack`: one readable line per event for a Slack incoming webhook');
const topics = z.array(z.enum([...TOPICS, '*'])).describe('Events to send; `*` is every topic');

/** `POST /v1/console/webhooks`. */
export const webhookRequestSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, message: 'Use an http(s) URL' }).max(2000),
  kind,
  topics: topics.min(1, 'Pick at least one event'),
});

/** A webhook as the list shows it: its signing secret masked to the last four characters. */
export const webhookViewSchema = z.strictObject({
  id: z.string(),
  workspaceId: z.string(),
  url: z.string(),
  kind,
  topics,
  active: z.boolean(),
  createdAt: z.number().int(),
  secretLast4: z.string().describe('Tells which secret a receiver holds, without handing it out'),
});

/** The answer to creating a webhook: the one time its whole signing secret is shown. */
export const createdWebhookSchema = webhookViewSchema.extend({
  secret: z.string().describe('Verifies `Sixty-Signature` on the receiving side; shown here only'),
});

/** One attempt log entry: an event sent (or to be sent) to one webhook. */
export const deliverySchema = z.strictObject({
  id: z.number().int().describe('For `POST /v1/console/webhooks/deliveries/:id/replay`'),
  webhookId: z.string(),
  eventId: z.string().describe('Also sent as `Sixty-Event-Id`: receivers de-duplicate on it'),
  topic: z.string(),
  payload: z.string().describe('The body sent, as text'),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  nextAt: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.number().int(),
  deliveredAt: z.number().int().nullable(),
});

/** `GET /v1/console/webhooks`: each webhook with its latest 50 deliveries. */
export const webhookWithLogSchema = webhookViewSchema.extend({
  deliveries: z.array(deliverySchema),
});
