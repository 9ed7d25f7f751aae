import { z } from 'zod';
import { TALK_MODES } from './call.schema';

/** Longest phone input accepted before parsing; anything longer is not a phone number. */
export const PHONE_MAX_CHARS = 250;

/**
 * Body of `POST /v1/callbacks`: a visitor asking to be called now, on their phone or (`talk:
 * 'browser'`, where the site allows it) in their browser, when the phone may stay empty.
 */
export const callbackRequestSchema = z
  .strictObject({
    siteKey: z.string().min(1, 'Site key is required').max(100),
    name: z.string().trim().min(1, 'Please tell us your name').max(200, 'Name is too long'),
    phone: z.string().trim().max(PHONE_MAX_CHARS, 'Phone number is too long').default(''),
    /** `browser`: talk now in the browser (a voice call with the rep who accepts); absent or `phone`: a callback. */
    talk: z.enum(TALK_MODES, 'Pick phone or browser').optional(),
    email: z.union([z.literal(''), z.email('Please enter a valid email address').max(320)]).optional(),
    answers: z.record(z.string().max(64), z.string().max(500)).default({}),
    /** The page the visitor asked from (for the rep's context). */
    pageUrl: z.string().max(2000).optional(),
    /** That page's referrer: with pageUrl, the callback's own touch (where the lead came from). */
    referrer: z.string().max(2000).optional(),
    /** Anonymous visitor id from first-party storage, to join behaviour history later. */
    visitorId: z.string().max(100).optional(),
    /** The visitor's IANA time zone, so the rep sees their local time. */
    timeZone: z
      .string()
      .max(64)
      .regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/, 'Not a time zone')
      .optional(),
    /** Honeypot: a field people never see; anything in it means a form bot. */
    hp: z.string().max(500).optional(),
    /** Milliseconds from the form being shown to its submission (time-to-submit). */
    tts: z.number().int().min(0).max(86_400_000).optional(),
  })
  .refine((r) => r.talk === 'browser' || r.phone !== '', { path: ['phone'], message: 'Please enter a phone number' });
export type CallbackRequest = z.infer<typeof callbackRequestSchema>;

/** Body of `POST /v1/callbacks/:leadId/slot`: the visitor picks a later callback time. */
export const slotChoiceSchema = z.strictObject({
  token: z.string().min(1).max(300),
  slot: z.iso.datetime({ offset: true, message: 'Pick one of the offered times' }),
});
export type SlotChoice = z.infer<typeof slotChoiceSchema>;

/** Query of `POST /v1/callbacks` (the key may come as the `Idempotency-Key` header instead). */
export const callbackQuerySchema = z.object({
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{8,128}$/, 'Use 8 to 128 letters, digits or _.:-')
    .optional()
    .describe('Retries with the same key and body answer 200 with the same lead; a different body, 409'),
});
