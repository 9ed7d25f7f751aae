import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { requireSameOrigin, requireUser, type AuthEnv } from '../auth/session';
import { newSiteSchema } from '../../shared/schemas/routing-config.schema';
import { appearanceSettingsSchema, siteUpdateSchema } from '../../shared/schemas/site-admin.schema';
import { snippet } from '../demo/demo-page';
import type { Site } from '../db/store';
import { readBody } from '../http/body';
import { ApiFailure } from '../http/errors';
import { DEFAULT_SITE } from './default-site';

/** How long a rotated-out key keeps working: long enough to redeploy the pages that carry it. */
const KEY_GRACE_MS = 7 * 24 * 3600 * 1000;

/**
 * Sites of the workspace (admin and manager): the snippet, the install check, origins, key
 * rotation without downtime, and the widget's appearance. Mounted at /v1/console/sites.
 */
export function sitesAdminRoutes(deps: AppDeps) {
  const { store, sitesAdmin, clock, sites } = deps;
  const app = new Hono<AuthEnv>();
  app.use('*', requireUser(store, clock));
  app.use('*', async function requireSiteOwner(c, next) {
    if (c.get('user').role === 'rep') throw new ApiFailure(403, 'forbidden', 'Only admins and managers manage sites');
    await next();
  });

  async function owned(workspaceId: string, siteId: string) {
    const site = (await store.sitesOfWorkspace(workspaceId)).find((s) => s.id === siteId);
    if (!site) throw new ApiFailure(404, 'not_found', 'No such site');
    return site;
  }

  async function view(base: string, s: Site) {
    return {
      id: s.id,
      name: s.name,
      siteKey: s.siteKey,
      allowedOrigins: s.allowedOrigins,
      phoneRegion: s.phoneRegion,
      offerTimeoutMs: s.offerTimeoutMs,
      snippet: snippet(base, s.siteKey),
      installs: await sitesAdmin.installs(s.id),
      appearance: await sitesAdmin.appearance(s.id),
    };
  }

  app.get('/', async (c) => {
    const base = deps.config.publicUrl ?? new URL(c.req.url).origin;
    const list = await store.sitesOfWorkspace(c.get('user').workspaceId);
    return c.json(await Promise.all(list.map((s) => view(base, s))));
  });

  /** A new site starts with the default must-haves and a catch-all rule to the workspace's first team. */
  app.post('/', requireSameOrigin(), async (c) => {
    const ws = c.get('user').workspaceId;
    const body = await readBody(c, newSiteSchema);
    const key = `site_${randomBytes(12).toString('base64url')}`;
    const id = await store.createSite(ws, { ...DEFAULT_SITE(deps.config.offerTimeoutMs), ...body, siteKey: key }, clock());
    const [first] = await store.teams(ws);
    if (first)
      await store.createRoutingRule(
        id,
        { name: 'Everyone else', conditions: [], teamId: first.id, strategy: 'round_robin', escalateToEveryone: true },
        clock(),
      );
    const site = (await store.sitesOfWorkspace(ws)).find((s) => s.id === id)!;
    return c.json(await view(deps.config.publicUrl ?? new URL(c.req.url).origin, site), 201);
  });

  app.put('/:siteId', requireSameOrigin(), async (c) => {
    const site = await owned(c.get('user').workspaceId, c.req.param('siteId'));
    const body = await readBody(c, siteUpdateSchema);
    await sitesAdmin.update(site.workspaceId, site.id, body);
    sites.invalidate(site.siteKey);
    return c.json(body);
  });

  app.post('/:siteId/rotate-key', requireSameOrigin(), async (c) => {
    const site = await owned(c.get('user').workspaceId, c.req.param('siteId'));
    const key = `site_${randomBytes(12).toString('base64url')}`;
    await sitesAdmin.rotateKey(site.workspaceId, site.id, key, clock(), KEY_GRACE_MS);
    sites.invalidate(site.siteKey);
    const base = deps.config.publicUrl ?? new URL(c.req.url).origin;
    return c.json({ siteKey: key, snippet: snippet(base, key), previousKeyValidUntil: clock() + KEY_GRACE_MS });
  });

  app.put('/:siteId/appearance', requireSameOrigin(), async (c) => {
    const site = await owned(c.get('user').workspaceId, c.req.param('siteId'));
    const body = await readBody(c, appearanceSettingsSchema);
    await sitesAdmin.saveAppearance(site.id, site.workspaceId, body);
    sites.invalidate(site.siteKey);
    return c.json(await sitesAdmin.appearance(site.id));
  });

  return app;
}
