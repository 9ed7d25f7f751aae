// Response bodies of the console's admin endpoints that the OpenAPI document describes (users,
// rules versions, routing, teams, reps, erasure). Built from the request schemas where the
// server answers with what it stored, so a field added to a request shows in its answer too.
import { z } from 'zod';
import { userRoleSchema } from './console.schema';
import { hoursSchema, repSettingsSchema, routingRuleSchema, teamMemberSchema } from './routing-config.schema';
import { siteRulesSchema } from './site-rules.schema';

/** `GET /v1/console/users`. */
export const userRowSchema = z.strictObject({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: userRoleSchema,
  active: z.boolean(),
  createdAt: z.number().int(),
});

/** `GET /v1/console/users/invites`: invites not yet accepted, revoked or expired. */
export const inviteRowSchema = z.strictObject({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: userRoleSchema,
  createdAt: z.number().int(),
  expiresAt: z.number().int(),
});

/** `GET /v1/sites/:siteId/rules`: the published rules and every version. */
export const rulesResponseSchema = z.strictObject({
  current: siteRulesSchema,
  versions: z.array(
    z.strictObject({
      version: z.number().int(),
      status: z.enum(['draft', 'published', 'retired']),
      rules: siteRulesSchema,
      createdAt: z.number().int(),
      publishedAt: z.number().int().nullable(),
      /** When a later version replaced it (or a rollback retired it); null while it is live or a draft. */
      retiredAt: z.number().int().nullable(),
    }),
  ),
});

/** A routing rule as stored: the request's fields, its id and its place in the order (first match wins). */
export const routingRuleViewSchema = routingRuleSchema.extend({
  id: z.string(),
  position: z.number().int().describe('Rules are tried in ascending position; the first that matches wins'),
  unreachable: z
    .strictObject({
      code: z.enum(['not_asked', 'not_an_option', 'rules_out', 'contradiction', 'after_catch_all', 'shadowed']),
      reason: z.string(),
    })
    .nullable()
    .describe('Why no routed lead can ever match this rule under the published questions, or null'),
});

/** A team with its hours and members. */
export const teamViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  hours: hoursSchema,
  members: z.array(teamMemberSchema.extend({ name: z.string() })),
});

/** `GET /v1/console/reps`: each user with their routing settings and the teams they are in. */
export const repViewSchema = repSettingsSchema.required().extend({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: userRoleSchema,
  teams: z.array(z.strictObject({ id: z.string(), name: z.string() })),
});

/** `GET|PUT /v1/console/account-owners`. */
export const accountOwnersViewSchema = z.strictObject({
  owners: z.array(z.strictObject({ domain: z.string(), repId: z.string() })),
});

/** `POST /v1/console/erasures`: rows removed per table. */
export const erasureResultSchema = z.strictObject({ removed: z.record(z.string(), z.number().int()) });
