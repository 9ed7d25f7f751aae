// The frame of every console page except the queue: navigation (for managers and admins),
// who is signed in, sign out, and the page below.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { Me } from '../../shared/api';
import { api } from '../api';
import { NavBar, hasNav } from './NavBar';
import { Link } from './Link';

interface Props {
  me: Me;
  path: string;
  onSignedOut: (expired: boolean) => void;
  children: ComponentChildren;
}

export function AdminFrame({ me, path, onSignedOut, children }: Props) {
  const signOut = async () => {
    try {
      await api.signOut();
    } catch {
      // The session may already be gone; either way this tab is signed out.
    }
    onSignedOut(false);
  };

  // A new page starts at the top, like a page load would.
  useEffect(() => window.scrollTo(0, 0), [path]);

  return (
    <div class="admin">
      {hasNav(me) ? (
        <NavBar me={me} path={path} onSignOut={signOut} />
      ) : (
        <div class="navbar navbar-full">
          <Link to="/" class="navbar-brand">
            <span class="brand-mark" aria-hidden="true">
              60
            </span>
            <span class="navbar-workspace">Back to the queue</span>
          </Link>
          <div class="navbar-user">
            <span class="navbar-name">{me.name}</span>
            <button type="button" class="btn btn-ghost btn-small" onClick={signOut}>
              Sign out
            </button>
          </div>
        </div>
      )}
      <main class="admin-main">{children}</main>
    </div>
  );
}
