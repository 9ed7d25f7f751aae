// The panel's three calls to the Sixty API, and what each outcome means for the visitor.
import type { ApiError, CallbackResponse, SiteConfigResponse, VisitorStatus } from '../../shared/api';
import type { CallbackRequest } from '../../shared/schemas/callback.schema';
import { postText, readJson, type PostOptions } from './http';

export type Outcome<T> = { ok: true; data: T } | { ok: false; message: string; fields: Record<string, string> };

const NETWORK_MESSAGE = "We couldn't reach our server. Check your connection and try again.";

export async function fetchSiteConfig(origin: string, siteKey: string): Promise<SiteConfigResponse> {
  const res = await fetch(`${origin}/v1/sites/${encodeURIComponent(siteKey)}/config`, { credentials: 'omit' });
  const config = res.ok ? await readJson<SiteConfigResponse>(res) : undefined;
  if (!config) throw new Error(`site config: HTTP ${res.status}`);
  return config;
}

export async function requestCallback(
  origin: string,
  body: CallbackRequest,
  idempotencyKey: string,
  options: PostOptions,
): Promise<Outcome<CallbackResponse>> {
  // The key rides in the query string: a custom header would force a CORS preflight and the
  // body schema is strict.
  const url = `${origin}/v1/callbacks?idempotencyKey=${encodeURIComponent(idempotencyKey)}`;
  return interpret<CallbackResponse>(await postText(url, body, options));
}

export async function chooseSlot(
  origin: string,
  leadId: string,
  token: string,
  slot: string,
): Promise<Outcome<VisitorStatus>> {
  const url = `${origin}/v1/callbacks/${encodeURIComponent(leadId)}/slot`;
  // Choosing the same slot twice is harmless, so a retry needs no key.
  const outcome = await interpret<{ status: VisitorStatus }>(await postText(url, { token, slot }, { retries: 2 }));
  return outcome.ok ? { ok: true, data: outcome.data.status } : outcome;
}

async function interpret<T>(res: Response | null): Promise<Outcome<T>> {
  if (!res) return failure(NETWORK_MESSAGE);
  if (res.ok) {
    const data = await readJson<T>(res);
    return data ? { ok: true, data } : failure(messageFor(500));
  }
  if (res.status === 400) {
    const body = await readJson<ApiError>(res);
    if (body && body.error) return failure(body.error.message || messageFor(400), body.error.fields);
  }
  return failure(messageFor(res.status));
}

function failure(message: string, fields: Record<string, string> = {}): Outcome<never> {
  return { ok: false, message, fields };
}

function messageFor(status: number): string {
  if (status === 400) return 'Please check the details above and try again.';
  if (status === 403) return "Sorry, we can't take requests from this page right now.";
  if (status === 404) return 'This request is no longer available. Please start again.';
  if (status === 413) return 'That is more text than we can send. Please shorten your answers.';
  if (status === 429) return 'Too many requests just now. Please wait a minute and try again.';
  return 'Something went wrong on our side. Please try again in a moment.';
}
