import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { requireUser, type AuthEnv } from '../auth/session';
import { ApiFailure } from '../http/errors';

/** Start of the server's current UTC day: "SLA breaches today". */
function startOfDay(now: number): number {
  return now - (now % (24 * 3600 * 1000));
}

/**
 * The rep's follow-up tasks, and the supervisor view (manager and admin): who is online and in
 * what state, open offers with their timers, the waiting queue and today's SLA breaches.
 * Mounted at /v1/console.
 */
export function workspaceRoutes(deps: AppDeps) {
  const { store, clock, workspace, router } = deps;
  const app = new Hono<AuthEnv>();
  app.use('/follow-ups', requireUser(store, clock));
  app.use('/supervisor', requireUser(store, clock));

  app.get('/follow-ups', async (c) => c.json(await store.followUps(c.get('user').id)));

  app.get('/supervisor', async (c) => {
    const user = c.get('user');
    if (user.role === 'rep') throw new ApiFailure(403, 'forbidden', 'The supervisor view is for managers and admins');
    const [presence, view] = await Promise.all([router.presenceOf(user.workspaceId), workspace.supervisor(user.workspaceId, startOfDay(clock()))]);
    const load = new Map(view.load.map((l) => [l.repId, l]));
    return c.json({
      reps: presence.map((p) => ({ ...p, openOffers: load.get(p.repId)?.openOffers ?? 0, activeLeads: load.get(p.repId)?.activeLeads ?? 0 })),
      offers: view.offers,
      waiting: view.waiting,
      breachesToday: view.breachesToday,
      active: view.active,
    });
  });

  return app;
}
