import { Hono } from 'hono';
import { calendarConnectSchema, calendarLoginSchema } from '../../shared/schemas/calendar.schema';
import type { MyCalendar } from '../../shared/console-api';
import type { AppDeps } from '../app';
import { requireSameOrigin, requireUser, type AuthEnv } from '../auth/session';
import { readBody } from '../http/body';
import { ApiFailure } from '../http/errors';
import { rateLimit } from '../http/rate-limit';
import { CalendarProblem } from './calendar-connector';
import { repTimeZone } from './rep-zone';

/**
 * Requests to calendar servers per user per minute (discover, connect, test): trying addresses
 * takes a handful; more is someone using Sixty to knock on other servers.
 */
export const CALENDAR_CHECKS_PER_MINUTE = 20;

/** A problem the rep can fix, as the one error shape (never a 500). */
async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof CalendarProblem) throw new ApiFailure(err.status, err.code, err.message, err.fields);
    throw err;
  }
}

/**
 * The signed-in user's own calendar (every role: whoever takes meetings connects their own).
 * Mounted at /v1/console/calendar. The app password is taken, never answered.
 */
export function calendarRoutes(deps: AppDeps) {
  const { store, clock, calendarConnector: connector } = deps;
  const app = new Hono<AuthEnv>();
  app.use('*', requireUser(store, clock));
  const checks = rateLimit({
    limiter: deps.limiter,
    limit: CALENDAR_CHECKS_PER_MINUTE,
    what: 'calendar server checks',
    key: (c) => `calendar:user:${c.get('user').id}`,
    clock,
  });

  app.get('/', async (c) => {
    const answer: MyCalendar = { calendar: await connector.view(c.get('user').id), canConnect: connector.canConnect };
    return c.json(answer);
  });

  app.post('/discover', requireSameOrigin(), checks, async (c) => {
    const body = await readBody(c, calendarLoginSchema);
    const found = await answering(() => connector.discover(body));
    return c.json({ calendars: found.map((f) => ({ url: f.url, displayName: f.displayName })) });
  });

  app.put('/', requireSameOrigin(), checks, async (c) => {
    const user = c.get('user');
    const body = await readBody(c, calendarConnectSchema);
    // All-day events fall on the rep's local days when the calendar names no zone of its own.
    const timeZone = await repTimeZone(store, user.workspaceId, user.id);
    return c.json(await answering(() => connector.connect({ id: user.id, workspaceId: user.workspaceId, timeZone }, body)));
  });

  app.post('/test', requireSameOrigin(), checks, async (c) => {
    const view = await connector.test(c.get('user').id);
    if (!view) throw new ApiFailure(404, 'not_found', 'No calendar is connected');
    return c.json(view);
  });

  app.delete('/', requireSameOrigin(), async (c) => {
    if (!(await connector.disconnect(c.get('user').id))) throw new ApiFailure(404, 'not_found', 'No calendar is connected');
    return c.body(null, 204);
  });

  return app;
}
