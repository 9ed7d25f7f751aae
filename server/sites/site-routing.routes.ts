import { Hono } from 'hono';
import { routingRuleSchema, ruleOrderSchema, siteRoutingSchema, type RoutingRuleInput } from '../../shared/schemas/routing-config.schema';
import type { AppDeps } from '../app';
import { requireSameOrigin, requireUser, type AuthEnv } from '../auth/session';
import { checkTeams, requireRoutingEditor } from '../console/routing-access';
import { readBody } from '../http/body';
import { ApiFailure } from '../http/errors';
import { withReachability } from '../routing/rule-reachability.core';
import type { Site } from '../db/store';

/**
 * A site's routing (admin and manager): its ordered routing rules (first match wins) and its
 * offer timeout, SLA target, missed offers before away, follow-up cadence, and the device
 * timeout and order of reps "Available on my devices".
 * Every rule comes back with `unreachable`: why it can never match under the site's published
 * questions, or null. A new rule goes above the first catch-all (the store places it).
 * Mounted at /v1/console/sites.
 */
export function siteRoutingRoutes(deps: AppDeps) {
  const { store, clock, sites } = deps;
  const app = new Hono<AuthEnv>();
  app.use('/:siteId/routing', requireUser(store, clock), requireRoutingEditor());
  app.use('/:siteId/routing-rules', requireUser(store, clock), requireRoutingEditor());
  app.use('/:siteId/routing-rules/*', requireUser(store, clock), requireRoutingEditor());

  async function owned(workspaceId: string, siteId: string) {
    const site = (await store.sitesOfWorkspace(workspaceId)).find((s) => s.id === siteId);
    if (!site) throw new ApiFailure(404, 'not_found', 'No such site');
    return site;
  }

  /** The site's rules in order, each with its verdict under the published questions. */
  const rulesOf = async (site: Site) => withReachability(await store.routingRules(site.id), site.rules.questions);

  async function ownedRule(site: Site, ruleId: string) {
    const rule = (await rulesOf(site)).find((r) => r.id === ruleId);
    if (!rule) throw new ApiFailure(404, 'not_found', 'No such routing rule');
    return rule;
  }

  const checkRuleTeams = (ws: string, r: RoutingRuleInput) =>
    checkTeams(store, ws, [
      ['teamId', r.teamId],
      ['overflowTeamId', r.overflowTeamId],
    ]);

  app.get('/:siteId/routing', async (c) => {
    const s = await owned(c.get('user').workspaceId, c.req.param('siteId'));
    return c.json({
      offerTimeoutMs: s.offerTimeoutMs,
      slaMs: s.slaMs,
      missedOffersBeforeAway: s.missedOffersBeforeAway,
      followUpCadence: s.followUpCadence,
      deviceTimeoutMs: s.deviceTimeoutMs,
      deviceOrder: s.deviceOrder,
    });
  });

  app.put('/:siteId/routing', requireSameOrigin(), async (c) => {
    const site = await owned(c.get('user').workspaceId, c.req.param('siteId'));
    const body = await readBody(c, siteRoutingSchema);
    await store.updateSiteRouting(site.id, body);
    sites.invalidate(site.siteKey);
    return c.json(body);
  });

  app.get('/:siteId/routing-rules', async (c) => {
    const site = await owned(c.get('user').workspaceId, c.req.param('siteId'));
    return c.json(await rulesOf(site));
  });

  app.post('/:siteId/routing-rules', requireSameOrigin(), async (c) => {
    const ws = c.get('user').workspaceId;
    const site = await owned(ws, c.req.param('siteId'));
    const body = await readBody(c, routingRuleSchema);
    await checkRuleTeams(ws, body);
    const id = await store.createRoutingRule(site.id, body, clock());
    return c.json(await ownedRule(site, id), 201);
  });

  // Before `/:ruleId` so "order" is never taken for a rule id.
  app.put('/:siteId/routing-rules/order', requireSameOrigin(), async (c) => {
    const site = await owned(c.get('user').workspaceId, c.req.param('siteId'));
    const body = await readBody(c, ruleOrderSchema);
    const ids = new Set((await store.routingRules(site.id)).map((r) => r.id));
    const unknown = body.ruleIds.findIndex((id) => !ids.has(id));
    if (unknown >= 0) throw new ApiFailure(400, 'invalid', 'Some fields need attention', { [`ruleIds.${unknown}`]: 'No such rule on this site' });
    await store.reorderRoutingRules(site.id, body.ruleIds);
    return c.json(await rulesOf(site));
  });

  app.put('/:siteId/routing-rules/:ruleId', requireSameOrigin(), async (c) => {
    const ws = c.get('user').workspaceId;
    const site = await owned(ws, c.req.param('siteId'));
    const rule = await ownedRule(site, c.req.param('ruleId'));
    const body = await readBody(c, routingRuleSchema);
    await checkRuleTeams(ws, body);
    await store.updateRoutingRule(rule.id, body);
    return c.json(await ownedRule(site, rule.id));
  });

  app.delete('/:siteId/routing-rules/:ruleId', requireSameOrigin(), async (c) => {
    const site = await owned(c.get('user').workspaceId, c.req.param('siteId'));
    const rule = await ownedRule(site, c.req.param('ruleId'));
    await store.deleteRoutingRule(rule.id);
    return c.body(null, 204);
  });

  return app;
}
