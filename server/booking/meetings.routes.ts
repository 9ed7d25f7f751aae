// The visitor's page to move or cancel their meeting (`/meetings/<signed link>`), from the link in
// their invite. A bad, tampered, outdated or expired link gets a clear page with a 4xx, never a 500.
import { Hono, type Context } from 'hono';
import { moveMeetingSchema } from '../../shared/schemas/booking.schema';
import type { AppDeps } from '../app';
import { clientIp } from '../http/client-ip';
import { publicOrigin } from '../http/public-origin';
import type { Booking } from './booking-store';
import { cancelledPage, managePage, refusedPage } from './meeting-page';

/** Tries per address a minute on these pages: plenty for a person, little for a script. */
const PAGE_TRIES_PER_MINUTE = 30;

const HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export function meetingRoutes(deps: AppDeps) {
  const { store, clock, meetings } = deps;
  const app = new Hono();

  const html = (c: Context, body: string, status: 200 | 400 | 404 | 409 | 410 | 429 = 200) => c.html(body, status, HEADERS);

  /** The meeting the link grants, or the page saying why it cannot be used. */
  async function granted(c: Context): Promise<{ booking: Booking; zone: string | null } | Response> {
    const limit = await deps.limiter.hit(`meeting-page:ip:${clientIp(c, deps.config.trustProxy)}`, PAGE_TRIES_PER_MINUTE, 60_000, clock());
    if (!limit.ok) {
      c.header('Retry-After', String(limit.retryAfterSec));
      return html(c, refusedPage('Too many tries', `Please try again in ${limit.retryAfterSec} seconds.`), 429);
    }
    const grant = meetings.readLink(c.req.param('token'));
    if (grant === 'invalid') return html(c, refusedPage('This link is not valid', 'Please use the link in the email about your call, as it was sent.'), 404);
    if (grant === 'expired')
      return html(c, refusedPage('This call is over', 'The time of this call has passed, so it can no longer be moved or cancelled.'), 410);
    const booking = await store.bookingById(grant.bookingId);
    if (!booking) return html(c, refusedPage('This link is not valid', 'Please use the link in the email about your call, as it was sent.'), 404);
    if (booking.status === 'cancelled') return html(c, refusedPage('This call is cancelled', 'It was cancelled already; nothing more to do.'), 410);
    if (booking.sequence !== grant.sequence)
      return html(c, refusedPage('This link was replaced', 'The call was moved since this email: please use the link in the latest email about it.'), 410);
    const card = await store.leadCard(booking.leadId, booking.workspaceId);
    return { booking, zone: card?.timeZone ?? null };
  }

  async function view(c: Context, booking: Booking, zone: string | null, extra: { error?: string; moved?: boolean } = {}, status: 200 | 400 | 409 = 200) {
    const card = await store.leadCard(booking.leadId, booking.workspaceId);
    const token = meetings.linkToken(booking);
    const times = await meetings.timesToMove(booking);
    return html(c, managePage({ token, repName: booking.repName, siteName: card?.siteName ?? '', start: booking.start, zone, times, ...extra }), status);
  }

  app.get('/:token', async (c) => {
    const g = await granted(c);
    if (g instanceof Response) return g;
    return view(c, g.booking, g.zone, { moved: c.req.query('moved') === '1' });
  });

  app.post('/:token/move', async (c) => {
    const g = await granted(c);
    if (g instanceof Response) return g;
    const form = await c.req.parseBody().catch(() => ({}));
    const parsed = moveMeetingSchema.safeParse({ slot: (form as Record<string, unknown>).slot });
    if (!parsed.success) return view(c, g.booking, g.zone, { error: 'Pick one of the times below.' }, 400);
    const outcome = await meetings.move(g.booking, Date.parse(parsed.data.slot), publicOrigin(deps, c));
    if (outcome.kind === 'booked') {
      return c.redirect(`/meetings/${meetings.linkToken(outcome.booking)}?moved=1`, 303);
    }
    if (outcome.kind === 'taken') return view(c, g.booking, g.zone, { error: 'That time was just taken. Please pick another.' }, 409);
    if (outcome.kind === 'not_offered') return view(c, g.booking, g.zone, { error: 'Pick one of the times below.' }, 400);
    return html(c, refusedPage('This call cannot be moved', 'It is being handled already.'), 409);
  });

  app.post('/:token/cancel', async (c) => {
    const g = await granted(c);
    if (g instanceof Response) return g;
    const cancelled = await meetings.cancel(g.booking, publicOrigin(deps, c));
    if (!cancelled) return html(c, refusedPage('This call is cancelled', 'It was cancelled already; nothing more to do.'), 410);
    return html(c, cancelledPage(cancelled.repName, cancelled.start, g.zone));
  });

  return app;
}
