// A site's appearance row and what it means, the same for both dialects.
import { DEFAULT_APPEARANCE, type Appearance, type AppearanceSettings } from '../sites/sites-admin-store';

interface AppearanceRow {
  accentColor: string;
  position: 'right' | 'left';
  zIndex: number;
  texts: string;
  endingUrl: string | null;
}

/** The saved settings, or the defaults for a site that never saved any. */
export function appearanceOf(row: AppearanceRow | undefined): AppearanceSettings {
  if (!row) return { ...DEFAULT_APPEARANCE, endingUrl: null };
  return { accentColor: row.accentColor, position: row.position, zIndex: row.zIndex, texts: JSON.parse(row.texts), endingUrl: row.endingUrl };
}

/** The columns to upsert; an `endingUrl` left out is not written, so it keeps its saved value. */
export function appearanceValues(siteId: string, workspaceId: string, ap: Appearance & { endingUrl?: string | null }) {
  return {
    siteId,
    workspaceId,
    accentColor: ap.accentColor,
    position: ap.position,
    zIndex: ap.zIndex,
    texts: JSON.stringify(ap.texts),
    ...(ap.endingUrl !== undefined ? { endingUrl: ap.endingUrl } : {}),
  };
}
