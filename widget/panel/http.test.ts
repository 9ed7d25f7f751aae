import { afterEach, describe, expect, it, vi } from 'vitest';
import { postText } from './http';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** Answers each call with the next item: a status code, or 'down' for a network failure. */
function fakeFetch(answers: Array<number | 'down'>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (next === 'down' || next === undefined) throw new TypeError('Failed to fetch');
    return new Response('{}', { status: next });
  });
  return calls;
}

describe('postText', () => {
  it('sends a simple CORS request: text/plain body, no custom headers', async () => {
    const calls = fakeFetch([201]);
    const res = await postText('http://api/v1/callbacks?idempotencyKey=k', { a: 1 });
    expect(res?.status).toBe(201);
    expect(calls[0].init).toMatchObject({ method: 'POST', body: '{"a":1}', credentials: 'omit' });
    expect(calls[0].init.headers).toEqual({ 'Content-Type': 'text/plain;charset=UTF-8' });
  });

  it('retries network failures and gateway errors with the same URL and body', async () => {
    vi.useFakeTimers();
    const calls = fakeFetch(['down', 503, 201]);
    const retries: number[] = [];
    const pending = postText('http://api/x?idempotencyKey=k', { a: 1 }, { onRetry: (n) => retries.push(n) });
    await vi.runAllTimersAsync();
    expect((await pending)?.status).toBe(201);
    expect(retries).toEqual([1, 2]);
    expect(new Set(calls.map((c) => `${c.url} ${c.init.body}`)).size).toBe(1);
  });

  it('does not retry an answer from the application (400, 429, 500)', async () => {
    for (const status of [400, 429, 500]) {
      const calls = fakeFetch([status]);
      expect((await postText('http://api/x', {}))?.status).toBe(status);
      expect(calls).toHaveLength(1);
    }
  });

  it('gives up with null after the last retry when the network never answers', async () => {
    vi.useFakeTimers();
    const calls = fakeFetch(['down', 'down', 'down', 'down', 'down']);
    const pending = postText('http://api/x', {});
    await vi.runAllTimersAsync();
    expect(await pending).toBeNull();
    expect(calls).toHaveLength(4);
  });
});
