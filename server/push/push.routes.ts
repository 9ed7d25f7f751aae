// Web Push over HTTP (issue 22): the signed-in user's devices and the install's VAPID key
// (`/v1/console/...`, session and same-origin writes like every console route), and the
// notification's Accept and Decline (`/v1/push/action`), where the single-use token the push
// carried is the only credential: the service worker has no cookie to send.
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { hashToken, requireSameOrigin, requireUser, type AuthEnv } from '../auth/session';
import { readBody } from '../http/body';
import { clientIp } from '../http/client-ip';
import { ApiFailure } from '../http/errors';
import { enforce } from '../http/rate-limit';
import { allowListFrom, PUBLIC_ONLY, targetOf, type AllowList } from '../net';
import { addressAllowed } from '../net/address-policy';
import { deviceRequestSchema, pushActionSchema } from '../../shared/schemas/push.schema';
import { LAST_DEVICE_REMOVED, type PushDevice } from './push-store';

/** A person taps a notification's button now and then; a script trying tokens taps many times. */
const ACTIONS_PER_MINUTE = 30;

/** Whether the operator allow-listed this host (SIXTY_FETCH_ALLOW): only then may a push endpoint be plain http (a test's local push service). */
function allowListed(hostname: string, allow: AllowList): boolean {
  const target = targetOf(hostname, allow);
  if (target.kind === 'name') return target.trusted;
  return target.kind === 'address' && !addressAllowed(target.address, PUBLIC_ONLY);
}

/**
 * A push endpoint is a URL the browser gave: https to a push service on the public internet. A
 * literal internal address is refused here; a name is checked again when each push is sent.
 */
const deviceSchema = (allow: AllowList) =>
  deviceRequestSchema.superRefine((body, ctx) => {
    // Zod runs this even when a field failed (it reports every issue at once): only a parsed URL is judged.
    const endpoint = body.subscription?.endpoint;
    if (typeof endpoint !== 'string' || !URL.canParse(endpoint)) return;
    const url = new URL(endpoint);
    const path = ['subscription', 'endpoint'];
    if (targetOf(url.hostname, allow).kind === 'refused')
      ctx.addIssue({
        code: 'custom',
        path,
        message: 'Push endpoints on local or private network addresses are refused (the operator can allow some with SIXTY_FETCH_ALLOW)',
      });
    else if (url.protocol !== 'https:' && !allowListed(url.hostname, allow))
      ctx.addIssue({ code: 'custom', path, message: 'The endpoint must be an https URL' });
  });

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const deviceView = (d: PushDevice) => ({
  id: d.id,
  name: d.name,
  createdAt: iso(d.createdAt)!,
  lastDeliveryAt: iso(d.lastDeliveryAt),
  lastFailure: d.lastFailure,
});

/** `/v1/console/push/key` and `/v1/console/devices`: the signed-in user's own devices. */
export function deviceRoutes(deps: AppDeps) {
  const { store, clock, push } = deps;
  const schema = deviceSchema(allowListFrom(deps.config.fetchAllow));
  const app = new Hono<AuthEnv>();
  app.use('/push/*', requireUser(store, clock));
  app.use('/devices', requireUser(store, clock));
  app.use('/devices/*', requireUser(store, clock));

  app.get('/push/key', (c) => c.json({ publicKey: deps.vapidPublicKey }));

  app.get('/devices', async (c) => c.json({ devices: (await push.devicesOf(c.get('user').id)).map(deviceView) }));

  app.post('/devices', requireSameOrigin(), async (c) => {
    const user = c.get('user');
    const body = await readBody(c, schema);
    const { device, created } = await push.saveDevice(
      { userId: user.id, workspaceId: user.workspaceId, name: body.name, endpoint: body.subscription.endpoint, ...body.subscription.keys },
      clock(),
    );
    return c.json({ device: deviceView(device) }, created ? 201 : 200);
  });

  app.delete('/devices/:id', requireSameOrigin(), async (c) => {
    const user = c.get('user');
    const dropped = await push.dropDevice(c.req.param('id'), user.id, LAST_DEVICE_REMOVED);
    if (!dropped) throw new ApiFailure(404, 'not_found', 'No such device');
    // Available on devices with none left: away, and the rep's open consoles show it.
    if (dropped.wentAway) deps.notify.presenceChanged(user.id, 'away', LAST_DEVICE_REMOVED);
    return c.body(null, 204);
  });

  return app;
}

/** `/v1/push/action`: Accept or Decline from a notification, as the rep's console socket would. */
export function pushActionRoutes(deps: AppDeps) {
  const { clock, push, router, store } = deps;
  const app = new Hono();
  app.post('/action', async (c) => {
    await enforce(c, deps.limiter, `push-action:ip:${clientIp(c, deps.config.trustProxy)}`, ACTIONS_PER_MINUTE, 60_000, clock(), 'push actions');
    const body = await readBody(c, pushActionSchema);
    // Consumed before anything else: a token acts once, whatever the outcome.
    const use = await push.useActionToken(hashToken(body.token), clock());
    if (!use.ok) {
      if (use.error === 'used') throw new ApiFailure(409, 'used', 'This notification was already answered');
      throw new ApiFailure(401, 'invalid_token', use.error === 'expired' ? 'This offer has expired' : 'Unknown push token');
    }
    // A rep deactivated since the push went out no longer acts through it.
    if (!(await store.userById(use.repId))?.active) throw new ApiFailure(401, 'invalid_token', 'This account is no longer active');
    if (body.action === 'accept') {
      const accepted = await router.accept(use.offerId, use.repId);
      if (!accepted.ok) throw new ApiFailure(409, accepted.error, 'This offer is no longer open');
      return c.json({ ok: true as const, leadId: accepted.data.id });
    }
    const view = await store.offerView(use.offerId);
    const declined = await router.decline(use.offerId, use.repId, 'from_notification');
    if (!declined.ok || !view) throw new ApiFailure(409, declined.ok ? 'not_found' : declined.error, 'This offer is no longer open');
    return c.json({ ok: true as const, leadId: view.leadId });
  });
  return app;
}
