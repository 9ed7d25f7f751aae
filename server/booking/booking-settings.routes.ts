// A site's meeting settings (admins and managers): meeting length, minimum notice, buffer.
// Mounted at /v1/console/sites; read by the meeting times (booking-slots.core.ts).
import { Hono } from 'hono';
import { bookingSettingsSchema } from '../../shared/schemas/booking.schema';
import type { AppDeps } from '../app';
import { requireSameOrigin, requireUser, type AuthEnv } from '../auth/session';
import { requireRoutingEditor } from '../console/routing-access';
import { readBody } from '../http/body';
import { ApiFailure } from '../http/errors';

export function bookingSettingsRoutes(deps: AppDeps) {
  const { store, clock } = deps;
  const app = new Hono<AuthEnv>();
  app.use('/:siteId/booking', requireUser(store, clock), requireRoutingEditor());

  async function owned(workspaceId: string, siteId: string) {
    const site = (await store.sitesOfWorkspace(workspaceId)).find((s) => s.id === siteId);
    if (!site) throw new ApiFailure(404, 'not_found', 'No such site');
    return site;
  }

  app.get('/:siteId/booking', async (c) => {
    const site = await owned(c.get('user').workspaceId, c.req.param('siteId'));
    return c.json(await store.bookingSettings(site.id));
  });

  app.put('/:siteId/booking', requireSameOrigin(), async (c) => {
    const site = await owned(c.get('user').workspaceId, c.req.param('siteId'));
    const body = await readBody(c, bookingSettingsSchema);
    await store.setBookingSettings(site.id, body);
    return c.json(body);
  });

  return app;
}
