// The site's public config, fetched once at page load: the loader needs its consent mode and
// tracked selectors, the launcher its text, and the panel reuses the same promise. Every field
// is checked where it is read; here only that the answer is an object at all.
import type { LoaderConfig } from '../contract';

/** Resolves with null when the server is unreachable, refuses this page, or answers nonsense. */
export function fetchSiteConfig(origin: string, siteKey: string): Promise<LoaderConfig | null> {
  return fetch(`${origin}/v1/sites/${encodeURIComponent(siteKey)}/config`, { credentials: 'omit' })
    .then((res) => (res.ok ? res.json() : null))
    .then((config) => (config instanceof Object && !Array.isArray(config) ? config : null))
    .catch(() => null);
}
