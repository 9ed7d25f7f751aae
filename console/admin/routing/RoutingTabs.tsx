// The workspace-wide routing pages: teams, reps and account owners.
import { PageTabs } from '../ui/PageTabs';

const TABS = [
  { to: '/teams', label: 'Teams' },
  { to: '/reps', label: 'Reps' },
  { to: '/account-owners', label: 'Account owners' },
] as const;

export function RoutingTabs({ current }: { current: (typeof TABS)[number]['to'] }) {
  return <PageTabs label="Routing" tabs={TABS} current={current} />;
}
