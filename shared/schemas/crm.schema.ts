// What a CRM sends and gets back (`PATCH /v1/leads/:id/outcome` with an API key), the API keys
// admins manage, and the workspace's settings (its currency). Outcomes posted by a CRM go through
// the same stage machine and plan as the rep's outcome form (server/routing/plan-outcome.core.ts).
import { z } from 'zod';
import { isCurrency } from '../money';
import { OUTCOMES_NEEDING_REASON, isDealDecision } from '../outcomes';
import { dealValueSchema } from './console.schema';
import { stageSchema } from './lead-card.schema';

/** The stages a CRM may move a lead to: the sales side of the machine. */
export const CRM_STAGES = ['sql', 'opportunity', 'won', 'lost', 'nurture', 'disqualified'] as const;

const currencyCode = z.string('Give an ISO 4217 currency code').trim().refine(isCurrency, 'Use an ISO 4217 currency code in capitals, such as USD, EUR or GBP');

/** `PATCH /v1/leads/:id/outcome`. */
export const crmOutcomeSchema = z
  .strictObject({
    stage: z.enum(CRM_STAGES, `Use one of ${CRM_STAGES.join(', ')}`),
    value: dealValueSchema.optional().describe('The deal’s value in the workspace’s currency (major units); with opportunity, won or lost'),
    reason: z.string().trim().max(500).optional().describe('Why: required for lost, nurture and disqualified; kept with the stage change'),
    currency: currencyCode.optional().describe('When given, must be the workspace’s currency (values are never converted)'),
  })
  .refine((o) => !OUTCOMES_NEEDING_REASON.includes(o.stage) || (o.reason ?? '').length > 0, {
    path: ['reason'],
    message: 'A reason is required for lost, nurture and disqualified',
  })
  .refine((o) => o.value === undefined || isDealDecision(o.stage), { path: ['value'], message: 'A value goes with opportunity, won or lost' });
export type CrmOutcomeInput = z.infer<typeof crmOutcomeSchema>;

/** The lead after a CRM's outcome. */
export const crmOutcomeAnswerSchema = z.strictObject({
  id: z.string(),
  stage: stageSchema,
  value: z.number().nullable().describe('The deal value, in `currency`; null when none was given'),
  currency: z.string().describe('The workspace’s ISO 4217 currency'),
  closedAt: z.number().int().nullable().describe('When the deal closed as won or lost (epoch ms); null while open'),
});
export type CrmOutcomeAnswer = z.infer<typeof crmOutcomeAnswerSchema>;

/** `POST /v1/console/api-keys`. */
export const apiKeyRequestSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name the key (say, the CRM that uses it)').max(100),
});

/** An API key as the console lists it: never its secret. */
export const apiKeyRowSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('The secret’s first characters, to tell keys apart'),
  createdBy: z.string().nullable().describe('Who created it (null once that user is gone)'),
  createdAt: z.number().int(),
  lastUsedAt: z.number().int().nullable(),
  revokedAt: z.number().int().nullable(),
});

/** The answer to creating a key: the only time its secret is shown. */
export const createdApiKeySchema = apiKeyRowSchema.extend({
  secret: z.string().describe('`sixty_live_…`: send as `Authorization: Bearer <secret>`; shown once, stored hashed'),
});

/** `PUT /v1/console/workspace`. */
export const workspaceSettingsBodySchema = z.strictObject({
  currency: currencyCode.describe('ISO 4217: every deal value of the workspace is in it'),
});

/** `GET /v1/console/workspace`. */
export const workspaceSettingsSchema = z.strictObject({
  name: z.string(),
  currency: z.string(),
});
