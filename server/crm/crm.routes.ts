// The API a CRM calls with a workspace's API key: `PATCH /v1/leads/:id/outcome` moves a lead
// through the same stage machine and plan as the rep's outcome form, with the deal's value.
import { Hono } from 'hono';
import { crmOutcomeSchema, type CrmOutcomeAnswer } from '../../shared/schemas/crm.schema';
import type { AppDeps } from '../app';
import { clientIp } from '../http/client-ip';
import { readBody } from '../http/body';
import { ApiFailure } from '../http/errors';
import { enforce } from '../http/rate-limit';
import { requireApiKey, type ApiKeyEnv } from './api-key';

export function crmRoutes(deps: AppDeps) {
  const { store, admin, clock, config } = deps;
  const app = new Hono<ApiKeyEnv>();
  // Counted per address before the key is checked: a flood, or someone guessing keys, stops here.
  app.use('*', async function limitApiCalls(c, next) {
    const limit = config.limits.apiPerIpPerMinute;
    if (limit > 0) await enforce(c, deps.limiter, `api:ip:${clientIp(c, config.trustProxy)}`, limit, 60_000, clock(), 'API requests from this address');
    await next();
  });
  app.use('*', requireApiKey(admin, clock));

  app.patch('/:id/outcome', async (c) => {
    const key = c.get('apiKey');
    const { stage, ...rest } = await readBody(c, crmOutcomeSchema);
    const r = await store.recordCrmOutcome(c.req.param('id'), key.workspaceId, { outcome: stage, ...rest }, key, clock());
    // Another workspace's lead is answered like a lead that does not exist: a key never learns what it cannot touch.
    if (!r) throw new ApiFailure(404, 'not_found', 'No such lead');
    if ('error' in r) {
      if (r.error === 'reason_required') throw new ApiFailure(400, 'invalid', 'Some fields need attention', { reason: r.message });
      if (r.error === 'currency_mismatch') throw new ApiFailure(400, 'invalid', 'Some fields need attention', { currency: r.message });
      if (r.error === 'not_owner') throw new ApiFailure(403, 'forbidden', 'This key may not log outcomes');
      // The stage machine says no: a conflict with the lead's state, named by the rule.
      throw new ApiFailure(409, r.error, r.message);
    }
    if (r.ownerId) deps.notify.leadUpdated(r.ownerId, r.card);
    // The owner's active leads may have gone down: waiting leads may be offered to them now.
    await deps.router.outcomeLogged(key.workspaceId, r.card.id);
    const deal = r.card.deal;
    return c.json({
      id: r.card.id,
      stage: r.card.stage,
      value: deal?.value ?? null,
      currency: deal?.currency ?? (await admin.workspaceSettings(key.workspaceId))!.currency,
      closedAt: deal?.closedAt ?? null,
    } satisfies CrmOutcomeAnswer);
  });

  return app;
}
