// A `fetch` for tsdav made of the guarded fetch module: every CalDAV request (discovery, reads,
// writes) goes where the operator's allow-list lets it, with a deadline and a size bound. A
// redirect is followed here, a few hops at most, each new address checked by the guard again;
// the password goes along only to the origin it was given for.
import type { IncomingHttpHeaders } from 'node:http';
import type { GuardedFetch } from '../net';

/** A calendar server slower than this is treated as down: a booking waits on a fresh read. */
export const DAV_TIMEOUT_MS = 10_000;
/** A month of a busy calendar's events is a few hundred kB; more is a server misbehaving. */
export const DAV_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** Servers redirect discovery once or twice (/.well-known → principal); more is a loop. */
export const DAV_MAX_REDIRECTS = 3;

/** The server answered, but refused the credentials or failed: a calendar that reads as down. */
export class CalendarHttpFailure extends Error {
  constructor(readonly status: number) {
    super(
      status === 401 || status === 403
        ? `the calendar server refused the username or app password (HTTP ${status})`
        : `the calendar server failed (HTTP ${status})`,
    );
    this.name = 'CalendarHttpFailure';
  }
}

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, key) => (out[key] = value));
  return out;
}

function responseHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(raw)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  return headers;
}

/** Statuses whose response has no body (the Response constructor refuses one). */
const NO_BODY = new Set([101, 204, 205, 304]);

export function davFetch(outbound: GuardedFetch, { timeoutMs = DAV_TIMEOUT_MS } = {}): typeof fetch {
  return async function guardedDavFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    let url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    let method = (init?.method ?? 'GET').toUpperCase();
    let body = typeof init?.body === 'string' ? init.body : undefined;
    let headers = headersOf(init);
    const origin = url.origin;
    for (let hop = 0; ; hop++) {
      const res = await outbound(url.href, { method, headers, ...(body !== undefined ? { body } : {}), timeoutMs, maxResponseBytes: DAV_MAX_RESPONSE_BYTES });
      const location = res.headers.location;
      if (res.status >= 300 && res.status < 400 && location && init?.redirect !== 'manual' && hop < DAV_MAX_REDIRECTS) {
        url = new URL(location, url);
        if (res.status === 303) {
          method = 'GET';
          body = undefined;
        }
        // The password was given for one server: a redirect elsewhere goes without it.
        if (url.origin !== origin) headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'authorization'));
        continue;
      }
      if (res.status === 401 || res.status === 403 || res.status >= 500) throw new CalendarHttpFailure(res.status);
      const response = new Response(NO_BODY.has(res.status) ? null : new Uint8Array(res.body), {
        status: res.status,
        headers: responseHeaders(res.headers),
      });
      // tsdav reads `url` for the hrefs of error answers.
      Object.defineProperty(response, 'url', { value: url.href });
      return response;
    }
  };
}
