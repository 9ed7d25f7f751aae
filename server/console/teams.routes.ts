import { Hono } from 'hono';
import { newTeamSchema, teamMembersSchema, teamSchema } from '../../shared/schemas/routing-config.schema';
import type { AppDeps } from '../app';
import { requireSameOrigin, requireUser, type AuthEnv } from '../auth/session';
import { readBody } from '../http/body';
import { ApiFailure } from '../http/errors';
import { checkReps, requireRoutingEditor } from './routing-access';

/**
 * Teams of the workspace (admin and manager): name, business hours (time zone, weekly
 * intervals, holidays) and members with weights. Mounted at /v1/console/teams.
 */
export function teamRoutes(deps: AppDeps) {
  const { store, clock } = deps;
  const app = new Hono<AuthEnv>();
  app.use('*', requireUser(store, clock));
  app.use('*', requireRoutingEditor());

  async function owned(workspaceId: string, teamId: string) {
    const team = (await store.teams(workspaceId)).find((t) => t.id === teamId);
    if (!team) throw new ApiFailure(404, 'not_found', 'No such team');
    return team;
  }

  app.get('/', async (c) => c.json(await store.teams(c.get('user').workspaceId)));

  app.post('/', requireSameOrigin(), async (c) => {
    const ws = c.get('user').workspaceId;
    const body = await readBody(c, newTeamSchema);
    await checkReps(
      store,
      ws,
      body.members.map((m, i) => [`members.${i}.repId`, m.repId]),
    );
    const id = await store.createTeam(ws, body, clock());
    return c.json(await owned(ws, id), 201);
  });

  app.put('/:id', requireSameOrigin(), async (c) => {
    const ws = c.get('user').workspaceId;
    const team = await owned(ws, c.req.param('id'));
    const body = await readBody(c, teamSchema);
    await store.updateTeam(team.id, body);
    return c.json(await owned(ws, team.id));
  });

  app.put('/:id/members', requireSameOrigin(), async (c) => {
    const ws = c.get('user').workspaceId;
    const team = await owned(ws, c.req.param('id'));
    const body = await readBody(c, teamMembersSchema);
    await checkReps(
      store,
      ws,
      body.members.map((m, i) => [`members.${i}.repId`, m.repId]),
    );
    const repeated = body.members.findIndex((m, i) => body.members.findIndex((o) => o.repId === m.repId) !== i);
    if (repeated >= 0) throw new ApiFailure(400, 'invalid', 'Some fields need attention', { [`members.${repeated}.repId`]: 'Listed twice' });
    await store.setTeamMembers(team.id, body.members);
    // Routing may now have someone for leads that were waiting.
    await deps.router.repAvailable(ws);
    return c.json(await owned(ws, team.id));
  });

  return app;
}
