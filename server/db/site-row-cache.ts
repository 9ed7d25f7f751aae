// The per-id site row cache both stores' contexts keep (the edges look sites up by key in
// sites/site-key-cache.ts): sites change rarely but do change (rules
// published, origins edited, another process's console), so rows are trusted for a short time.
import type { Site } from './store';

/** How long a site row is trusted from memory (real time: a cache, not domain logic). */
const SITE_TTL_MS = 2000;

export interface SiteRowCache {
  /** The cached site while still fresh, else undefined (read it and `remember` it). */
  fresh(siteId: string): Site | undefined;
  remember(site: Site): void;
  forget(siteId: string): void;
}

export function createSiteRowCache(): SiteRowCache {
  const sites = new Map<string, { site: Site; at: number }>();
  return {
    fresh(siteId) {
      const cached = sites.get(siteId);
      return cached && Date.now() - cached.at < SITE_TTL_MS ? cached.site : undefined;
    },
    remember(site) {
      sites.set(site.id, { site, at: Date.now() });
    },
    forget(siteId) {
      sites.delete(siteId);
    },
  };
}
