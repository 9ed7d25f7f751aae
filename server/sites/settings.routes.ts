import { Hono } from 'hono';
import { siteSettingsSchema } from '../../shared/schemas/site-rules.schema';
import type { AppDeps } from '../app';
import { requireSameOrigin, requireUser, type AuthEnv } from '../auth/session';
import { readBody } from '../http/body';
import { ApiFailure } from '../http/errors';

/**
 * A site's tracking settings and protections (admin and manager): consent mode, click
 * selectors, the bot filter and the per-visitor event rate. Mounted at /v1/sites/:siteId/settings.
 */
export function siteSettingsRoutes(deps: AppDeps) {
  const { store, tracking, clock, sites } = deps;
  const app = new Hono<AuthEnv>();
  app.use('*', requireSameOrigin());
  app.use('*', requireUser(store, clock));

  async function ownedSite(workspaceId: string, role: string, siteId: string) {
    if (role === 'rep') throw new ApiFailure(403, 'forbidden', 'Only admins and managers change site settings');
    const site = (await store.sitesOfWorkspace(workspaceId)).find((s) => s.id === siteId);
    if (!site) throw new ApiFailure(404, 'not_found', 'No such site');
    return site;
  }

  app.get('/', async (c) => {
    const user = c.get('user');
    const site = await ownedSite(user.workspaceId, user.role, c.req.param('siteId')!);
    return c.json(await tracking.settings(site.id));
  });

  app.put('/', async (c) => {
    const user = c.get('user');
    const site = await ownedSite(user.workspaceId, user.role, c.req.param('siteId')!);
    const body = await readBody(c, siteSettingsSchema);
    await tracking.saveSettings(site.id, site.workspaceId, body);
    sites.invalidate(site.siteKey);
    return c.json(body);
  });

  return app;
}
