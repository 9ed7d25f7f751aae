import { Hono } from 'hono';
import { noteSchema, outcomeSchema, repIdSchema } from '../../shared/schemas/console.schema';
import { myLeadsQuerySchema } from '../../shared/schemas/lead-card.schema';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../app';
import { requireUser, type AuthEnv } from '../auth/session';
import { readBody } from '../http/body';
import { isCallResult } from '../../shared/outcomes';
import { ApiFailure, invalid } from '../http/errors';

const requireManager: MiddlewareHandler<AuthEnv> = async function requireManager(c, next) {
  if (c.get('user').role === 'rep') throw new ApiFailure(403, 'forbidden', 'Only managers and admins can do that');
  await next();
};

/** The rep's leads: read the card, record the first call attempt, log the outcome. */
export function leadRoutes(deps: AppDeps) {
  const { store, clock, notify, workspace } = deps;
  const app = new Hono<AuthEnv>();
  app.use('*', requireUser(store, clock));

  app.get('/mine', async (c) => {
    const query = myLeadsQuerySchema.safeParse(c.req.query());
    if (!query.success) throw invalid(query.error);
    const { stage, due } = query.data;
    return c.json(await workspace.mine(c.get('user').id, { ...(stage ? { stage } : {}), ...(due === '1' ? { dueBy: clock() } : {}) }));
  });

  /** The team's warm MQLs (not hot, nobody on them), oldest first: reps can pull from it. */
  app.get('/warm', async (c) => c.json(await workspace.warm(c.get('user').workspaceId, 100)));

  app.post('/:id/claim', async (c) => {
    const user = c.get('user');
    const claimed = await workspace.claim(c.req.param('id'), user.id, user.workspaceId, clock());
    if (claimed === 'not_found') throw new ApiFailure(404, 'not_found', 'No such lead');
    if (claimed === 'not_available') throw new ApiFailure(409, 'not_available', 'Someone already has this lead, or it is no longer a warm MQL');
    const card = (await store.leadCard(c.req.param('id'), user.workspaceId))!;
    notify.leadUpdated(user.id, card);
    return c.json(card);
  });

  app.post('/:id/notes', async (c) => {
    const user = c.get('user');
    const { text } = await readBody(c, noteSchema);
    if (!(await workspace.addNote(c.req.param('id'), user.workspaceId, user.id, text, clock()))) throw new ApiFailure(404, 'not_found', 'No such lead');
    const card = (await store.leadCard(c.req.param('id'), user.workspaceId))!;
    notify.leadUpdated(user.id, card);
    return c.json(card);
  });

  app.post('/:id/reassign', requireManager, async (c) => {
    const user = c.get('user');
    const { repId } = await readBody(c, repIdSchema);
    const r = await workspace.reassign(c.req.param('id'), repId, user.workspaceId, user.id, clock());
    if (r === 'not_found') throw new ApiFailure(404, 'not_found', 'No such lead or rep');
    if (r === 'not_owned') throw new ApiFailure(409, 'not_owned', 'Nobody owns this lead yet: offer it instead');
    const card = (await store.leadCard(c.req.param('id'), user.workspaceId))!;
    notify.leadUpdated(repId, card);
    return c.json(card);
  });

  app.post('/:id/offer', requireManager, async (c) => {
    const user = c.get('user');
    const { repId } = await readBody(c, repIdSchema);
    const r = await workspace.forceOffer(c.req.param('id'), repId, user.workspaceId, user.id, clock());
    if (r === 'not_found') throw new ApiFailure(404, 'not_found', 'No such lead or rep');
    if (r === 'owned') throw new ApiFailure(409, 'owned', 'Someone already owns this lead: reassign it instead');
    if (r === 'already_offered') throw new ApiFailure(409, 'already_offered', 'This rep already has an open offer for this lead');
    await deps.router.offered([r]);
    return c.json({ offerId: r.id, expiresAt: r.expiresAt }, 201);
  });

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
    const card = await store.recordOutcome(c.req.param('id'), user.id, user.workspaceId, input, clock(), user.role !== 'rep');
    if (!card) throw new ApiFailure(404, 'not_found', 'No such lead');
    if ('error' in card) {
      if (card.error === 'not_owner')
        throw new ApiFailure(
          403,
          'not_owner',
          user.role === 'rep' ? 'Only the rep who owns this lead can log its outcome' : 'Only the rep who owns this lead can log a call on it',
        );
      if (card.error === 'reason_required') throw new ApiFailure(400, 'invalid', 'Some fields need attention', { reason: card.message });
      // The stage machine or the follow-up cadence says no: a conflict with the lead's state, named.
      throw new ApiFailure(409, card.error, card.message);
    }
    // A booked meeting's first call says whether it was held or a no-show (in the trail, in Numbers).
    const noted = await deps.meetings.callLogged(card.id, input.call ?? (isCallResult(input.outcome) ? input.outcome : undefined));
    const shown = (noted && (await store.leadCard(card.id, user.workspaceId))) || card;
    notify.leadUpdated(user.id, shown);
    // The rep's active leads went down: waiting leads may be offered to them now.
    await deps.router.outcomeLogged(user.workspaceId, card.id);
    return c.json(shown);
  });

  return app;
}
