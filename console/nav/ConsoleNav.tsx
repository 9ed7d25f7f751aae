// The console's page links for managers and admins (reps have only the queue, so no links).
import type { Me } from '../../shared/api';
import { mayOpen, type Access } from '../routes';
import { Link } from './Link';

interface Item {
  to: string;
  label: string;
  /** Absent: everyone signed in. */
  access?: Access;
  /** Other pages this item stands for (its tabs). */
  also?: readonly string[];
}

const ITEMS: readonly Item[] = [
  { to: '/numbers', label: 'Numbers', access: 'manager' },
  { to: '/queue', label: 'Queue' },
  { to: '/sites', label: 'Sites', access: 'manager' },
  { to: '/teams', label: 'Routing', access: 'manager', also: ['/reps', '/account-owners'] },
  { to: '/users', label: 'Users', access: 'admin', also: ['/workspace'] },
  { to: '/webhooks', label: 'Webhooks', access: 'admin' },
  { to: '/erase', label: 'Erase a person', access: 'admin' },
];

/** Whether this user gets page links at all. */
export function hasNav(me: Me): boolean {
  return me.role !== 'rep';
}

function isCurrent(item: Item, path: string): boolean {
  return [item.to, ...(item.also ?? [])].some((to) => path === to || path.startsWith(`${to}/`));
}

export function ConsoleNav({ me, path }: { me: Me; path: string }) {
  const items = ITEMS.filter((i) => !i.access || mayOpen(me.role, i.access));
  return (
    <nav class="console-nav" aria-label="Console">
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <Link to={item.to} class="console-nav-link" aria-current={isCurrent(item, path) ? 'page' : undefined}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
