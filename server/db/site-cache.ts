// The site cache both stores' contexts keep: sites change rarely but do change (rules
// published, origins edited, another process's console), so rows are trusted for a short time.
import type { Site } from './store';

/** How long a site row is trusted from memory (real time: a cache, not domain logic). */
const SITE_TTL_MS = 2000;

export interface SiteCache {
  /** The cached site while still fresh, else undefined (read it and `remember` it). */
  fresh(siteId: string): Site | undefined;
  remember(site: Site): void;
  forget(siteId: string): void;
}

export function createSiteCache(): SiteCache {
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
