// The pages of one site: rules and settings, with the site's name when the server lists sites.
import { useEffect, useState } from 'preact/hooks';
import { Link } from '../../nav/Link';
import { adminApi } from '../admin-api';

/** The site's name from the sites list; null while unknown (or when the list is unavailable). */
export function useSiteName(siteId: string): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    adminApi.sites().then(
      (sites) => setName(sites.find((s) => s.id === siteId)?.name ?? null),
      () => setName(null),
    );
  }, [siteId]);
  return name;
}

export function SiteTabs({ siteId, current }: { siteId: string; current: 'rules' | 'settings' | 'appearance' }) {
  const base = `/sites/${encodeURIComponent(siteId)}`;
  return (
    <nav class="site-tabs" aria-label="Site">
      <Link to="/sites" class="site-tab site-tab-back">
        All sites
      </Link>
      <Link to={`${base}/rules`} class="site-tab" aria-current={current === 'rules' ? 'page' : undefined}>
        Questions and scoring
      </Link>
      <Link to={`${base}/settings`} class="site-tab" aria-current={current === 'settings' ? 'page' : undefined}>
        Tracking settings
      </Link>
      <Link to={`${base}/appearance`} class="site-tab" aria-current={current === 'appearance' ? 'page' : undefined}>
        Widget appearance
      </Link>
    </nav>
  );
}
