// The widget's half of the site's own forms: `POST /v1/forms/seen` (a form's shape, no values,
// listed for the marketer) and `POST /v1/forms/submissions` (a submission of a mapped form:
// read into traits and answers, then captured as a callback is). Both are text/plain JSON
// simple requests, origin-checked against the site.
import { Hono } from 'hono';
import type { CallbackResponse } from '../../shared/api';
import { callbackQuerySchema } from '../../shared/schemas/callback.schema';
import { formSeenRequestSchema, formSubmissionSchema } from '../../shared/schemas/forms.schema';
import type { AppDeps } from '../app';
import { toE164 } from '../callbacks/phone';
import { visitorToken } from '../callbacks/visitor-token';
import { readBody } from '../http/body';
import { clientIp } from '../http/client-ip';
import { ApiFailure, invalid } from '../http/errors';
import { rateLimit, tooMany } from '../http/rate-limit';
import { userAgentIsBot } from '../tracking/bot-filter';
import { allowSiteOrigin } from '../sites/site-origin';
import { captureFormSubmission, hashOf } from './form-capture';
import { readSubmission } from './read-submission.core';
import { runFormTest } from './form-test';

export function formRoutes(deps: AppDeps) {
  const { sites, forms, clock } = deps;
  const app = new Hono();
  // Sightings ride on the events budget: a page that submits forms in a loop cannot fill the list.
  app.use(
    '/seen',
    rateLimit({
      limiter: deps.limiter,
      limit: deps.config.limits.eventsPerIpPerMinute,
      what: 'form reports from this address',
      key: (c) => `forms:ip:${clientIp(c, deps.config.trustProxy)}`,
      clock,
    }),
  );

  const siteOf = async (siteKey: string) => {
    const site = await sites.byKeyOrNull(siteKey);
    if (!site) throw new ApiFailure(400, 'unknown_site', 'Unknown site key', { siteKey: 'Unknown site key' });
    return site;
  };

  app.post('/seen', async (c) => {
    const body = await readBody(c, formSeenRequestSchema);
    const site = await siteOf(body.siteKey);
    allowSiteOrigin(c, site);
    // Privacy signals and bots: nothing is kept, as for behaviour events.
    const quiet = c.req.header('sec-gpc') === '1' || c.req.header('dnt') === '1';
    const bot = (await deps.tracking.settings(site.id)).botFilter && userAgentIsBot(c.req.header('user-agent'));
    if (quiet || bot) return c.json({ recorded: false });
    await forms.seen(site, body.form, clock());
    return c.json({ recorded: true });
  });

  app.post('/submissions', async (c) => {
    const body = await readBody(c, formSubmissionSchema);
    const site = await siteOf(body.siteKey);
    allowSiteOrigin(c, site);
    const keyCheck = callbackQuerySchema.safeParse({ idempotencyKey: c.req.header('idempotency-key') ?? c.req.query('idempotencyKey') });
    if (!keyCheck.success) throw invalid(keyCheck.error);
    // The published rules' mapping: a mapping still in a draft reads nothing yet.
    const mapping = site.rules.forms?.[body.formKey];
    if (!mapping) throw new ApiFailure(404, 'unknown_form', 'This form is not mapped on this site', { formKey: 'Not a mapped form of this site' });
    const formName = (await forms.get(site.id, body.formKey))?.name ?? body.formKey;

    if (body.test !== undefined) {
      // The marketer's own test: shown in the console, never stored, routed, counted or sent.
      const testId = deps.formTests.verify(body.test, site.id, body.formKey, clock());
      if (!testId)
        throw new ApiFailure(400, 'invalid', 'This test link is not valid', {
          test: 'This test link has expired or is not valid: press “Test this form” again',
        });
      deps.formTests.record(testId, await runFormTest(deps, site, mapping, body));
      return c.json({ test: true }, 202);
    }
    const read = readSubmission(mapping, site.rules.questions, body.fields);
    // The panel's number, when it asked for one, wins over what the form held.
    const typed = body.phone ?? read.phone;
    const phone = toE164(typed, site.phoneRegion);
    // The lead needs a number to be called on: the widget's panel asks for it, then resends this
    // submission with it (so the lead keeps the form's name, email and answers).
    if (!phone)
      throw new ApiFailure(400, 'invalid', 'Some fields need attention', {
        phone: typed.trim()
          ? 'This does not look like a valid phone number; include the country code if you are abroad'
          : 'Your phone number, so we can call you back',
      });
    const now = clock();
    const pageUrl = body.pageUrl ?? null;
    const result = await captureFormSubmission(deps, {
      site,
      clientIp: clientIp(c, deps.config.trustProxy),
      userAgent: c.req.header('user-agent'),
      key: keyCheck.data.idempotencyKey ?? null,
      bodyHash: hashOf(body),
      name: read.name.slice(0, 200),
      phone,
      email: read.email.includes('@') ? read.email.slice(0, 320) : null,
      answers: read.answers,
      visitorId: body.visitorId ?? null,
      pageUrl,
      timeZone: body.timeZone ?? null,
      tts: body.tts,
      action: mapping.action,
      formName,
    });
    if (result.kind === 'refused') tooMany(c, result.retryAfterSec, `form submissions: ${result.what}`);
    if (result.kind === 'conflict') throw new ApiFailure(409, 'idempotency_conflict', 'This idempotency key was already used with a different request');
    if (result.created || result.told !== undefined)
      await forms.recordSubmission({
        site,
        formKey: body.formKey,
        formName,
        leadId: result.leadId,
        pageUrl,
        answers: read.answers,
        joined: !result.created,
        now,
      });
    const status = (result.told === undefined ? await deps.router.statusOf(result.leadId) : result.told) ?? { state: 'closed' as const };
    const answer: CallbackResponse = { leadId: result.leadId, visitorToken: visitorToken(deps.visitorSecret, result.leadId), status };
    return c.json(answer, result.created ? 201 : 200);
  });

  return app;
}
