// A form's mapping as the marketer confirms it: part of the site's rules (site-rules.schema.ts),
// so it lives apart from the forms' other messages, which name the rules themselves.
import { z } from 'zod';
import { CONTACT_TRAITS, FORM_ACTIONS } from '../forms';

/** Most forms one site's rules may map. */
export const MAX_MAPPED_FORMS = 50;

const textRuleSchema = z.union([
  z.strictObject({ op: z.enum(['contains', 'equals']), text: z.string().trim().min(1).max(200), answer: z.string().min(1).max(200) }),
  z
    .strictObject({ op: z.literal('range'), min: z.number().finite().optional(), max: z.number().finite().optional(), answer: z.string().min(1).max(200) })
    .refine((r) => r.min !== undefined || r.max !== undefined, 'Give a lowest or a highest number')
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'The lowest number must not be above the highest'),
]);

export const fieldTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('trait'), trait: z.enum(CONTACT_TRAITS) }),
  z.strictObject({
    kind: z.literal('question'),
    questionId: z.string().min(1).max(100),
    options: z.record(z.string().max(200), z.string().min(1).max(200)).optional(),
    rules: z.array(textRuleSchema).max(30).optional(),
  }),
  z.strictObject({ kind: z.literal('ignore') }),
]);

export const formMappingSchema = z.strictObject({
  fields: z.record(z.string().min(1).max(200), fieldTargetSchema).refine((f) => Object.keys(f).length <= 60, 'At most 60 fields'),
  action: z.enum(FORM_ACTIONS),
});

/** The site's mappings by form key (SiteRules.forms). */
export const formMappingsSchema = z
  .record(z.string().min(1).max(200), formMappingSchema)
  .refine((f) => Object.keys(f).length <= MAX_MAPPED_FORMS, `At most ${MAX_MAPPED_FORMS} mapped forms`);
