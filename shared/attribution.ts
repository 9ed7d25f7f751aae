// Where a lead came from, from the touches we know: the tracked visitor's first touch (landing
// page, referrer and UTM tags, stored when first seen) and the callback's own (the page it was
// asked from and that page's referrer). The first touch that names a source wins; a lead with
// none is direct. Used by the numbers, the export and the webhook payload alike. Pure.

export const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;
export type UtmKey = (typeof UTM_KEYS)[number];
export type Utm = Record<UtmKey, string | null>;

/** One touch: a page, the page before it, and any UTM tags stored apart from the page's URL. */
export interface Touch {
  url: string | null;
  referrer: string | null;
  utm?: Partial<Record<UtmKey, string | null>>;
}

export interface Attribution {
  /** `utm_source`, else the referring site's host; null = direct. */
  source: string | null;
  utm: Utm;
  /** The referrer of the touch the source came from (null when direct or unknown). */
  referrer: string | null;
}

const NO_UTM: Utm = { source: null, medium: null, campaign: null, term: null, content: null };

/** Longest UTM value kept: they come from URLs anyone can craft. */
const UTM_MAX = 200;

function parsed(url: string | null): URL | null {
  return url && URL.canParse(url) ? new URL(url) : null;
}

/** A host as people name a site: lower case, without `www.`. */
function siteHost(url: URL): string {
  const host = url.hostname.toLowerCase();
  return host.startsWith('www.') ? host.slice(4) : host;
}

/** The UTM tags of a touch: those stored apart win over those in its URL. */
export function touchUtm(t: Touch): Utm {
  const query = parsed(t.url)?.searchParams;
  const utm = { ...NO_UTM };
  for (const k of UTM_KEYS) {
    const value = (t.utm?.[k] ?? query?.get(`utm_${k}`) ?? '').trim().slice(0, UTM_MAX);
    utm[k] = value || null;
  }
  return utm;
}

/** What one touch says: its UTM tags, else a referral from another site, else nothing (null). */
export function touchAttribution(t: Touch): Attribution | null {
  const utm = touchUtm(t);
  if (utm.source) return { source: utm.source, utm, referrer: t.referrer };
  const from = parsed(t.referrer);
  const page = parsed(t.url);
  // A referrer on the same site is a click between its pages, not where the person came from.
  if (!from || (from.protocol !== 'http:' && from.protocol !== 'https:') || (page && siteHost(page) === siteHost(from))) return null;
  return { source: siteHost(from), utm: { ...utm, medium: utm.medium ?? 'referral' }, referrer: t.referrer };
}

/** The lead's attribution: the earliest touch that names a source, else direct. */
export function attribute(touches: ReadonlyArray<Touch | null>): Attribution {
  for (const t of touches) {
    const a = t && touchAttribution(t);
    if (a) return a;
  }
  return { source: null, utm: { ...NO_UTM }, referrer: null };
}
