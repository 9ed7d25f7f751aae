import { Hono } from 'hono';
import { accountOwnersSchema, repSettingsSchema } from '../../shared/schemas/routing-config.schema';
import type { AppDeps } from '../app';
import { requireSameOrigin, requireUser, type AuthEnv } from '../auth/session';
import { readBody } from '../http/body';
import { ApiFailure } from '../http/errors';
import { checkReps, requireRoutingEditor } from './routing-access';

/**
 * Reps' routing settings (admin and manager): capacities, skills, languages, territories and
 * their own hours, with the teams each is in. Mounted at /v1/console/reps.
 */
export function repRoutes(deps: AppDeps) {
  const { store, clock } = deps;
  const app = new Hono<AuthEnv>();
  app.use('*', requireUser(store, clock));
  app.use('*', requireRoutingEditor());

  async function list(workspaceId: string) {
    const [reps, teams] = await Promise.all([store.repSettings(workspaceId), store.teams(workspaceId)]);
    return reps.map((r) => ({ ...r, teams: teams.filter((t) => t.members.some((m) => m.repId === r.id)).map((t) => ({ id: t.id, name: t.name })) }));
  }

  app.get('/', async (c) => c.json(await list(c.get('user').workspaceId)));

  app.put('/:id', requireSameOrigin(), async (c) => {
    const ws = c.get('user').workspaceId;
    if (!(await store.repSettings(ws)).some((r) => r.id === c.req.param('id'))) throw new ApiFailure(404, 'not_found', 'No such user');
    const body = await readBody(c, repSettingsSchema);
    await store.updateRep(c.req.param('id'), body);
    // More capacity or wider hours may free someone for a waiting lead.
    await deps.router.repAvailable(ws);
    return c.json((await list(ws)).find((r) => r.id === c.req.param('id')));
  });

  return app;
}

/** Account ownership (admin and manager): leads from an email domain go to its rep first. Mounted at /v1/console/account-owners. */
export function accountOwnerRoutes(deps: AppDeps) {
  const { store, clock } = deps;
  const app = new Hono<AuthEnv>();
  app.use('*', requireUser(store, clock));
  app.use('*', requireRoutingEditor());

  app.get('/', async (c) => c.json({ owners: await store.accountOwners(c.get('user').workspaceId) }));

  app.put('/', requireSameOrigin(), async (c) => {
    const ws = c.get('user').workspaceId;
    const body = await readBody(c, accountOwnersSchema);
    await checkReps(
      store,
      ws,
      body.owners.map((o, i) => [`owners.${i}.repId`, o.repId]),
    );
    await store.setAccountOwners(ws, body.owners);
    return c.json({ owners: await store.accountOwners(ws) });
  });

  return app;
}
