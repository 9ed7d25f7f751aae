import type { SitesAdminStore } from './sites-admin-store';

/** One write per site and origin per minute is plenty for "last seen 2 minutes ago". */
const WRITE_EVERY_MS = 60_000;

/** Records where the snippet runs, for the console's install check, without a write per event. */
export class InstallCheck {
  private readonly lastWrite = new Map<string, number>();

  constructor(private readonly sitesAdmin: SitesAdminStore) {}

  async seen(siteId: string, workspaceId: string, origin: string | undefined, url: string | null, now: number): Promise<void> {
    if (!origin) return;
    const key = `${siteId} ${origin}`;
    if (now - (this.lastWrite.get(key) ?? -Infinity) < WRITE_EVERY_MS) return;
    if (this.lastWrite.size > 10_000) this.lastWrite.clear();
    this.lastWrite.set(key, now);
    await this.sitesAdmin.seen(siteId, workspaceId, origin, url ? pathOnly(url) : null, now);
  }
}

function pathOnly(url: string): string | null {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return null;
  }
}
