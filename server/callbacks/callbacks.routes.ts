import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { CallbackResponse, VisitorStatus } from '../../shared/api';
import { callbackQuerySchema, callbackRequestSchema, slotChoiceSchema } from '../../shared/schemas/callback.schema';
import { qualify } from '../../shared/qualify/qualify';
import { stageFromQualification } from '../../shared/lifecycle';
import type { AppDeps } from '../app';
import { readBody } from '../http/body';
import { ApiFailure, invalid } from '../http/errors';
import { allowSiteOrigin } from '../sites/site-origin';
import { clientIp } from '../http/client-ip';
import { tooMany } from '../http/rate-limit';
import { toE164 } from './phone';
import { leadOfToken, visitorToken } from './visitor-token';
import { admitLead, type AdmissionDeps } from '../capture/admit-lead';

/** `POST /v1/callbacks`: a visitor asks to be called now. Committed before the 2xx. */
export function callbackRoutes(deps: AppDeps) {
  const { store, clock, router, guard } = deps;
  const app = new Hono();
  const limiter = deps.limiter;
  const limits = deps.config.limits;
  const admissionDeps: AdmissionDeps = { limiter, limits, guard, botSettings: (siteId) => deps.tracking.settings(siteId) };

  app.post('/', async (c) => {
    const body = await readBody(c, callbackRequestSchema);
    const site = await deps.sites.byKeyOrNull(body.siteKey);
    if (!site) throw new ApiFailure(400, 'unknown_site', 'Unknown site key', { siteKey: 'Unknown site key' });
    allowSiteOrigin(c, site);
    const known = site;

    const keyCheck = callbackQuerySchema.safeParse({ idempotencyKey: c.req.header('idempotency-key') ?? c.req.query('idempotencyKey') });
    if (!keyCheck.success) throw invalid(keyCheck.error);
    const key = keyCheck.data.idempotencyKey;
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
    const admission = await admitLead(admissionDeps, {
      site,
      clientIp: clientIp(c, deps.config.trustProxy),
      userAgent: c.req.header('user-agent'),
      phone: phoneE164!,
      email: body.email || null,
      repeatNote: 'Asked for a callback again (joined this lead)',
      form: { hp: body.hp, tts: body.tts },
      key: key ?? null,
      now,
    });
    /** The authoritative qualification of this request; a visitor who browsed before asking keeps their history. */
    async function qualifyCallback() {
      const history = body.visitorId ? await deps.tracking.visitorHistory(known.id, body.visitorId) : null;
      return qualify({
        rules: known.rules,
        answers: body.answers,
        traits: { ...(history?.traits ?? {}), ...(body.email ? { email: body.email } : {}) },
        events: history?.events ?? [],
        callbackRequested: true,
        now,
      });
    }
    if (admission.kind === 'refused') tooMany(c, admission.retryAfterSec, `callback ${admission.what}`);
    if (admission.kind === 'joined') return c.json(await respond(admission.leadId), 200);
    if (admission.kind === 'returning') {
      // Their lead was in nurture: it comes back, re-qualified with these answers, and is routed
      // (its previous owner first); no second lead. A request that looks automated leaves it there.
      const leadId = admission.leadId;
      if (admission.suspect) return c.json(await respond(leadId, { state: 'closed' }), 200);
      if (body.visitorId) await deps.tracking.linkVisitorToLead(site.id, body.visitorId, leadId);
      const told = await router.leadBecameHot(leadId, {
        cause: 'asked for a callback',
        requalified: { answers: body.answers, qualification: await qualifyCallback(), pageUrl: body.pageUrl ?? null, timeZone: body.timeZone ?? null },
      });
      return c.json(await respond(leadId, told), 200);
    }
    const admitted = admission.kind === 'admitted' ? admission : null;
    try {
      let qualification = await qualifyCallback();
      if (admitted?.suspect) {
        // Kept, never lost, but never routed: a person reviewing suspects can still call back.
        qualification = { ...qualification, hot: false, mql: false, fit: { status: 'fails', stage: 'suspect', reason: admitted.suspect, missing: [] } };
      }
      const result = await store.recordCallback({
        site,
        name: body.name,
        phoneE164: phoneE164!,
        email: body.email || null,
        answers: body.answers,
        pageUrl: body.pageUrl ?? null,
        referrer: body.referrer || null,
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
        await admitted?.release();
      } else {
        await admitted?.settle(result.leadId);
        if (body.visitorId) await deps.tracking.linkVisitorToLead(site.id, body.visitorId, result.leadId);
        told = await router.leadCaptured(result.leadId);
      }
      return c.json(await respond(result.leadId, told), result.kind === 'created' ? 201 : 200);
    } catch (err) {
      // Only a request that made no lead gives its slot back (release skips settled ones).
      await admitted?.release().catch(() => undefined);
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
