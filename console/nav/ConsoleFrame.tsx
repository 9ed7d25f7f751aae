// The frame of every signed-in console page (queue, supervisor, admin pages): one header bar
// and one content column of the same width, so moving between pages moves nothing around.
import type { ComponentChildren } from 'preact';
import type { Me } from '../../shared/api';
import { api } from '../api';
import { useConsolePath } from './paths';
import { ConsoleNav, hasNav } from './ConsoleNav';
import { Link } from './Link';

interface Props {
  me: Me;
  /** `expired`: the server no longer knows the session (not the user's own sign out). */
  onSignedOut: (expired: boolean) => void;
  /** What this page adds to the bar (the queue: connection, presence, offer alerts). */
  controls?: ComponentChildren;
  children: ComponentChildren;
}

export function ConsoleFrame({ me, onSignedOut, controls, children }: Props) {
  const path = useConsolePath();
  const signOut = async () => {
    try {
      await (await import('../devices/forget-this-device')).forgetThisDevice();
    } catch {
      // No service worker or no network: signing out goes on regardless.
    }
    try {
      await api.signOut();
    } catch {
      // The session may already be gone; either way this tab is signed out.
    }
    onSignedOut(false);
  };

  return (
    <div class="frame">
      <header class="console-bar">
        <div class={`console-bar-inner${controls ? ' has-controls' : ''}${hasNav(me) ? ' has-nav' : ''}`}>
          {/* Named by its visible text (no aria-label), so speech users can say what they see
              (WCAG 2.5.3); who is signed in is read after it. */}
          <Link to="/" class="console-brand">
            <span class="brand-mark" aria-hidden="true">
              60
            </span>
            <span class="brand-text">
              <span class="brand-workspace">{me.workspaceName}</span>
              <span class="brand-user">
                <span class="visually-hidden">, signed in as </span>
                {me.name}
              </span>
            </span>
          </Link>
          {hasNav(me) && <ConsoleNav me={me} path={path} />}
          {controls && <div class="console-bar-controls">{controls}</div>}
          <div class="console-account">
            {/* Every role's own setting: whoever takes meetings connects their own calendar. */}
            <Link
              to="/calendar"
              class="btn btn-ghost btn-small console-calendar-link"
              title="Your calendar"
              aria-current={path === '/calendar' ? 'page' : undefined}
            >
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d="M7 2v2H5a2 2 0 0 0-2 2v13a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-2V2h-2v2H9V2zM5 9h14v10H5z" />
              </svg>
              <span class="console-calendar-label">Calendar</span>
            </Link>
            <button type="button" class="btn btn-ghost btn-small console-signout" onClick={signOut}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main class="frame-main">{children}</main>
    </div>
  );
}
