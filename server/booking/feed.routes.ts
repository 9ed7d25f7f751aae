// A rep's private iCalendar feed of their Sixty meetings, for calendars that subscribe by URL
// (Google Calendar, Outlook, Apple Calendar: no credentials needed). The token is shown once when
// made; only its hash is stored, so regenerating (or turning it off) ends the old URL at once.
import { createHash, randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { requireSameOrigin, requireUser, type AuthEnv } from '../auth/session';
import { clientIp } from '../http/client-ip';
import { ApiFailure } from '../http/errors';
import { enforce } from '../http/rate-limit';
import { publicOrigin } from '../http/public-origin';
import { meetingFeed, type MeetingDetails } from './meeting-ics';

/** Meetings in the feed: the recent past stays visible for a week, and up to this many ahead. */
const FEED_PAST_MS = 7 * 24 * 3600_000;
const FEED_LIMIT = 500;
/** Calendar apps poll every few minutes; this allows many subscribers behind one address. */
const FEED_READS_PER_MINUTE = 120;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** `/v1/console/feed`: the signed-in rep's feed (whether it is on, make or remake it, turn it off). */
export function feedConsoleRoutes(deps: AppDeps) {
  const { store, clock } = deps;
  const app = new Hono<AuthEnv>();
  app.use('/', requireUser(store, clock));

  app.get('/', async (c) => {
    const feed = await store.feedOf(c.get('user').id);
    return c.json({ active: feed !== null, createdAt: feed?.createdAt ?? null });
  });

  app.post('/', requireSameOrigin(), async (c) => {
    const user = c.get('user');
    const token = randomBytes(24).toString('base64url');
    await store.setFeedToken(user.id, user.workspaceId, hashOf(token), clock());
    return c.json({ url: `${publicOrigin(deps, c)}/feeds/${token}.ics` }, 201);
  });

  app.delete('/', requireSameOrigin(), async (c) => {
    const user = c.get('user');
    await store.setFeedToken(user.id, user.workspaceId, null, clock());
    return c.body(null, 204);
  });

  return app;
}

/** `/feeds/<token>.ics`: read-only; an unknown, replaced or revoked token is a plain 404. */
export function feedRoutes(deps: AppDeps) {
  const { store, clock, meetings } = deps;
  const app = new Hono();
  app.get('/:file', async (c) => {
    await enforce(c, deps.limiter, `feed:ip:${clientIp(c, deps.config.trustProxy)}`, FEED_READS_PER_MINUTE, 60_000, clock(), 'feed reads');
    const file = c.req.param('file');
    const token = file.endsWith('.ics') ? file.slice(0, -4) : '';
    const repId = token.length > 0 && token.length <= 100 ? await store.repOfFeed(hashOf(token)) : null;
    if (!repId) throw new ApiFailure(404, 'not_found', 'Not found');
    const rep = await store.userById(repId);
    if (!rep || !rep.active) throw new ApiFailure(404, 'not_found', 'Not found');
    const now = clock();
    const origin = publicOrigin(deps, c);
    const booked = await store.upcomingMeetings(repId, now - FEED_PAST_MS, FEED_LIMIT);
    const details = (await Promise.all(booked.map((b) => meetings.detailsOf(b, origin)))).filter((d): d is MeetingDetails => d !== null);
    c.header('Cache-Control', 'private, max-age=300');
    return c.body(meetingFeed(rep.name, details, now), 200, { 'Content-Type': 'text/calendar; charset=utf-8' });
  });
  return app;
}
