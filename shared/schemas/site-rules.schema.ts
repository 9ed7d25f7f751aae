import { z } from 'zod';
import type { SiteRules } from '../site-rules';

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

export const siteRulesSchema = z.strictObject({
  version: z.number().int().min(1),
  questions: z.array(question).max(10),
  behaviour: z.array(
    z.strictObject({
      id: z.string().min(1).max(64),
      label: z.string().min(1).max(200),
      type: z.string().min(1).max(64),
      name: z.string().max(100).optional(),
      urlContains: z.string().max(500).optional(),
      points: z.number().int().min(-1000).max(1000),
    }),
  ),
  mqlThreshold: z.number().int().min(0),
  hotThreshold: z.number().int().min(0),
  handRaiseEvents: z.array(z.string().min(1).max(100)).max(50),
}) satisfies z.ZodType<SiteRules>;
