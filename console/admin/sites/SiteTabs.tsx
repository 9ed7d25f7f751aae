// The pages of one site: rules, settings, appearance and routing, with the site's name when the server lists sites.
import { useEffect, useRef, useState } from 'preact/hooks';
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

export function SiteTabs({ siteId, current }: { siteId: string; current: 'rules' | 'settings' | 'appearance' | 'routing' | 'routing-settings' | 'forms' }) {
  const base = `/sites/${encodeURIComponent(siteId)}`;
  const nav = useRef<HTMLElement>(null);
  // On a phone the strip scrolls: keep the current tab in view.
  useEffect(() => nav.current?.querySelector('[aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' }), [current]);
  return (
    <nav class="site-tabs" aria-label="Site" ref={nav}>
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
      <Link to={`${base}/forms`} class="site-tab" aria-current={current === 'forms' ? 'page' : undefined}>
        Forms
      </Link>
      <Link to={`${base}/routing`} class="site-tab" aria-current={current === 'routing' ? 'page' : undefined}>
        Routing rules
      </Link>
      <Link to={`${base}/routing-settings`} class="site-tab" aria-current={current === 'routing-settings' ? 'page' : undefined}>
        Routing settings
      </Link>
    </nav>
  );
}
