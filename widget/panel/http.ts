// POSTs a JSON body as text/plain with no custom headers: a CORS "simple request", so the
// browser sends no preflight. Retries network failures and gateway errors with backoff; callers
// that create resources must make the request idempotent (same URL and body on every attempt).

/** Waits between attempts: 4 attempts over about 7 seconds, then we tell the visitor. */
const RETRY_DELAYS_MS = [1000, 2000, 4000];

/** A hung request counts as a network failure, so a stalled connection still gets retried. */
const ATTEMPT_TIMEOUT_MS = 15000;

/** Statuses worth retrying: the proxy or server was briefly unavailable. */
const RETRYABLE_STATUSES = [502, 503, 504];

export interface PostOptions {
  /** Called before each retry, with the retry number (1-based) and the total retries. */
  onRetry?: (retry: number, of: number) => void;
  retries?: number;
}

/** Resolves with the final response, or null when the network never answered. */
export async function postText(url: string, body: unknown, options: PostOptions = {}): Promise<Response | null> {
  const retries = Math.min(options.retries ?? RETRY_DELAYS_MS.length, RETRY_DELAYS_MS.length);
  const text = JSON.stringify(body);
  for (let attempt = 0; ; attempt++) {
    const res = await attemptPost(url, text);
    const retryable = !res || RETRYABLE_STATUSES.indexOf(res.status) >= 0;
    if (!retryable || attempt >= retries) return res;
    options.onRetry?.(attempt + 1, retries);
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
  }
}

async function attemptPost(url: string, text: string): Promise<Response | null> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ATTEMPT_TIMEOUT_MS);
  try {
    return await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      body: text,
      credentials: 'omit',
      signal: abort.signal,
    });
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** Parses a JSON body, or undefined when there is none (proxies answer errors in HTML). */
export async function readJson<T>(res: Response): Promise<T | undefined> {
  try {
    return (await res.json()) as T;
  } catch {
    return undefined;
  }
}
