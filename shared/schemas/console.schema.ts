import { z } from 'zod';
import { CALL_RESULTS, OUTCOMES, OUTCOMES_NEEDING_REASON, isCallResult, isDealDecision } from '../outcomes';
import { MAX_DEAL_VALUE } from '../money';

export const signInSchema = z.strictObject({
  email: z.email('Enter your email address').max(320),
  password: z.string().min(1, 'Enter your password').max(200),
});

/** First-run setup: the first admin of a fresh install (no demo mode). */
export const setupSchema = z.strictObject({
  workspaceName: z.string().trim().min(1, 'Name your workspace').max(200),
  name: z.string().trim().min(1, 'Enter your name').max(200),
  email: z.email('Enter a valid email address').max(320),
  password: z.string().min(10, 'Use at least 10 characters').max(200),
  /** Printed by `npm start` while the install has no users. */
  setupToken: z.string().trim().min(1, 'Enter the setup token that npm start printed').max(200),
});

export { OUTCOMES, OUTCOMES_NEEDING_REASON, type Outcome } from '../outcomes';

const answer = z.string().trim().min(1, 'Answer this question').max(1000);

/** A deal's value: a plain number of the workspace's currency (12500 or 1234.5). */
export const dealValueSchema = z.number('Enter the value as a number').min(0, 'A value is 0 or more').max(MAX_DEAL_VALUE, 'That value is too large');

export const outcomeSchema = z
  .strictObject({
    outcome: z.enum(OUTCOMES, 'Pick an outcome'),
    /** The call result logged in the same save as a decision about the lead (connected + SQL). */
    call: z.enum(CALL_RESULTS, 'Pick a call result').optional(),
    reason: z.string().trim().max(500).optional(),
    notes: z.string().max(5000).optional(),
    /** Required for `sql`: the four sales-qualification questions (DOMAIN.md). */
    qualification: z.strictObject({ needs: answer, currentSolution: answer, decisionMaker: answer, readyOrBudget: answer }).optional(),
    /** The deal's value in the workspace's currency (major units), with opportunity, won or lost. */
    value: dealValueSchema.optional(),
  })
  .refine((o) => !OUTCOMES_NEEDING_REASON.includes(o.outcome) || (o.reason ?? '').length > 0, {
    path: ['reason'],
    message: 'A reason is required for nurture, disqualified, suspect and lost',
  })
  .refine((o) => o.call === undefined || !isCallResult(o.outcome), {
    path: ['call'],
    message: 'One call result per save: send it as the outcome, or with a decision about the lead',
  })
  .refine((o) => o.outcome !== 'sql' || o.qualification !== undefined, {
    path: ['qualification'],
    message: 'Answer the four qualification questions to mark SQL',
  })
  .refine((o) => o.value === undefined || isDealDecision(o.outcome), {
    path: ['value'],
    message: 'A value goes with opportunity, won or lost',
  });
export type OutcomeInput = z.infer<typeof outcomeSchema>;

/** `devices`: "Available on my devices": offered by push with no console tab open (issue 22). */
export const PRESENCES = ['available', 'away', 'devices'] as const;
export const presenceSchema = z.enum(PRESENCES);
export type ChosenPresence = (typeof PRESENCES)[number];

export const offerIdSchema = z.strictObject({ offerId: z.string().min(1).max(100) });
export const declineSchema = z.strictObject({
  offerId: z.string().min(1).max(100),
  reason: z.string().trim().max(500).optional(),
});

export const ROLES = ['admin', 'manager', 'rep'] as const;

export const inviteSchema = z.strictObject({
  email: z.email('Enter a valid email address').max(320),
  name: z.string().trim().min(1, 'Enter their name').max(200),
  role: z.enum(ROLES, 'Pick a role'),
});

/** Accepting an invite or a password reset: the new password. */
export const newPasswordSchema = z.strictObject({
  password: z.string().min(10, 'Use at least 10 characters').max(200),
});

export const noteSchema = z.strictObject({ text: z.string().trim().min(1, 'Write something').max(5000) });
export const repIdSchema = z.strictObject({ repId: z.string().min(1).max(100) });

/** `POST /v1/console/erasures`: the person to erase, by phone, email or both. */
export const erasureSchema = z
  .strictObject({
    phone: z.string().trim().max(250).optional(),
    email: z.email('Enter a valid email address').max(320).optional(),
  })
  .refine((b) => b.phone || b.email, { path: ['phone'], message: 'Give a phone number or an email address' })
  .describe('Give `phone`, `email` or both');

/** Query of the reports and the CSV export; default: the 30 days before `to` (default now), at most 400 days. */
export const reportRangeSchema = z.strictObject({
  from: z.iso.datetime({ offset: true, message: 'Use an ISO date-time' }).optional(),
  to: z.iso.datetime({ offset: true, message: 'Use an ISO date-time' }).optional(),
});

/** `GET /v1/console/reports/attribution` (and its CSV): the range, the model and the grouping. */
export const attributionQuerySchema = reportRangeSchema.extend({
  model: z.enum(['first', 'last', 'linear'], { message: 'Use first, last or linear' }).default('first'),
  by: z.enum(['channel', 'source', 'campaign'], { message: 'Use channel, source or campaign' }).default('channel'),
  /** Which table the CSV holds. */
  table: z.enum(['groups', 'cohorts'], { message: 'Use groups or cohorts' }).default('groups'),
});

export const userRoleSchema = z.enum(ROLES);

/** `GET /v1/console/me` and the answer to signing in or setting up. */
export const meSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: userRoleSchema,
  workspaceId: z.string(),
  workspaceName: z.string(),
  /** ISO 4217: every money figure the console shows is in it. */
  currency: z.string(),
});

/** `GET /v1/console/setup`. */
export const setupStatusSchema = z.strictObject({
  needsSetup: z.boolean().describe('The install has no users yet: `POST /v1/console/setup` creates the first admin'),
});

/** An invite or password-reset link: mailed to its owner only when SMTP sent it (`emailed`), else `link` to copy once. */
export const oneTimeLinkSchema = z.strictObject({
  link: z.string().optional().describe('Only when it was not mailed: copy it to its owner'),
  emailed: z.boolean(),
});

/** `GET /v1/console/invites/:token`: who the invite is for. */
export const inviteInfoSchema = z.strictObject({ email: z.string(), name: z.string(), role: userRoleSchema, workspaceName: z.string() });
