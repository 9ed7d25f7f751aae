// The callback request's body, from what the visitor typed, and back (to refill the form when a
// saved request is resent on another page).
import type { CallbackResponse } from '../../shared/api';
import type { CallbackRequest } from '../../shared/schemas/callback.schema';
import type { LoaderConfig } from '../contract';
import type { LeadValues } from './validate';

/** The schema caps pageUrl and referrer; a longer URL must not make the whole request fail. */
const PAGE_URL_MAX = 2000;

export function toRequest(siteKey: string, values: LeadValues, config: LoaderConfig, visitorId?: string, shownAt?: number): CallbackRequest {
  const answers: Record<string, string> = {};
  for (const q of config.questions) {
    const answer = (values.answers[q.id] || '').trim();
    if (answer) answers[q.id] = answer;
  }
  const body: CallbackRequest = {
    siteKey,
    name: values.name.trim(),
    phone: values.phone.trim(),
    answers,
    pageUrl: location.href.slice(0, PAGE_URL_MAX),
  };
  const email = values.email.trim();
  if (email) body.email = email;
  if (visitorId) body.visitorId = visitorId;
  // Where the visitor came from, for attribution when nothing tracked their visit.
  if (document.referrer) body.referrer = document.referrer.slice(0, PAGE_URL_MAX);
  // Time-to-submit for the server's form-bot check, and the visitor's zone so the rep sees their local time.
  if (shownAt !== undefined) body.tts = Math.max(0, Math.round(Date.now() - shownAt));
  const zone = timeZone();
  if (zone) body.timeZone = zone;
  return body;
}

export function toValues(body: CallbackRequest): LeadValues {
  return { name: body.name, phone: body.phone, email: body.email || '', answers: { ...body.answers } };
}

/** The server's acknowledgement, as opposed to some other 2xx page (a captive portal's). */
export function isLead(body: unknown): body is CallbackResponse {
  const lead = body as CallbackResponse | undefined;
  return !!lead && typeof lead.leadId === 'string' && typeof lead.visitorToken === 'string' && !!lead.status && typeof lead.status.state === 'string';
}

function timeZone(): string | undefined {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone && /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/.test(zone) ? zone : undefined;
  } catch {
    return undefined;
  }
}
