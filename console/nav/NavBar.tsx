// The console's navigation for managers and admins (reps have only the queue, so no bar).
// On admin pages it also carries who is signed in and sign out; the queue's own header does that there.
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
  { to: '/', label: 'Queue' },
  { to: '/numbers', label: 'Numbers', access: 'manager' },
  { to: '/sites', label: 'Sites', access: 'manager' },
  { to: '/teams', label: 'Routing', access: 'manager', also: ['/reps', '/account-owners'] },
  { to: '/users', label: 'Users', access: 'admin' },
  { to: '/webhooks', label: 'Webhooks', access: 'admin' },
  { to: '/erase', label: 'Erase a person', access: 'admin' },
];

/** Whether this user gets a navigation bar at all. */
export function hasNav(me: Me): boolean {
  return me.role !== 'rep';
}

function isCurrent(item: Item, path: string): boolean {
  if (item.to === '/') return path === '/';
  return [item.to, ...(item.also ?? [])].some((to) => path === to || path.startsWith(`${to}/`));
}

interface Props {
  me: Me;
  path: string;
  /** Shown on admin pages; the queue page has its own sign-out. */
  onSignOut?: () => void;
}

export function NavBar({ me, path, onSignOut }: Props) {
  const items = ITEMS.filter((i) => !i.access || mayOpen(me.role, i.access));
  return (
    <div class={`navbar${onSignOut ? ' navbar-full' : ''}`}>
      {onSignOut && (
        // Named by its visible text (no aria-label), so speech users can say what they see
        // (WCAG 2.5.3); where it leads is read after it.
        <Link to="/" class="navbar-brand">
          <span class="brand-mark" aria-hidden="true">
            60
          </span>
          <span class="navbar-workspace">{me.workspaceName}</span>
          <span class="visually-hidden">, queue</span>
        </Link>
      )}
      <nav class="navbar-links" aria-label="Console">
        <ul>
          {items.map((item) => (
            <li key={item.to}>
              <Link to={item.to} class="navbar-link" aria-current={isCurrent(item, path) ? 'page' : undefined}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {onSignOut && (
        <div class="navbar-user">
          <span class="navbar-name">{me.name}</span>
          <button type="button" class="btn btn-ghost btn-small" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
