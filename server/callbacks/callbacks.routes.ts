import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { CallbackResponse, VisitorStatus } from '../../shared/api';
import { callbackRequestSchema, slotChoiceSchema } from '../../shared/schemas/callback.schema';
import { qualify } from '../../shared/qualify/qualify';
import { stageFromQualification } from '../../shared/lifecycle';
import type { AppDeps } from '../app';
import { readBody } from '../http/body';
import { ApiFailure } from '../http/errors';
import { allowSiteOrigin } from '../sites/site-origin';
import { clientIp } from '../http/client-ip';
import { enforce, rateLimit, tooMany } from '../http/rate-limit';
import { toE164 } from './phone';
import { leadOfToken, visitorToken } from './visitor-token';
import { leadOfEarlierRequest, WAIT_FOR_EARLIER_MS } from './earlier-request';

const DAY_MS = 24 * 3600 * 1000;

/** Idempotency keys: printable, bounded. */
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

/** `POST /v1/callbacks`: a visitor asks to be called now. Committed before the 2xx. */
export function callbackRoutes(deps: AppDeps) {
  const { store, clock, router, guard } = deps;
  const app = new Hono();
  const limiter = deps.limiter;
  const limits = deps.config.limits;
  app.use(
    '/',
    rateLimit({ limiter, limit: limits.callbacksPerIpPerMinute, what: 'callback requests from this address', key: (c) => `callbacks:ip:${clientIp(c, deps.config.trustProxy)}`, clock }),
  );

  app.post('/', async (c) => {
    const body = await readBody(c, callbackRequestSchema);
    const site = await deps.sites.byKeyOrNull(body.siteKey);
    if (!site) throw new ApiFailure(400, 'unknown_site', 'Unknown site key', { siteKey: 'Unknown site key' });
    allowSiteOrigin(c, site);
    await enforce(c, limiter, `callbacks:site:${site.id}`, limits.callbacksPerSitePerMinute, 60_000, clock(), 'callback requests for this site');

    const key = c.req.header('idempotency-key') ?? c.req.query('idempotencyKey');
    if (key !== undefined && !KEY_PATTERN.test(key)) {
      throw new ApiFailure(400, 'invalid', 'Some fields need attention', { idempotencyKey: 'Use 8 to 128 letters, digits or _.:-' });
    }
    const phoneE164 = toE164(body.phone, site.phoneRegion);
    const fields: Record<string, string> = {};
    if (!phoneE164) fields.phone = 'This does not look like a valid phone number; include the country code if you are abroad';
    for (const id of Object.keys(body.answers)) {
      const q = site.rules.questions.find((x) => x.id === id);
      if (!q) fields[`answers.${id}`] = 'Unknown question';
      else if (q.type === 'single' && !q.options?.some((o) => o.value === body.answers[id])) fields[`answers.${id}`] = 'Pick one of the options';
    }
    for (const q of site.rules.questions) {
      if (!body.answers[q.id]?.trim()) fields[`answers.${q.id}`] = 'Please answer this question';
    }
    if (Object.keys(fields).length) throw new ApiFailure(400, 'invalid', 'Some fields need attention', fields);

    const now = clock();
    const replay = key !== undefined && (await guard.keyUsed(site.id, key));
    // The request as admitted under the per-phone cap; settled with its lead, or released.
    let requestId: number | null = null;
    let ahead: number | null = null;
    const window = deps.config.limits.duplicateWindowMs;
    if (!replay) {
      // Nobody can have a stranger called over and over: a daily cap per phone number, counted
      // and recorded in one step so a burst of simultaneous requests cannot slip past it.
      const limit = deps.config.limits.callbacksPerPhonePerDay;
      const admission = await guard.admit({
        workspaceId: site.workspaceId,
        siteId: site.id,
        phone: phoneE164!,
        email: body.email || null,
        at: now,
        limit: limit > 0 ? limit : null,
        since: now - DAY_MS,
        // A repeat may arrive while the first request is still making its lead.
        pendingSince: window > 0 ? now - Math.min(window, WAIT_FOR_EARLIER_MS) : null,
      });
      if (!admission.ok) tooMany(c, Math.ceil((admission.retryAt - now) / 1000), 'callback requests for this phone number today');
      requestId = admission.requestId;
      ahead = admission.ahead;
    }
    const settle = (leadId: string, repeat: boolean) =>
      requestId === null ? Promise.resolve() : guard.settle({ requestId, workspaceId: site.workspaceId, leadId, at: now, repeat });
    try {
      if (requestId !== null && window > 0) {
        // A repeat request from the same person joins their open lead instead of a second call,
        // including a lead the request ahead of it is making right now (a double submit).
        let joined =
          (ahead !== null ? await leadOfEarlierRequest(guard, ahead) : null) ??
          (await guard.recentLead(site.id, phoneE164!, body.email || null, now - window));
        // The same request sent again under its idempotency key while the first was still running
        // (the widget resends until it hears back) is a replay, not a repeat: the store answers it
        // below with the first one's lead (or a conflict), and this admission's slot goes back.
        if (joined && key !== undefined && (await guard.keyUsed(site.id, key))) joined = null;
        if (joined) {
          await settle(joined, true);
          return c.json(await respond(joined), 200);
        }
      }
      // A visitor who browsed before asking keeps their history: it counts in the decision.
      const history = body.visitorId ? await deps.tracking.visitorHistory(site.id, body.visitorId) : null;
      let qualification = qualify({
        rules: site.rules,
        answers: body.answers,
        traits: { ...(history?.traits ?? {}), ...(body.email ? { email: body.email } : {}) },
        events: history?.events ?? [],
        callbackRequested: true,
        now,
      });
      const bot = await formBot(body, site.id);
      if (bot) {
        // Kept, never lost, but never routed: a person reviewing suspects can still call back.
        qualification = { ...qualification, hot: false, mql: false, fit: { status: 'fails', stage: 'suspect', reason: bot, missing: [] } };
      }
      const result = await store.recordCallback({
        site,
        name: body.name,
        phoneE164: phoneE164!,
        email: body.email || null,
        answers: body.answers,
        pageUrl: body.pageUrl ?? null,
        visitorId: body.visitorId ?? null,
        timeZone: body.timeZone ?? null,
        qualification,
        stage: stageFromQualification(qualification),
        idempotency: key ? { key, bodyHash: createHash('sha256').update(JSON.stringify(body)).digest('hex') } : null,
        now,
      });
      if (result.kind === 'conflict') {
        throw new ApiFailure(409, 'idempotency_conflict', 'This idempotency key was already used with a different request');
      }
      let told: VisitorStatus | null | undefined;
      if (result.kind !== 'created') {
        // A replay or a lost race on the same idempotency key: the first request holds the slot.
        if (requestId !== null) await guard.release(requestId);
      } else {
        await settle(result.leadId, false);
        if (body.visitorId) await deps.tracking.linkVisitorToLead(site.id, body.visitorId, result.leadId);
        told = await router.leadCaptured(result.leadId);
      }
      return c.json(await respond(result.leadId, told), result.kind === 'created' ? 201 : 200);
    } catch (err) {
      // Only a request that made no lead gives its slot back (release skips settled ones).
      if (requestId !== null) await guard.release(requestId).catch(() => undefined);
      throw err;
    }
  });

  /** The answer to a callback; `told` is the status routing just pushed, when it pushed one. */
  async function respond(leadId: string, told?: VisitorStatus | null): Promise<CallbackResponse> {
    return {
      leadId,
      visitorToken: visitorToken(deps.visitorSecret, leadId),
      status: (told === undefined ? await router.statusOf(leadId) : told) ?? { state: 'closed' },
    };
  }

  /** Why this submission looks automated (honeypot filled, or faster than a person types), or null. */
  async function formBot(body: { hp?: string | undefined; tts?: number | undefined }, siteId: string): Promise<string | null> {
    if (body.hp) return 'Looks automated: filled a hidden form field';
    const min = (await deps.tracking.settings(siteId)).minSubmitMs;
    if (body.tts !== undefined && min > 0 && body.tts < min) return `Looks automated: submitted ${body.tts} ms after the form opened`;
    return null;
  }

  app.post('/:leadId/slot', async (c) => {
    const body = await readBody(c, slotChoiceSchema);
    const leadId = leadOfToken(deps.visitorSecret, body.token);
    if (!leadId || leadId !== c.req.param('leadId')) throw new ApiFailure(403, 'bad_token', 'This link is not valid for that request');
    const site = await store.siteOfLead(leadId);
    if (!site) throw new ApiFailure(404, 'not_found', 'No such request');
    allowSiteOrigin(c, site);
    const at = Date.parse(body.slot);
    // Only a slot we offer now is accepted: the visitor cannot book a time outside hours.
    const offered = (await router.slotsFor(leadId)).map(Date.parse);
    if (!offered.includes(at)) throw new ApiFailure(400, 'invalid', 'Some fields need attention', { slot: 'Pick one of the offered times' });
    if (!(await store.scheduleCallback(leadId, at, clock()))) throw new ApiFailure(409, 'not_waiting', 'This request is already being handled');
    await router.scheduled(leadId, at);
    return c.json({ status: await router.statusOf(leadId) });
  });

  return app;
}
