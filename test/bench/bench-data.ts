// What the load generators send: callbacks and behaviour events shaped like the widget's.

/** An origin the bench sites allow (`http://localhost:*`), as a customer's page would send. */
export const HOST_ORIGIN = 'http://localhost:5999';

/** A desktop Chrome User-Agent (the bench site's bot filter is off anyway). */
export const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** Answers that pass the default site's must-haves: the lead is hot and routed at once. */
export const HOT_ANSWERS = { projects: 'commercial', size: '51-200', role: 'decision' };

/** Answers the default site rules out: the lead is stored but never routed (idle visitors). */
export const COLD_ANSWERS = { projects: 'residential', size: '1-10', role: 'evaluating' };

export function callbackBody(siteKey: string, i: number, answers: Record<string, string>): string {
  return JSON.stringify({
    siteKey,
    name: `Bench Visitor ${i}`,
    phone: `+1 415 555 ${String(2000 + (i % 7000)).padStart(4, '0')}`,
    email: `visitor${i}@bench.test`,
    answers,
    pageUrl: `${HOST_ORIGIN}/pricing`,
  });
}

export const CALLBACK_HEADERS = { 'content-type': 'text/plain', origin: HOST_ORIGIN, 'user-agent': BROWSER_UA };
export const EVENT_HEADERS = CALLBACK_HEADERS;

/** A visitor id the events schema accepts (8 to 64 of [A-Za-z0-9_-]). */
export function visitorId(i: number): string {
  return `benchvisitor${i.toString(36).padStart(6, '0')}`;
}

const PAGES = ['/', '/pricing', '/products/ovens', '/case-studies/diner', '/blog/energy', '/contact'];

/** The n-th event of a visitor's stream: page views, engagement, clicks and downloads. */
export function behaviourEvent(n: number, at: number): Record<string, unknown> {
  const page = `${HOST_ORIGIN}${PAGES[n % PAGES.length]}`;
  switch (n % 5) {
    case 0:
    case 1:
      return { type: 'page_view', url: page, at };
    case 2:
      return { type: 'engagement', url: page, at, props: { visibleMs: 4000 + (n % 9000), scrollDepth: n % 100 } };
    case 3:
      return { type: 'click', name: 'cta_pricing', url: page, at };
    default:
      return { type: 'download', url: page, at, props: { href: `${HOST_ORIGIN}/files/whitepaper.pdf` } };
  }
}

export function eventsBody(siteKey: string, visitor: number, first: number, count: number, at: number): string {
  const events = Array.from({ length: count }, (_, k) => behaviourEvent(first + k, at));
  return JSON.stringify({ siteKey, visitorId: visitorId(visitor), events });
}
