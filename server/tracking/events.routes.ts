import { Hono } from 'hono';
import type { EventsResponse } from '../../shared/api';
import { eventBatchSchema } from '../../shared/schemas/events.schema';
import type { AppDeps } from '../app';
import { toE164 } from '../callbacks/phone';
import { readBody } from '../http/body';
import { ApiFailure } from '../http/errors';
import { allowSiteOrigin } from '../sites/site-origin';
import { userAgentIsBot } from './bot-filter';
import { IngestQueue } from './ingest-queue';
import { inviteName } from './invite-name';
import { clientIp } from '../http/client-ip';
import { rateLimit, tooMany } from '../http/rate-limit';
import { captureIdentified, type IdentifyDeps } from '../capture';
import { InstallCheck } from '../sites/install-check';

/**
 * `POST /v1/events`: behaviour batches from the widget (fetch keepalive or sendBeacon, as
 * text/plain JSON). Validated, origin-checked, bot-filtered, written in grouped commits, and
 * every event re-scores its visitor at once.
 */
export function eventRoutes(deps: AppDeps) {
  const { tracking, sites, clock, router, log } = deps;
  const queue = new IngestQueue(tracking, clock);
  const installs = new InstallCheck(deps.sitesAdmin);
  const app = new Hono();
  const identifyDeps: IdentifyDeps = {
    limiter: deps.limiter,
    limits: deps.config.limits,
    guard: deps.guard,
    botSettings: (siteId) => tracking.settings(siteId),
    leadForIdentify: (siteId, visitorId, phone) => tracking.leadForIdentify(siteId, visitorId, phone),
    clock,
  };
  app.use(
    '/',
    rateLimit({
      limiter: deps.limiter,
      limit: deps.config.limits.eventsPerIpPerMinute,
      what: 'event batches from this address',
      key: (c) => `events:ip:${clientIp(c, deps.config.trustProxy)}`,
      clock,
    }),
  );

  app.post('/', async (c) => {
    const batch = await readBody(c, eventBatchSchema);
    const site = await sites.byKeyOrNull(batch.siteKey);
    if (!site) throw new ApiFailure(400, 'unknown_site', 'Unknown site key', { siteKey: 'Unknown site key' });
    allowSiteOrigin(c, site);
    const none: EventsResponse = { accepted: 0 };
    // Global Privacy Control or Do Not Track: the widget sends nothing, and we keep nothing.
    if (c.req.header('sec-gpc') === '1' || c.req.header('dnt') === '1') return c.json(none);

    const settings = await tracking.settings(site.id);
    let events = batch.events;
    if (settings.botFilter) {
      if (userAgentIsBot(c.req.header('user-agent'))) return c.json(none);
      const verdict = await deps.botFilter.check(
        `${site.id}:${batch.visitorId}`,
        events.length,
        events.filter((e) => e.type === 'page_view').map((e) => e.at),
        settings.maxEventsPerSecond,
        clock(),
      );
      if (!verdict.ok) {
        await tracking.markBot(site.id, batch.visitorId);
        log.info({ site: site.id, why: verdict.why }, 'bot filtered');
        return c.json(none);
      }
      events = events.slice(0, verdict.keep);
      if (!events.length) return c.json(none);
    }

    await installs.seen(site.id, site.workspaceId, c.req.header('origin'), events.find((e) => e.url)?.url ?? null, clock());
    const phone = identifiedPhone(events, site.phoneRegion);
    const ingest = (joinLeadId: string | null) =>
      queue.push({ site, visitorId: batch.visitorId, events, context: batch.context, identifiedPhone: phone, joinLeadId });
    // An identify with a phone is a door of the one capture (admission, then the lead it makes).
    const outcome = phone
      ? await captureIdentified(
          identifyDeps,
          {
            site,
            visitorId: batch.visitorId,
            phone,
            email: identifiedEmail(events),
            clientIp: clientIp(c, deps.config.trustProxy),
            userAgent: c.req.header('user-agent'),
          },
          ingest,
        )
      : { kind: 'ingested' as const, result: await ingest(null) };
    if (outcome.kind === 'refused') tooMany(c, outcome.retryAfterSec, `new leads: ${outcome.what}`);
    const { result } = outcome;
    if (result.leadTurnedHot && result.leadId) {
      // A known lead whose fit passes just turned hot (or, in nurture, raised a hand again): routed exactly as a callback is.
      const hand = result.hotCause ? { cause: result.hotCause } : undefined;
      router.leadBecameHot(result.leadId, hand).catch((err) => log.error({ err }, 'routing a lead turned hot failed'));
    }
    const body: EventsResponse = { accepted: result.accepted };
    if (result.inviteCandidate) {
      // Nobody online anywhere: no store read (an anonymous visitor may be a candidate on every batch).
      const repName = deps.online.set.size ? inviteName(await tracking.availableReps(site.workspaceId), deps.online.set) : null;
      if (repName) {
        await tracking.markInvited(site.id, batch.visitorId, clock());
        const top = result.qualification.reasons.filter((r) => r.source.startsWith('behaviour:')).sort((a, b) => b.points - a.points)[0];
        body.invite = { repName, reason: top?.text ?? 'Browsing' };
      }
    }
    return c.json(body);
  });

  return app;
}

/** The last email among identify traits in the batch. */
function identifiedEmail(events: Array<{ type: string; props?: Record<string, unknown> }>): string | null {
  let email: string | null = null;
  for (const e of events) {
    const raw = e.type === 'identify' ? e.props?.email : undefined;
    if (typeof raw === 'string' && raw.includes('@') && raw.length <= 320) email = raw;
  }
  return email;
}

/** The last valid phone among identify traits in the batch, as E.164. */
function identifiedPhone(events: Array<{ type: string; props?: Record<string, unknown> }>, region: string): string | null {
  let phone: string | null = null;
  for (const e of events) {
    const raw = e.type === 'identify' ? e.props?.phone : undefined;
    if (typeof raw === 'string' && raw.length <= 250) phone = toE164(raw, region) ?? phone;
  }
  return phone;
}
