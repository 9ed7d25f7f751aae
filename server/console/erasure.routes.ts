import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { requireUser, type AuthEnv } from '../auth/session';
import { toE164 } from '../callbacks/phone';
import { readBody } from '../http/body';
import { erasureSchema } from '../../shared/schemas/console.schema';
import { ApiFailure } from '../http/errors';

/** Erase a person (admin): everything about them, and a record that it happened. */
export function erasureRoutes(deps: AppDeps) {
  const { store, clock } = deps;
  const app = new Hono<AuthEnv>();
  app.use('*', requireUser(store, clock));

  app.post('/', async (c) => {
    const user = c.get('user');
    if (user.role !== 'admin') throw new ApiFailure(403, 'forbidden', 'Only admins erase people');
    const body = await readBody(c, erasureSchema);
    const sites = await store.sitesOfWorkspace(user.workspaceId);
    const region = (siteId: string) => sites.find((s) => s.id === siteId)?.phoneRegion ?? 'US';
    const phone = body.phone ? (sites.map((s) => toE164(body.phone!, s.phoneRegion)).find((p) => p !== null) ?? null) : null;
    if (body.phone && !phone) throw new ApiFailure(400, 'invalid', 'Some fields need attention', { phone: 'This does not look like a valid phone number' });
    const result = await deps.erase(
      user.workspaceId,
      {
        phone,
        email: body.email ?? null,
        phoneMatches: (typed, siteId) => toE164(typed, region(siteId)) === phone,
      },
      user.id,
      clock(),
    );
    return c.json(result);
  });

  return app;
}
