import { randomBytes, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { requireSameOrigin, requireUser, type AuthEnv } from '../auth/session';
import { readBody } from '../http/body';
import { ApiFailure } from '../http/errors';
import { allowListFrom, targetOf, type AllowList } from '../net';
import { webhookRequestSchema } from '../../shared/schemas/webhook.schema';
import { newWebhookView, webhookView } from './webhook-view';

/**
 * A literal internal address (or `localhost`) is refused here, where the admin can fix it; a
 * name is checked when each delivery is sent, since what it resolves to can change. The shape
 * is the shared schema's (and the API description's); this check depends on SIXTY_FETCH_ALLOW.
 */
const publicTarget = (allow: AllowList) => (url: string) => !URL.canParse(url) || targetOf(new URL(url).hostname, allow).kind !== 'refused';

const webhookSchema = (allow: AllowList) =>
  webhookRequestSchema.extend({
    url: webhookRequestSchema.shape.url.refine(
      publicTarget(allow),
      'Webhooks cannot be sent to local or private network addresses (the operator can allow some with SIXTY_FETCH_ALLOW)',
    ),
  });

/** Outbound webhooks (admin): create, list with the delivery log, remove, replay a delivery. */
export function webhookRoutes(deps: AppDeps) {
  const { store, webhooks, clock } = deps;
  const schema = webhookSchema(allowListFrom(deps.config.fetchAllow));
  const app = new Hono<AuthEnv>();
  app.use('*', requireSameOrigin());
  app.use('*', requireUser(store, clock));
  app.use('*', async function requireAdmin(c, next) {
    if (c.get('user').role !== 'admin') throw new ApiFailure(403, 'forbidden', 'Only admins manage webhooks');
    await next();
  });

  app.get('/', async (c) => {
    const ws = c.get('user').workspaceId;
    const list = await webhooks.list(ws);
    return c.json(await Promise.all(list.map(async (w) => ({ ...webhookView(w), deliveries: await webhooks.deliveries(ws, w.id, 50) }))));
  });

  app.post('/', async (c) => {
    const body = await readBody(c, schema);
    const w = {
      id: randomUUID(),
      workspaceId: c.get('user').workspaceId,
      ...body,
      secret: `whsec_${randomBytes(24).toString('base64url')}`,
      createdAt: clock(),
    };
    await webhooks.create(w);
    // The secret is shown once, here, so the receiver can verify signatures; the list shows its last four characters.
    return c.json(newWebhookView({ ...w, active: true }), 201);
  });

  app.delete('/:id', async (c) => {
    if (!(await webhooks.remove(c.get('user').workspaceId, c.req.param('id')))) throw new ApiFailure(404, 'not_found', 'No such webhook');
    return c.body(null, 204);
  });

  app.post('/deliveries/:id/replay', async (c) => {
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || !(await webhooks.replay(c.get('user').workspaceId, id, clock()))) throw new ApiFailure(404, 'not_found', 'No such delivery');
    return c.json({ replayed: id });
  });

  return app;
}
