// Sites by public site key for the request edges (config, events, callbacks), trusted for a
// short time and dropped across the cluster when an admin edits one. The stores keep their own
// per-id row cache (db/site-row-cache.ts).
import type { Site, Store } from '../db/store';
import type { SitesAdminStore } from './sites-admin-store';

/** How long a site's row is trusted from memory. Short, so an edit reaches every process soon. */
const TTL_MS = 2000;

/**
 * How an invalidation reaches the other processes of a cluster (cluster/site-peers.ts, over
 * Redis pub/sub). A lost message costs at most TTL_MS of a stale site, never more.
 */
export interface SiteKeyCachePeers {
  /** Tells the others to drop a key (null: everything). */
  publish(siteKey: string | null): void;
  /** Called with what another process dropped. */
  subscribe(drop: (siteKey: string | null) => void): void;
}

/**
 * Site lookups by key for the hot public endpoints: one database read per key per TTL instead
 * of one per request (and no re-parsing of the rules JSON). Edits invalidate explicitly.
 */
export class SiteKeyCache {
  private readonly byKey = new Map<string, { site: Site | null; at: number }>();

  constructor(
    private readonly store: Store,
    private readonly sitesAdmin: SitesAdminStore,
    private readonly clock: () => number,
    private readonly peers?: SiteKeyCachePeers,
  ) {
    peers?.subscribe((siteKey) => this.drop(siteKey));
  }

  async byKeyOrNull(siteKey: string): Promise<Site | null> {
    const now = this.clock();
    const hit = this.byKey.get(siteKey);
    if (hit && now - hit.at < TTL_MS) return hit.site;
    let site = await this.store.siteByKey(siteKey);
    if (!site) {
      // A key replaced by a rotation keeps working during its grace period.
      const current = await this.sitesAdmin.currentKeyForRetired(siteKey, now);
      if (current) site = await this.store.siteByKey(current);
    }
    // Unknown keys are cached too (briefly), so junk keys cannot hammer the database.
    if (this.byKey.size > 10_000) this.byKey.clear();
    this.byKey.set(siteKey, { site, at: now });
    return site;
  }

  /** Drops a key (or everything) here and, in a cluster, in every other process. */
  invalidate(siteKey?: string): void {
    this.drop(siteKey ?? null);
    this.peers?.publish(siteKey ?? null);
  }

  private drop(siteKey: string | null): void {
    if (siteKey) this.byKey.delete(siteKey);
    else this.byKey.clear();
  }
}
