import { z } from 'zod';
import { MAX_GLOB_STARS } from '../qualify/url-glob';
import type { SiteRules } from '../site-rules';
import { formMappingsSchema } from './form-mapping.schema';

const disqualifier = z.strictObject({
  reason: z.string().min(1).max(300),
  stage: z.enum(['disqualified', 'suspect']).optional(),
});

const question = z.strictObject({
  id: z.string().regex(/^[a-z0-9_-]{1,64}$/, 'Use lowercase letters, digits, _ or -'),
  label: z.string().min(1).max(300),
  type: z.enum(['single', 'text']),
  options: z
    .array(
      z.strictObject({
        value: z.string().min(1).max(100),
        label: z.string().min(1).max(200),
        disqualify: disqualifier.optional(),
        points: z.number().int().min(-1000).max(1000).optional(),
      }),
    )
    .max(20)
    .optional(),
});

export const siteRulesSchema = z
  .strictObject({
    version: z.number().int().min(1),
    questions: z.array(question).max(10),
    behaviour: z
      .array(
        z.strictObject({
          id: z.string().min(1).max(64),
          label: z.string().min(1).max(200),
          type: z.string().min(1).max(64),
          name: z.string().max(100).optional(),
          urlContains: z.string().max(500).optional(),
          urlPattern: z
            .string()
            .max(500)
            .refine((p) => p.split('*').length - 1 <= MAX_GLOB_STARS, `Use at most ${MAX_GLOB_STARS} * in a URL pattern`)
            .optional(),
          // Never negative: decay must only ever lower a score (use a fit rule to subtract).
          points: z.number().int().min(0, 'Behaviour points cannot be negative; use a fit rule').max(1000),
          count: z.enum(['each', 'once']).optional(),
          cap: z.number().int().min(0).max(100_000).optional(),
        }),
      )
      .max(100),
    fit: z
      .array(
        z.strictObject({
          id: z.string().min(1).max(64),
          label: z.string().min(1).max(200),
          trait: z.string().min(1).max(100),
          op: z.enum(['equals', 'in', 'contains', 'gte', 'lte']),
          value: z.union([z.string().max(500), z.number(), z.array(z.string().max(200)).max(500)]),
          points: z.number().int().min(-1000).max(1000).optional(),
          disqualify: disqualifier.optional(),
        }),
      )
      .max(100)
      .optional(),
    decayHalfLifeDays: z.number().min(0).max(3650).optional(),
    mqlThreshold: z.number().int().min(0),
    hotThreshold: z.number().int().min(0),
    handRaiseEvents: z.array(z.string().min(1).max(100)).max(50),
    forms: formMappingsSchema.optional(),
  })
  .refine((r) => r.hotThreshold >= r.mqlThreshold, { path: ['hotThreshold'], message: 'The hot score must be at least the MQL score' })
  .refine((r) => new Set(r.questions.map((q) => q.id)).size === r.questions.length, { path: ['questions'], message: 'Question ids must be unique' })
  .refine((r) => new Set(r.behaviour.map((b) => b.id)).size === r.behaviour.length, {
    path: ['behaviour'],
    message: 'Rule ids must be unique',
  }) satisfies z.ZodType<SiteRules>;

/** Per-site tracking settings and protections (PUT /v1/sites/:siteId/settings). */
export const siteSettingsSchema = z.strictObject({
  consent: z.enum(['required', 'implied'], 'Pick required or implied'),
  formsCountAsContactRequest: z.boolean('Say whether a submitted contact form counts as a request for contact'),
  trackSelectors: z.array(z.strictObject({ selector: z.string().min(1).max(300), name: z.string().min(1).max(100) })).max(50),
  /** The panel offers "Talk now in your browser" beside the callback. */
  browserCalls: z.boolean('Say whether visitors may talk in their browser'),
  botFilter: z.boolean(),
  maxEventsPerSecond: z.number().int().min(1).max(100_000),
  minSubmitMs: z.number().int().min(0).max(60_000),
});
