// Store operations behind site administration: keys, origins, install check, appearance.
import type { Appearance } from '../../shared/appearance';
import type { SiteInstall } from '../../shared/console-api';

export { DEFAULT_APPEARANCE, type Appearance } from '../../shared/appearance';

/**
 * The appearance page's settings: the widget's look and texts, and the link shown with the
 * `ended` text to visitors the site will not call (disqualified or suspect). The link reaches
 * visitors in their lead's status (routing/visitor-status.core.ts), not in the public config.
 */
export type AppearanceSettings = Appearance & { endingUrl: string | null };

export interface SiteUpdate {
  name: string;
  allowedOrigins: string[];
  phoneRegion: string;
  offerTimeoutMs: number;
}

export interface SitesAdminStore {
  installs(siteId: string): Promise<SiteInstall[]>;
  /** Records where the snippet ran (upsert per origin). */
  seen(siteId: string, workspaceId: string, origin: string, url: string | null, now: number): Promise<void>;
  update(workspaceId: string, siteId: string, u: SiteUpdate): Promise<boolean>;
  /** New key now; the old one keeps working until `graceMs` from now. */
  rotateKey(workspaceId: string, siteId: string, newKey: string, now: number, graceMs: number): Promise<boolean>;
  /** The current key of the site a retired key belonged to, while the retired key's grace lasts. */
  currentKeyForRetired(siteKey: string, now: number): Promise<string | null>;
  appearance(siteId: string): Promise<AppearanceSettings>;
  /** An `endingUrl` left out keeps the saved one. */
  saveAppearance(siteId: string, workspaceId: string, a: Appearance & { endingUrl?: string | null }): Promise<void>;
}
