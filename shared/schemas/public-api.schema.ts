// Response bodies of the public endpoints (the widget's): the site config, a callback's answer,
// the visitor's status and an event batch's answer, and the one error shape of every endpoint.
// The types in shared/api.ts are inferred from these; the widget imports those types only
// (`import type`), so it never bundles zod.
import { z } from 'zod';
import { servedAppearanceSchema } from './site-admin.schema';
import { FORM_ACTIONS } from '../forms';

/** The one error shape of every endpoint. */
export const apiErrorSchema = z.strictObject({
  error: z.strictObject({
    code: z.string().describe('Stable, machine-readable: `invalid`, `unknown_site`, `too_many`, `not_found`…'),
    message: z.string().describe('For a person to read'),
    fields: z
      .record(z.string(), z.string())
      .optional()
      .describe('For 400: dot path of each field (`phone`, `answers.size`, `members.0.repId`) and what is wrong with it'),
  }),
});

/**
 * What the visitor's panel shows, pushed live on `/visitor` and returned by the API (decided by
 * server/routing/visitor-status.core.ts). Times are ISO instants: the widget shows them in the
 * visitor's own time zone, and names it.
 */
export const visitorStatusSchema = z.discriminatedUnion('state', [
  z
    .strictObject({
      state: z.literal('waiting'),
      since: z.number().int(),
      promiseSeconds: z.number().int(),
      asking: z
        .array(z.string())
        .optional()
        .describe('First names of the reps offered the lead right now, first offered first; empty while nobody is (absent from older servers)'),
    })
    .describe('Offered to a rep; the countdown runs from `since` (epoch ms)'),
  z
    .strictObject({
      state: z.literal('accepted'),
      repName: z.string(),
      at: z.number().int(),
      call: z.strictObject({ offerId: z.string() }).optional().describe('A browser call: the accepted offer its signalling names'),
    })
    .describe('A rep took it and is calling'),
  z
    .strictObject({
      state: z.literal('no_rep'),
      why: z
        .enum(['closed', 'busy', 'queued', 'book'])
        .describe(
          '`closed`: no rep who could take it is inside their hours; `busy`: the reps on are all occupied; `queued`: inside hours, nobody free (offline, away…); `book`: the site form asks the visitor to book a time',
        ),
      opensAt: z.iso.datetime().nullable().describe('When `closed`: the next opening of a rep who could take it, if within three weeks'),
      slots: z.array(z.iso.datetime()).describe('Callback times to pick from, inside the hours of reps who could take it'),
    })
    .describe('Nobody can call now; the lead waits in the queue'),
  z
    .strictObject({
      state: z.literal('scheduled'),
      slot: z.iso.datetime(),
      meeting: z
        .strictObject({
          repName: z.string().describe('The rep the meeting is booked with'),
          endsAt: z.iso.datetime(),
        })
        .optional()
        .describe('The meeting booked with one rep (absent for a callback booked before meetings existed)'),
    })
    .describe('A meeting (or callback time) was booked'),
  z
    .strictObject({ state: z.literal('ended'), link: z.string().nullable().describe("The site's link for visitors it will not call, if it set one") })
    .describe("Disqualified or suspect (told apart nowhere): the widget shows the site's courteous ending"),
  z.strictObject({ state: z.literal('closed') }).describe('Kept for follow-up rather than offered live'),
]);

/** `POST /v1/callbacks` (201, or 200 when replayed by idempotency key or joined to an open request). */
export const callbackResponseSchema = z.strictObject({
  leadId: z.string(),
  visitorToken: z.string().describe("Scoped to this one lead: the visitor's live connection and slot booking present it"),
  status: visitorStatusSchema,
});

/** `POST /v1/callbacks/:leadId/slot`. */
export const slotResponseSchema = z.strictObject({ status: visitorStatusSchema });

/** `POST /v1/callbacks/:leadId/slot` answered 409: the time was taken meanwhile; pick again from `slots`. */
export const slotTakenSchema = z.strictObject({
  error: z.strictObject({ code: z.literal('slot_taken'), message: z.string() }),
  slots: z.array(z.iso.datetime()).describe('The times free now'),
});

/** `POST /v1/events` to an in-page flush (beacons ignore it). */
export const eventsResponseSchema = z.strictObject({
  accepted: z.number().int().describe('Events kept (after the bot filter)'),
  invite: z
    .strictObject({ repName: z.string(), reason: z.string() })
    .optional()
    .describe('This visitor has just turned hot with fit unknown and a rep is online: the widget may invite them, once per visit'),
});

/** A must-have question as visitors see it: the choices, never which ones disqualify. */
const publicQuestionSchema = z.strictObject({
  id: z.string(),
  label: z.string(),
  type: z.enum(['single', 'text']),
  options: z
    .array(z.strictObject({ value: z.string(), label: z.string() }))
    .optional()
    .describe('For `single`: the choices, in display order'),
});

/** `GET /v1/sites/:siteKey/config`: the public, visitor-facing part of a site's configuration. */
export const siteConfigResponseSchema = z.strictObject({
  siteName: z.string(),
  phoneRegion: z.string().describe('Region of phone numbers typed without a country code (ISO 3166 alpha-2)'),
  questions: z.array(publicQuestionSchema),
  promiseSeconds: z.number().int().describe("Seconds the visitor is promised: the site's SLA target (the live countdown starts here)"),
  consent: z.enum(['required', 'implied']).describe('`required`: no storage and no behaviour events until consent (or the visitor opens the widget)'),
  formsCountAsContactRequest: z
    .boolean()
    .describe(
      "A submitted mapped form that asks for contact (`offer`, `book`) is the visitor's own request for contact: it is read and sent even while tracking is not allowed (consent not given or refused, Global Privacy Control, Do Not Track)",
    ),
  trackSelectors: z
    .array(z.strictObject({ selector: z.string(), name: z.string() }))
    .describe('Clicks on elements matching a selector become events with that name'),
  browserCalls: z
    .boolean()
    .describe(
      'The panel offers "Talk now in your browser" beside the callback (a voice call with the rep who accepts; `POST /v1/callbacks` with `talk: "browser"`)',
    ),
  appearance: servedAppearanceSchema,
  forms: z
    .array(z.strictObject({ key: z.string(), read: z.array(z.string()), action: z.enum(FORM_ACTIONS), phone: z.string().optional() }))
    .describe("The site's own forms that are mapped: which fields the widget reads on submission (never how they map)"),
});
