// The workspace's admin pages behind one console link (the bar has room for no more): its
// people, and its currency and API keys.
import { Link } from '../../nav/Link';

const TABS = [
  { to: '/users', label: 'Users' },
  { to: '/workspace', label: 'Currency and API keys' },
] as const;

export function WorkspaceTabs({ current }: { current: (typeof TABS)[number]['to'] }) {
  return (
    <nav class="site-tabs" aria-label="Workspace">
      {TABS.map((t) => (
        <Link key={t.to} to={t.to} class="site-tab" aria-current={current === t.to ? 'page' : undefined}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
