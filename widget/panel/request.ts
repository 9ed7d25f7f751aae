// The callback request's body, from what the visitor typed, and back (to refill the form when a
// saved request is resent on another page).
import type { CallbackResponse } from '../../shared/api';
import type { CallbackRequest } from '../../shared/schemas/callback.schema';
import type { LoaderConfig } from '../contract';
import type { LeadValues } from './validate';

/** The schema caps pageUrl; a longer URL must not make the whole request fail. */
const PAGE_URL_MAX = 2000;

export function toRequest(siteKey: string, values: LeadValues, config: LoaderConfig, visitorId?: string): CallbackRequest {
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
