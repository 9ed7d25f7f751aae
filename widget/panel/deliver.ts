// Delivers a request that must not be lost (the visitor asked for a call): POSTs it as text/plain
// JSON with no custom headers (a CORS "simple request", no preflight) until the server gives a
// final answer. Network failures, timeouts, 408, 429, 5xx and answers that are not ours (a
// captive portal's page) are retried with backoff for as long as the page is open, and at once
// when the browser comes back online. The caller makes the request idempotent (same URL and body
// every time), so a retry can never create a second lead.

/** Waits between attempts, growing to a ceiling. */
const DELAYS_MS = [1000, 2000, 4000, 8000, 15000, 30000];

/** A hung request counts as a network failure, so a stalled connection still gets retried. */
const ATTEMPT_TIMEOUT_MS = 15000;

export interface Answer {
  status: number;
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown;
}

/**
 * Resolves with the final answer: a 2xx whose body `valid` accepts, or a 4xx other than 408/429.
 * `onWait` is called before each wait, with whether the browser says it is offline.
 */
export function deliver(url: string, text: string, valid: (body: unknown) => boolean, onWait: (offline: boolean) => void): Promise<Answer> {
  return new Promise((resolve) => {
    let attempt = 0;
    const next = () =>
      post(url, text).then((answer) => {
        const status = answer ? answer.status : 0;
        const final = status >= 200 && status < 300 ? valid(answer!.body) : status >= 400 && status < 500 && status !== 408 && status !== 429;
        if (final) return resolve(answer!);
        onWait(navigator.onLine === false);
        const retry = () => {
          clearTimeout(timer);
          removeEventListener('online', retry);
          next();
        };
        const timer = setTimeout(retry, DELAYS_MS[Math.min(attempt++, DELAYS_MS.length - 1)]);
        addEventListener('online', retry);
      });
    next();
  });
}

/** One attempt; null when the network never answered. Never rejects. */
export async function post(url: string, text: string): Promise<Answer | null> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ATTEMPT_TIMEOUT_MS);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      body: text,
      credentials: 'omit',
      signal: abort.signal,
    });
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      // No JSON (proxies answer errors in HTML): the status decides.
    }
    return { status: res.status, body };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
