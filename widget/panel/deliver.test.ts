import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deliver, post } from './deliver';

/** Stands in for the window's `online` events (Node has no window). */
let windowEvents: EventTarget;
beforeEach(() => {
  windowEvents = new EventTarget();
  vi.stubGlobal('addEventListener', windowEvents.addEventListener.bind(windowEvents));
  vi.stubGlobal('removeEventListener', windowEvents.removeEventListener.bind(windowEvents));
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** Answers each call with the next item: a status code (with a JSON body), 'html' for a 200
 * page that is not ours, or 'down' for a network failure. */
function fakeFetch(answers: Array<number | 'down' | 'html'>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (next === 'down' || next === undefined) throw new TypeError('Failed to fetch');
    if (next === 'html') return new Response('<html>Sign in to the Wi-Fi</html>', { status: 200 });
    return new Response(JSON.stringify({ ok: next }), { status: next });
  });
  return calls;
}

const ours = (body: unknown) => !!body && typeof body === 'object' && 'ok' in body;

describe('post', () => {
  it('sends a simple CORS request: text/plain body, no custom headers, no credentials', async () => {
    const calls = fakeFetch([201]);
    expect(await post('http://api/v1/callbacks?idempotencyKey=k', '{"a":1}')).toEqual({ status: 201, body: { ok: 201 } });
    expect(calls[0].init).toMatchObject({ method: 'POST', body: '{"a":1}', credentials: 'omit' });
    expect(calls[0].init.headers).toEqual({ 'Content-Type': 'text/plain;charset=UTF-8' });
  });
});

describe('deliver', () => {
  it('retries network failures, 5xx, 408, 429 and pages that are not ours, with the same URL and body, until the server answers', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('navigator', { onLine: true });
    const calls = fakeFetch(['down', 503, 500, 408, 429, 'html', 'down', 'down', 201]);
    const waits: boolean[] = [];
    const pending = deliver('http://api/x?idempotencyKey=k', '{"a":1}', ours, (offline) => waits.push(offline));
    await vi.runAllTimersAsync();
    expect(await pending).toEqual({ status: 201, body: { ok: 201 } });
    expect(waits).toEqual([false, false, false, false, false, false, false, false]);
    expect(calls).toHaveLength(9);
    expect(new Set(calls.map((c) => `${c.url} ${c.init.body}`)).size).toBe(1);
  });

  it('stops at a refusal from the application (400, 403, 413)', async () => {
    for (const status of [400, 403, 413]) {
      const calls = fakeFetch([status]);
      expect((await deliver('http://api/x', '{}', ours, () => undefined)).status).toBe(status);
      expect(calls).toHaveLength(1);
    }
  });

  it('says when the browser is offline, and tries again at once when it is back', async () => {
    vi.useFakeTimers();
    const nav = { onLine: false };
    vi.stubGlobal('navigator', nav);
    const calls = fakeFetch(['down', 'down', 201]);
    const waits: boolean[] = [];
    const pending = deliver('http://api/x', '{}', ours, (offline) => waits.push(offline));
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(2);
    expect(waits).toEqual([true, true]);
    // The next wait would be 2 s; coming back online does not wait for it.
    nav.onLine = true;
    windowEvents.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(3);
    expect((await pending).status).toBe(201);
  });
});
