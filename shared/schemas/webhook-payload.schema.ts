import { z } from 'zod';

// What a webhook receiver gets: one JSON event per delivery. The lead it is about comes whole,
// with its must-have answers, score reasons, source and UTM tags, so a CRM can create or update
// its record without calling back. The server builds payloads to these types
// (server/db/webhook-events.ts), tests parse what a real receiver got with these schemas, and
// docs/api.md ("Webhook payloads") lists these fields.

const text = z.string();
const maybe = z.string().nullable();
/** Epoch milliseconds. */
const time = z.number().int();

export const webhookUtmSchema = z.strictObject({
  source: maybe,
  medium: maybe,
  campaign: maybe,
  term: maybe,
  content: maybe,
});

/** The lead as it is when the event is sent. */
export const webhookLeadSchema = z.strictObject({
  id: text.describe('The lead id, stable across events'),
  name: text,
  phone: text.describe('E.164, e.g. +14155550199'),
  email: maybe,
  company: maybe.describe('From the visitor’s identify traits'),
  siteId: text,
  siteName: text,
  stage: text.describe('visitor, lead, mql, hot, sal, sql, opportunity, won, lost, nurture, disqualified or suspect'),
  score: z.number().int(),
  fit: z.enum(['passes', 'fails', 'unknown']),
  fitReason: maybe.describe('Why fit fails (the disqualifier), when it does'),
  mql: z.boolean(),
  hot: z.boolean(),
  rulesVersion: z.number().int().describe('The rules version that qualified the lead'),
  answers: z
    .array(
      z.strictObject({
        questionId: text,
        question: text.describe('The question as the site asks it'),
        answer: text.describe('The chosen option’s label, or the text typed'),
        value: text.describe('The stored value (an option’s value)'),
      }),
    )
    .describe('The must-have answers, in the site’s order'),
  scoreReasons: z.array(z.strictObject({ source: text, text, points: z.number() })).describe('Why the score is what it is'),
  source: maybe.describe('utm_source, else the referring site’s host; null = direct'),
  utm: webhookUtmSchema,
  referrer: maybe.describe('The referrer of the touch the source came from'),
  pageUrl: maybe.describe('The page the callback was asked from'),
  landingUrl: maybe.describe('The first page of the tracked visit'),
  capturedAt: time,
  timeZone: maybe.describe('The lead’s IANA time zone, from their browser'),
  ownerName: maybe.describe('The rep who owns the lead'),
  form: z
    .strictObject({ key: text.describe('The form’s key, as Sites › Forms lists it'), page: maybe.describe('The page it was submitted on') })
    .nullable()
    .describe('The site’s own form whose submission made the lead; null for other leads'),
  dealValue: z.number().nullable().describe('The deal’s value in `currency` (set when it opens or closes); null when none was given'),
  currency: text.describe('The workspace’s ISO 4217 currency'),
  closedAt: time.nullable().describe('When the deal closed as won or lost; null while open'),
});
export type WebhookLead = z.infer<typeof webhookLeadSchema>;

/** A lead erased since the event happened is named by its id only. */
export const erasedLeadSchema = z.strictObject({ id: text });
export type LeadRef = WebhookLead | z.infer<typeof erasedLeadSchema>;

const lead = z.union([webhookLeadSchema, erasedLeadSchema]);

const envelope = {
  id: text.describe('Stable per event (le_…, sc_…, ob_…): drop repeats'),
  workspaceId: text,
  at: time,
};

export const webhookEventSchema = z.discriminatedUnion('topic', [
  z.strictObject({
    ...envelope,
    topic: z.literal('lead.stage_changed'),
    data: z.strictObject({ from: maybe, to: text, actor: text, reason: maybe, lead }),
  }),
  z.strictObject({
    ...envelope,
    topic: z.enum(['offer.created', 'offer.accepted', 'offer.declined', 'offer.expired', 'lead.outcome']),
    data: z.strictObject({ text: text.describe('The timeline line, as a rep reads it'), lead }),
  }),
  z.strictObject({
    ...envelope,
    topic: z.literal('lead.sla_breached'),
    data: z.strictObject({ leadId: text, workspaceId: text, siteId: text, dueAt: time, cause: text, at: time, lead: lead.optional() }),
  }),
]);
export type WebhookEventPayload = z.infer<typeof webhookEventSchema>;
