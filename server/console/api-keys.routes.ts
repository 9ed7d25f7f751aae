// API keys (admin): create (the secret is shown once), list, revoke. A CRM sends one as a bearer
// key to `PATCH /v1/leads/:id/outcome`; only its SHA-256 is stored.
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { apiKeyRequestSchema, workspaceSettingsBodySchema } from '../../shared/schemas/crm.schema';
import type { CreatedApiKey } from '../../shared/console-api';
import type { AppDeps } from '../app';
import { requireUser, type AuthEnv } from '../auth/session';
import { readBody } from '../http/body';
import { ApiFailure } from '../http/errors';
import { newApiKeySecret } from '../crm/api-key';

export function apiKeyRoutes(deps: AppDeps) {
  const { store, admin, clock } = deps;
  const app = new Hono<AuthEnv>();
  app.use('*', requireUser(store, clock));
  app.use('*', async function requireAdmin(c, next) {
    if (c.get('user').role !== 'admin') throw new ApiFailure(403, 'forbidden', 'Only admins manage API keys');
    await next();
  });

  app.get('/', async (c) => c.json(await admin.apiKeys(c.get('user').workspaceId)));

  app.post('/', async (c) => {
    const user = c.get('user');
    const { name } = await readBody(c, apiKeyRequestSchema);
    const { secret, keyHash, prefix } = newApiKeySecret();
    const row = await admin.createApiKey({ id: randomUUID(), workspaceId: user.workspaceId, name, keyHash, prefix, createdBy: user.id }, clock());
    return c.json({ ...row, secret } satisfies CreatedApiKey, 201);
  });

  app.delete('/:id', async (c) => {
    if (!(await admin.revokeApiKey(c.get('user').workspaceId, c.req.param('id'), clock()))) throw new ApiFailure(404, 'not_found', 'No such live API key');
    return c.body(null, 204);
  });

  return app;
}

/** The workspace's settings: everyone signed in reads them, admins change the currency. */
export function workspaceSettingsRoutes(deps: AppDeps) {
  const { store, admin, clock } = deps;
  const app = new Hono<AuthEnv>();
  app.use('*', requireUser(store, clock));

  app.get('/', async (c) => c.json((await admin.workspaceSettings(c.get('user').workspaceId))!));

  app.put('/', async (c) => {
    const user = c.get('user');
    if (user.role !== 'admin') throw new ApiFailure(403, 'forbidden', 'Only admins change workspace settings');
    const { currency } = await readBody(c, workspaceSettingsBodySchema);
    await admin.setCurrency(user.workspaceId, currency);
    return c.json((await admin.workspaceSettings(user.workspaceId))!);
  });

  return app;
}
