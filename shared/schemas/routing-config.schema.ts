// Routing configuration as the console edits it: teams and their hours, rep settings, routing
// rules, account owners, site routing settings and new sites. Field-level messages point at the
// input to fix; the server validates with these and the console shows the messages.
import { z } from 'zod';

/** A time zone the runtime knows (IANA names such as `Europe/Berlin`). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Use a time like 09:00');

export const hoursIntervalSchema = z
  .strictObject({
    day: z.number().int().min(1, 'Pick a weekday').max(7, 'Pick a weekday'),
    open: clock,
    close: clock,
  })
  .refine((i) => i.open < i.close, { path: ['close'], message: 'Close after it opens' });

export const hoursSchema = z.strictObject({
  timeZone: z.string().min(1, 'Pick a time zone').max(64).refine(isTimeZone, 'Unknown time zone'),
  weekly: z.array(hoursIntervalSchema).max(70),
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-12-25')).max(366),
});

const name = z.string().trim().min(1, 'Enter a name').max(120);
const id = z.string().min(1).max(64);

export const teamMemberSchema = z.strictObject({
  repId: id,
  weight: z.number().int('Use a whole number').min(1, 'At least 1').max(100, 'At most 100'),
});

export const teamSchema = z.strictObject({ name, hours: hoursSchema });
export const newTeamSchema = teamSchema.extend({ members: z.array(teamMemberSchema).max(200).default([]) });
export const teamMembersSchema = z.strictObject({ members: z.array(teamMemberSchema).max(200) });

const skill = z.string().trim().min(1).max(40);
const language = z.string().regex(/^[a-z]{2}$/, 'Use a two-letter language code such as de');
const territory = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^([A-Z]{2}|\*)$/, 'Use a two-letter country code such as DE, or *'));

export const repSettingsSchema = z.strictObject({
  offerCapacity: z.number().int('Use a whole number').min(1, 'At least 1').max(20, 'At most 20').optional(),
  leadCapacity: z.number().int('Use a whole number').min(1, 'At least 1').max(200, 'At most 200').optional(),
  skills: z.array(skill).max(30).optional(),
  languages: z.array(language).max(30).optional(),
  territories: z.array(territory).max(300).optional(),
  ownHours: hoursSchema.nullable().optional(),
});

const values = z.array(z.string().trim().min(1).max(200)).min(1, 'Add at least one value').max(100);

export const conditionSchema = z.discriminatedUnion('field', [
  z.strictObject({
    field: z.enum(['answer', 'trait']),
    key: z.string().trim().min(1, 'Which question or trait').max(64),
    op: z.enum(['in', 'not_in']),
    values,
  }),
  z.strictObject({ field: z.enum(['country', 'source', 'utm_source', 'utm_medium', 'utm_campaign', 'email_domain']), op: z.enum(['in', 'not_in']), values }),
  z.strictObject({ field: z.literal('page'), op: z.enum(['contains', 'not_contains']), values }),
  z.strictObject({
    field: z.enum(['score', 'company_size']),
    op: z.enum(['gte', 'lt']),
    value: z.number('Enter a number').int('Use a whole number').min(0).max(1_000_000),
  }),
]);
export type ConditionInput = z.infer<typeof conditionSchema>;

export const STRATEGIES = ['round_robin', 'weighted', 'account_owner', 'broadcast'] as const;

export const routingRuleSchema = z.strictObject({
  name,
  conditions: z.array(conditionSchema).max(20),
  teamId: id,
  strategy: z.enum(STRATEGIES, 'Pick a strategy'),
  overflowTeamId: id.nullable().default(null),
  escalateToEveryone: z.boolean().default(false),
  requires: z
    .strictObject({ skills: z.array(skill).max(20).default([]), languages: z.array(language).max(20).default([]), territory: z.boolean().default(false) })
    .default({ skills: [], languages: [], territory: false }),
  ownerWaitMs: z.number().int().min(0, 'Zero or more').max(3_600_000, 'At most an hour').default(0),
  /** Escalation ladder: every rep of the team at once this long after the hand-raise; null = no such step. */
  teamAllAfterMs: z.number().int('Use whole seconds').min(0, 'Zero or more').max(3_600_000, 'At most an hour').nullable().default(null),
  /** Escalation ladder: alert the workspace's managers (push and email) when nobody took the lead. */
  alertManagers: z.boolean().default(false),
});
export type RoutingRuleInput = z.infer<typeof routingRuleSchema>;

export const ruleOrderSchema = z.strictObject({ ruleIds: z.array(id).max(500) });

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((d) => d.replace(/^@/, ''))
  .pipe(z.string().regex(/^(?=.{3,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/, 'Use a domain like example.com'));

export const accountOwnersSchema = z.strictObject({ owners: z.array(z.strictObject({ domain, repId: id })).max(5000) }).superRefine((b, ctx) => {
  const seen = new Set<string>();
  b.owners.forEach((o, i) => {
    if (seen.has(o.domain)) ctx.addIssue({ code: 'custom', path: ['owners', i, 'domain'], message: 'This domain is listed twice' });
    seen.add(o.domain);
  });
});

/** Reps on their devices: after reps with a live tab decline or time out, or together with them. */
export const DEVICE_ORDERS = ['tabs_first', 'with_tabs'] as const;

export const siteRoutingSchema = z.strictObject({
  offerTimeoutMs: z.number().int().min(5_000, 'At least 5 seconds').max(600_000, 'At most 10 minutes'),
  slaMs: z.number().int().min(10_000, 'At least 10 seconds').max(86_400_000, 'At most a day'),
  missedOffersBeforeAway: z.number().int('Use a whole number').min(0, 'Zero or more').max(20, 'At most 20'),
  followUpCadence: z.strictObject({
    offsetsBusinessDays: z
      .array(z.number().int('Use whole days').min(0, 'Zero or more').max(90, 'At most 90'))
      .min(1, 'Plan at least one attempt')
      .max(20, 'At most 20 attempts')
      .refine((xs) => xs.every((x, i) => i === 0 || x > xs[i - 1]!), 'Each attempt after the one before'),
  }),
  /** Accept timeout of an offer to a rep "Available on my devices". Optional so older clients keep working. */
  deviceTimeoutMs: z.number().int().min(5_000, 'At least 5 seconds').max(600_000, 'At most 10 minutes').optional(),
  deviceOrder: z.enum(DEVICE_ORDERS, 'Pick when reps on their devices are offered').optional(),
});

export const originSchema = z
  .string()
  .max(300)
  .refine((o) => /^https?:\/\/[^/\s?#]+$/.test(o), 'Use an origin like https://example.com or http://localhost:*');

export const newSiteSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name the site').max(200),
  allowedOrigins: z.array(originSchema).min(1, 'Allow at least one origin').max(50),
  phoneRegion: z.string().regex(/^[A-Z]{2}$/, 'Use a two-letter country code'),
});
