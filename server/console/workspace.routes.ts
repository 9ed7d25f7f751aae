import { Hono } from 'hono';
import type { UpcomingCallback } from '../../shared/api';
import type { SupervisorData } from '../../shared/console-api';
import type { AppDeps } from '../app';
import type { BookedCallback } from '../db/store';
import { requireUser, type AuthEnv } from '../auth/session';
import { ApiFailure } from '../http/errors';

/** Start of the server's current UTC day: "SLA breaches today". */
function startOfDay(now: number): number {
  return now - (now % (24 * 3600 * 1000));
}

/** Booked callbacks listed at once: a day's bookings of a busy workspace. */
const BOOKED_LIMIT = 200;

/** A booking as a client sees it: who may see it is the server's business. */
const upcoming = ({ repIds: _, ...row }: BookedCallback): UpcomingCallback => row;

/**
 * The rep's follow-up tasks and upcoming booked callbacks, and the supervisor view (manager and
 * admin): who is online and in what state, open offers with their timers, the waiting queue,
 * booked callbacks and today's SLA breaches. Mounted at /v1/console.
 */
export function workspaceRoutes(deps: AppDeps) {
  const { store, clock, workspace, router } = deps;
  const app = new Hono<AuthEnv>();
  app.use('/follow-ups', requireUser(store, clock));
  app.use('/supervisor', requireUser(store, clock));
  app.use('/upcoming', requireUser(store, clock));

  app.get('/follow-ups', async (c) => c.json(await store.followUps(c.get('user').id)));

  /** A booked callback with its meeting's rep, when it is a meeting. */
  async function withMeeting(b: BookedCallback) {
    const m = await store.meetingOfLead(b.leadId);
    return { ...b, ...(m ? { meeting: { repId: m.repId, repName: m.repName, endsAt: m.end } } : {}) };
  }

  /**
   * Booked callbacks this user will be offered: their teams' (the rule's team and overflow), or
   * everyone's when no rule matches, and every meeting booked with them (an owner outside the team too).
   */
  app.get('/upcoming', async (c) => {
    const user = c.get('user');
    const booked = await Promise.all((await store.bookedCallbacks(user.workspaceId, BOOKED_LIMIT)).map(withMeeting));
    return c.json(booked.filter((b) => b.repIds === null || b.repIds.includes(user.id) || b.meeting?.repId === user.id).map(upcoming));
  });

  app.get('/supervisor', async (c) => {
    const user = c.get('user');
    if (user.role === 'rep') throw new ApiFailure(403, 'forbidden', 'The supervisor view is for managers and admins');
    const [presence, view, booked] = await Promise.all([
      router.presenceOf(user.workspaceId),
      workspace.supervisor(user.workspaceId, startOfDay(clock())),
      store.bookedCallbacks(user.workspaceId, BOOKED_LIMIT).then((rows) => Promise.all(rows.map(withMeeting))),
    ]);
    const load = new Map(view.load.map((l) => [l.repId, l]));
    return c.json({
      reps: presence.map((p) => ({ ...p, openOffers: load.get(p.repId)?.openOffers ?? 0, activeLeads: load.get(p.repId)?.activeLeads ?? 0 })),
      offers: view.offers,
      waiting: view.waiting,
      booked: booked.map(upcoming),
      breachesToday: view.breachesToday,
      active: view.active,
    } satisfies SupervisorData);
  });

  return app;
}
