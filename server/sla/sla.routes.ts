import { Hono } from 'hono';
import { digestPrefsSchema, marketingSlaSchema, paceQuerySchema, type DigestPrefs, type SlaPaceView, type SlaView } from '../../shared/schemas/sla.schema';
import type { AppDeps } from '../app';
import { requireSameOrigin, requireUser, type AuthEnv } from '../auth/session';
import { readBody } from '../http/body';
import { ApiFailure, invalid } from '../http/errors';
import { SENDS_AT } from './digest-schedule.core';
import { paceAt } from './headline';

/** Saves listed under the calculator: a year of weekly changes. */
const HISTORY_LIMIT = 50;

/**
 * The marketing SLA both teams agreed (manager and admin): the calculator's inputs saved per
 * workspace with who changed them and when, its targets against this month's pace, and the
 * signed-in manager's own numbers digest by mail. Mounted at /v1/console/sla.
 */
export function slaRoutes(deps: AppDeps) {
  const { store, clock, sla, reports, mailer, digests } = deps;
  const app = new Hono<AuthEnv>();
  app.use('*', requireUser(store, clock));
  app.use('*', async function requireManager(c, next) {
    if (c.get('user').role === 'rep') throw new ApiFailure(403, 'forbidden', 'The marketing SLA is for managers and admins');
    await next();
  });

  async function view(workspaceId: string): Promise<SlaView> {
    const history = await sla.slaHistory(workspaceId, HISTORY_LIMIT);
    return { current: history[0] ?? null, history };
  }

  app.get('/', async (c) => c.json(await view(c.get('user').workspaceId)));

  app.put('/', requireSameOrigin(), async (c) => {
    const user = c.get('user');
    const body = await readBody(c, marketingSlaSchema);
    await sla.saveSla(user.workspaceId, body, { id: user.id, name: user.name }, clock());
    return c.json(await view(user.workspaceId));
  });

  app.get('/pace', async (c) => {
    const parsed = paceQuerySchema.safeParse(c.req.query());
    if (!parsed.success) throw invalid(parsed.error);
    const pace = await paceAt(reports, sla, c.get('user').workspaceId, parsed.data.tz ?? 'UTC', clock());
    return c.json({ pace } satisfies SlaPaceView);
  });

  async function prefs(userId: string): Promise<DigestPrefs> {
    const sub = await sla.digestOf(userId);
    return { frequency: sub?.cadence ?? 'off', timeZone: sub?.timeZone ?? 'UTC', sendsAt: SENDS_AT, mailEnabled: mailer.enabled };
  }

  app.get('/digest', async (c) => c.json(await prefs(c.get('user').id)));

  app.put('/digest', requireSameOrigin(), async (c) => {
    const user = c.get('user');
    const body = await readBody(c, digestPrefsSchema);
    await sla.setDigest(
      user.id,
      body.frequency === 'off' ? null : { workspaceId: user.workspaceId, cadence: body.frequency, timeZone: body.timeZone, since: clock() },
    );
    digests.wake();
    return c.json(await prefs(user.id));
  });

  return app;
}
