import { HOST_ORIGIN } from './test-server';

/** A desktop Chrome User-Agent: the bot filter stays on, and a person's browser passes it. */
export const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

export function pageView(path: string, at = Date.now()) {
  return { type: 'page_view', url: `${HOST_ORIGIN}${path}`, at };
}

export async function postEvents(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: HOST_ORIGIN, 'user-agent': BROWSER_UA, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}
