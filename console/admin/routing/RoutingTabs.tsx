// The workspace-wide routing pages: teams, reps and account owners.
import { Link } from '../../nav/Link';

const TABS = [
  { to: '/teams', label: 'Teams' },
  { to: '/reps', label: 'Reps' },
  { to: '/account-owners', label: 'Account owners' },
] as const;

export function RoutingTabs({ current }: { current: (typeof TABS)[number]['to'] }) {
  return (
    <nav class="site-tabs" aria-label="Routing">
      {TABS.map((t) => (
        <Link key={t.to} to={t.to} class="site-tab" aria-current={current === t.to ? 'page' : undefined}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
