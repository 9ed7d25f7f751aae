// Tabs between sibling pages behind one console link (routing's teams, reps and account owners;
// the workspace's users and its currency and API keys): links, the current one marked.
import { Link } from '../../nav/Link';

export interface PageTab {
  to: string;
  label: string;
}

export function PageTabs({ label, tabs, current }: { label: string; tabs: readonly PageTab[]; current: string }) {
  return (
    <nav class="site-tabs" aria-label={label}>
      {tabs.map((t) => (
        <Link key={t.to} to={t.to} class="site-tab" aria-current={current === t.to ? 'page' : undefined}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
