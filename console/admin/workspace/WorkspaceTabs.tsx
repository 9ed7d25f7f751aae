// The workspace's admin pages behind one console link (the bar has room for no more): its
// people, and its currency and API keys.
import { PageTabs } from '../ui/PageTabs';

const TABS = [
  { to: '/users', label: 'Users' },
  { to: '/workspace', label: 'Currency and API keys' },
] as const;

export function WorkspaceTabs({ current }: { current: (typeof TABS)[number]['to'] }) {
  return <PageTabs label="Workspace" tabs={TABS} current={current} />;
}
