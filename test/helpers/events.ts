import { BROWSER_UA, HOST_ORIGIN } from './test-server';

export { BROWSER_UA };

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
