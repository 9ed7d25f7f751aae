import { Hono } from 'hono';
import { outcomeSchema } from '../../shared/schemas/console.schema';
import type { AppDeps } from '../app';
import { requireUser, type AuthEnv } from '../auth/session';
import { readBody } from '../http/body';
import { ApiFailure } from '../http/errors';

/** The rep's leads: read the card, record the first call attempt, log the outcome. */
export function leadRoutes(deps: AppDeps) {
  const { store, clock, notify } = deps;
  const app = new Hono<AuthEnv>();
  app.use('*', requireUser(store, clock));

  app.get('/mine', async (c) => c.json(await store.myLeads(c.get('user').id)));

  app.get('/:id', async (c) => {
    const card = await store.leadCard(c.req.param('id'), c.get('user').workspaceId);
    if (!card) throw new ApiFailure(404, 'not_found', 'No such lead');
    return c.json(card);
  });

  app.post('/:id/call', async (c) => {
    const user = c.get('user');
    const card = await store.recordCallAttempt(c.req.param('id'), user.id, user.workspaceId, clock());
    if (!card) throw new ApiFailure(404, 'not_found', 'No such lead among yours');
    notify.leadUpdated(user.id, card);
    return c.json(card);
  });

  app.post('/:id/outcome', async (c) => {
    const user = c.get('user');
    const input = await readBody(c, outcomeSchema);
    const card = await store.recordOutcome(c.req.param('id'), user.id, user.workspaceId, input, clock());
    if (!card) throw new ApiFailure(404, 'not_found', 'No such lead');
    if (card === 'not_owner') throw new ApiFailure(403, 'not_owner', 'Only the rep who owns this lead can log its outcome');
    notify.leadUpdated(user.id, card);
    // The rep's active leads went down: waiting leads may be offered to them now.
    await deps.router.outcomeLogged(user.workspaceId);
    return c.json(card);
  });

  return app;
}
