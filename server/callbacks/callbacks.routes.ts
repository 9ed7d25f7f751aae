import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { CallbackResponse, VisitorStatus } from '../../shared/api';
import { callbackQuerySchema, callbackRequestSchema, slotChoiceSchema } from '../../shared/schemas/callback.schema';
import type { AppDeps } from '../app';
import { readBody } from '../http/body';
import { ApiFailure, errorBody, invalid } from '../http/errors';
import { visitorCopy } from '../booking/meeting-ics';
import { publicOrigin } from '../http/public-origin';
import { allowSiteOrigin } from '../sites/site-origin';
import { clientIp } from '../http/client-ip';
import { enforce, tooMany } from '../http/rate-limit';
import { toE164 } from './phone';
import { leadOfToken, visitorToken } from './visitor-token';
import { captureLead, captureDepsOf } from '../capture';

/** A visitor's tries at booking a time, per lead: enough for a few retries after a taken time. */
const SLOT_TRIES_PER_MINUTE = 20;

/**
 * `POST /v1/callbacks`: a visitor asks to be called now. Parses and validates the request, hands it
 * to the one capture (capture/capture-lead.ts), answers; the lead is committed before the 2xx.
 */
export function callbackRoutes(deps: AppDeps) {
  const { store, clock, router, guard } = deps;
  const app = new Hono();
  const captureDeps = captureDepsOf(deps);

  app.post('/', async (c) => {
    const body = await readBody(c, callbackRequestSchema);
    const site = await deps.sites.byKeyOrNull(body.siteKey);
    if (!site) throw new ApiFailure(400, 'unknown_site', 'Unknown site key', { siteKey: 'Unknown site key' });
    allowSiteOrigin(c, site);

    const keyCheck = callbackQuerySchema.safeParse({ idempotencyKey: c.req.header('idempotency-key') ?? c.req.query('idempotencyKey') });
    if (!keyCheck.success) throw invalid(keyCheck.error);
    const key = keyCheck.data.idempotencyKey;
    // A browser call may come without a number (the schema allows it only then); one typed is still checked and kept.
    const phoneE164 = body.phone ? toE164(body.phone, site.phoneRegion) : '';
    const fields: Record<string, string> = {};
    if (phoneE164 === null) fields.phone = 'This does not look like a valid phone number; include the country code if you are abroad';
    if (body.talk === 'browser' && !(await deps.tracking.settings(site.id)).browserCalls) fields.talk = 'This site does not take calls in the browser';
    for (const id of Object.keys(body.answers)) {
      const q = site.rules.questions.find((x) => x.id === id);
      if (!q) fields[`answers.${id}`] = 'Unknown question';
      else if (q.type === 'single' && !q.options?.some((o) => o.value === body.answers[id])) fields[`answers.${id}`] = 'Pick one of the options';
    }
    for (const q of site.rules.questions) {
      if (!body.answers[q.id]?.trim()) fields[`answers.${q.id}`] = 'Please answer this question';
    }
    if (Object.keys(fields).length) throw new ApiFailure(400, 'invalid', 'Some fields need attention', fields);

    const outcome = await captureLead(captureDeps, {
      source: 'callback',
      site,
      name: body.name,
      phone: phoneE164!,
      talk: body.talk,
      email: body.email || null,
      answers: body.answers,
      pageUrl: body.pageUrl ?? null,
      referrer: body.referrer || null,
      visitorId: body.visitorId ?? null,
      timeZone: body.timeZone ?? null,
      clientIp: clientIp(c, deps.config.trustProxy),
      userAgent: c.req.header('user-agent'),
      form: { hp: body.hp, tts: body.tts },
      idempotency: key ? { key, bodyHash: createHash('sha256').update(JSON.stringify(body)).digest('hex') } : null,
    });
    if (outcome.kind === 'refused') tooMany(c, outcome.retryAfterSec, `callback ${outcome.what}`);
    if (outcome.kind === 'conflict') throw new ApiFailure(409, 'idempotency_conflict', 'This idempotency key was already used with a different request');
    return c.json(await respond(outcome.leadId, outcome.told), outcome.created ? 201 : 200);
  });

  /** The answer to a callback; `told` is the status routing just pushed, when it pushed one. */
  async function respond(leadId: string, told?: VisitorStatus | null): Promise<CallbackResponse> {
    return {
      leadId,
      visitorToken: visitorToken(deps.visitorSecret, leadId),
      status: (told === undefined ? await router.statusOf(leadId) : told) ?? { state: 'closed' },
    };
  }

  /** The lead a visitor token grants, from a site origin the site allows. */
  async function visitorLead(c: Context, token: unknown) {
    const leadId = leadOfToken(deps.visitorSecret, token);
    if (!leadId || leadId !== c.req.param('leadId')) throw new ApiFailure(403, 'bad_token', 'This link is not valid for that request');
    const site = await store.siteOfLead(leadId);
    if (!site) throw new ApiFailure(404, 'not_found', 'No such request');
    return { leadId, site };
  }

  /**
   * The visitor picked a time: a meeting is booked with the first rep free for it (their
   * calendar asked once more right before the commit). A time taken meanwhile is refused with
   * 409 and the fresh times; one never offered with 400.
   */
  app.post('/:leadId/slot', async (c) => {
    const body = await readBody(c, slotChoiceSchema);
    const { leadId, site } = await visitorLead(c, body.token);
    allowSiteOrigin(c, site);
    await enforce(c, deps.limiter, `slot:lead:${leadId}`, SLOT_TRIES_PER_MINUTE, 60_000, clock(), 'booking attempts');
    const outcome = await deps.meetings.book(leadId, Date.parse(body.slot), publicOrigin(deps, c));
    if (outcome.kind === 'not_found') throw new ApiFailure(404, 'not_found', 'No such request');
    if (outcome.kind === 'not_offered') throw new ApiFailure(400, 'invalid', 'Some fields need attention', { slot: 'Pick one of the offered times' });
    if (outcome.kind === 'not_waiting') throw new ApiFailure(409, 'not_waiting', 'This request is already being handled');
    if (outcome.kind === 'taken') {
      return c.json({ ...errorBody('slot_taken', 'That time was just taken; pick another'), slots: outcome.slots }, 409);
    }
    return c.json({ status: await router.statusOf(leadId) });
  });

  /** The booked meeting as a file the visitor adds to their own calendar. */
  app.get('/:leadId/meeting.ics', async (c) => {
    const { leadId } = await visitorLead(c, c.req.query('token'));
    const booking = await store.meetingOfLead(leadId);
    const details = booking && (await deps.meetings.detailsOf(booking, publicOrigin(deps, c)));
    if (!details) throw new ApiFailure(404, 'not_found', 'No meeting is booked for this request');
    c.header('Content-Disposition', 'attachment; filename="meeting.ics"');
    return c.body(visitorCopy(details, clock()), 200, { 'Content-Type': 'text/calendar; charset=utf-8' });
  });

  return app;
}
