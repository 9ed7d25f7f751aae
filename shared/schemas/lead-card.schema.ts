// A lead as reps and supervisors read it over the console API: the lead card and the rows of
// the rep's lists. Types in shared/api.ts are inferred from these.
import { z } from 'zod';
import { TALK_MODES } from './call.schema';
import { OUTCOMES } from '../outcomes';

export const STAGES = ['visitor', 'lead', 'mql', 'hot', 'sal', 'sql', 'opportunity', 'won', 'lost', 'nurture', 'disqualified', 'suspect'] as const;
export const stageSchema = z.enum(STAGES);

/** Why the engine decided what it did (mirrors `Reason` of the qualification engine, which stays free of zod). */
export const reasonSchema = z.strictObject({
  source: z.string().describe('The rule or question that produced it'),
  text: z.string(),
  points: z.number(),
});

const fitSchema = z.strictObject({
  status: z.enum(['passes', 'fails', 'unknown']),
  stage: z.enum(['disqualified', 'suspect']).optional().describe('For `fails`: which terminal stage'),
  reason: z.string().optional(),
  missing: z.array(z.string()).describe('Question ids still unanswered (for `unknown`)'),
});

/** The four sales-qualification questions a rep answers when logging SQL. */
export const salesQualificationSchema = z.strictObject({
  needs: z.string(),
  currentSolution: z.string(),
  decisionMaker: z.string(),
  readyOrBudget: z.string(),
});

export const timelineEntrySchema = z.strictObject({ at: z.number().int(), kind: z.string(), text: z.string() });

const outcomeSchema = z.enum(OUTCOMES);

/** A lead as a rep sees it on an offer or the lead card. Everything here is rendered as text. */
export const leadCardSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  phone: z.string().describe('E.164; empty for a browser call left without a number'),
  talk: z.enum(TALK_MODES).optional().describe('`browser`: the visitor asked to talk now in the browser; absent: a phone callback'),
  email: z.string().nullable(),
  siteName: z.string(),
  pageUrl: z.string().nullable(),
  stage: stageSchema,
  answers: z.array(z.strictObject({ question: z.string(), answer: z.string() })),
  qualification: z.strictObject({
    fit: fitSchema,
    score: z.number(),
    hot: z.boolean(),
    mql: z.boolean(),
    rulesVersion: z.number().int(),
    reasons: z.array(reasonSchema),
  }),
  timeline: z.array(timelineEntrySchema),
  capturedAt: z.number().int(),
  acceptedAt: z.number().int().nullable(),
  firstCallAt: z.number().int().nullable(),
  outcome: outcomeSchema.nullable(),
  ownerName: z.string().nullable(),
  deal: z
    .strictObject({
      value: z.number().nullable().describe('The deal value in `currency`; null when none was given'),
      currency: z.string().describe('The workspace’s ISO 4217 currency'),
      closedAt: z.number().int().nullable().describe('When it closed as won or lost'),
      closeReason: z.string().nullable().describe('Why it was won or lost, as logged with the move'),
    })
    .optional()
    .describe('The deal, once the lead is an opportunity or was one'),
  company: z.string().nullable().optional(),
  timeZone: z.string().nullable().optional().describe("The lead's IANA time zone, to show their local time"),
  pageTrail: z
    .array(z.strictObject({ at: z.number().int(), type: z.string(), url: z.string().nullable(), name: z.string().nullable() }))
    .optional()
    .describe('What they did on the site, oldest first (page views, downloads, clicks…)'),
  source: z
    .strictObject({ referrer: z.string().nullable(), landingUrl: z.string().nullable(), utm: z.record(z.string(), z.string()) })
    .nullable()
    .optional(),
  visits: z.number().int().optional().describe('Visits to the site (1 = this one)'),
  firstSeenAt: z.number().int().nullable().optional(),
  hotAt: z.number().int().nullable().optional(),
  slaDueAt: z.number().int().nullable().optional().describe('When a rep must have accepted (the SLA clock)'),
  notes: z.array(z.strictObject({ at: z.number().int(), author: z.string(), text: z.string() })).optional(),
  qualificationAnswers: salesQualificationSchema.nullable().optional(),
  forms: z
    .array(z.strictObject({ key: z.string(), name: z.string(), page: z.string().nullable(), at: z.number().int() }))
    .optional()
    .describe(
      "The site's own forms this person submitted, oldest first: the first made the lead, later ones joined it (its `answers` are the forms' mapped answers)",
    ),
});

/** `GET /v1/console/leads/mine`: one of the rep's leads. */
export const myLeadRowSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  stage: stageSchema,
  capturedAt: z.number().int(),
  acceptedAt: z.number().int().nullable(),
  outcome: outcomeSchema.nullable(),
  nextFollowUpAt: z.number().int().nullable().optional(),
});

/**
 * A callback a visitor booked, not yet offered: in the Upcoming list of the reps it will be
 * offered to (GET /v1/console/upcoming) and in the supervisor view. At its time it is offered
 * as any hot lead is.
 */
export const upcomingCallbackSchema = z.strictObject({
  leadId: z.string(),
  name: z.string(),
  phone: z.string().describe('E.164'),
  siteName: z.string(),
  at: z.number().int().describe('The booked time'),
  timeZone: z.string().nullable().describe("The visitor's IANA time zone, when their browser told us"),
  answers: z.array(z.strictObject({ question: z.string(), answer: z.string() })),
  score: z.number(),
  reasons: z.array(reasonSchema).describe('Why it is hot'),
  teams: z
    .array(z.strictObject({ id: z.string(), name: z.string() }))
    .nullable()
    .describe('The teams whose reps it will be offered to; null: everyone in the workspace (no rule matched)'),
  meeting: z
    .strictObject({ repId: z.string(), repName: z.string(), endsAt: z.number().int() })
    .optional()
    .describe('The meeting booked with one rep (offered to them first at its time); absent for a callback booked before meetings existed'),
});

/** An offer as the rep's live channel pushes it. */
export const offerViewSchema = z.strictObject({
  offerId: z.string(),
  leadId: z.string(),
  offeredAt: z.number().int(),
  expiresAt: z.number().int(),
  lead: leadCardSchema,
});

/** `GET /v1/console/follow-ups`: the rep's open follow-up attempts, soonest due first. */
export const followUpTaskSchema = z.strictObject({
  id: z.string(),
  leadId: z.string(),
  leadName: z.string(),
  phone: z.string(),
  attempt: z.number().int(),
  dueAt: z.number().int(),
});

/** `GET /v1/console/leads/warm`: a warm MQL nobody works on yet. */
export const warmLeadRowSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  score: z.number(),
  reasons: z.array(z.string()),
  capturedAt: z.number().int(),
});

/** `POST /v1/console/leads/:id/offer`: the offer made. */
export const forcedOfferSchema = z.strictObject({ offerId: z.string(), expiresAt: z.number().int() });

/** Query of `GET /v1/console/leads/mine`. */
export const myLeadsQuerySchema = z.object({
  stage: z.enum(STAGES, 'Unknown stage').optional().describe('Only leads in this stage'),
  due: z.string().optional().describe('`1`: only leads with a follow-up due now'),
});
