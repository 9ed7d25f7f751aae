// Decides which screen the visitor of /console sees: setup, sign-in, or a console page chosen by
// the path. At `/` a rep lands on their queue and a manager or admin on Numbers (they watch the
// team more than they take leads; their queue is at /queue). The one-time link pages need no session.
import { useEffect, useState } from 'preact/hooks';
import type { Me } from '../shared/api';
import { api, ApiFailure, messageOf } from './api';
import { SignIn } from './pages/SignIn';
import { Setup } from './pages/Setup';
import { Queue } from './pages/Queue';
import { ConsoleFrame } from './nav/ConsoleFrame';
import { LazyPage } from './nav/LazyPage';
import { NotFound } from './nav/NotFound';
import { ADMIN_ROUTES, LANDING_ROUTES, matchRoute, mayOpen } from './routes';
import { navigate, usePath } from './router';

type Screen =
  { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'setup' } | { kind: 'signIn'; notice?: string } | { kind: 'signedIn'; me: Me };

async function resolveScreen(): Promise<Screen> {
  try {
    return { kind: 'signedIn', me: await api.me() };
  } catch (err) {
    if (!(err instanceof ApiFailure) || err.status !== 401) throw err;
  }
  const { needsSetup } = await api.setupStatus();
  return needsSetup ? { kind: 'setup' } : { kind: 'signIn' };
}

export function App() {
  const path = usePath();
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });

  const boot = () => {
    setScreen({ kind: 'loading' });
    resolveScreen().then(setScreen, (err) => setScreen({ kind: 'failed', message: messageOf(err) }));
  };
  useEffect(boot, []);

  const signedIn = (me: Me) => setScreen({ kind: 'signedIn', me });
  const signedOut = (expired: boolean) =>
    setScreen({ kind: 'signIn', notice: expired ? 'Your session ended. Sign in again to keep taking leads.' : undefined });

  const landing = matchRoute(LANDING_ROUTES, path);
  if (landing) {
    const done = (me: Me) => {
      signedIn(me);
      navigate('/', true);
    };
    return <LazyPage key={path} load={landing.route.load} props={{ params: landing.params, onSignedIn: done }} />;
  }

  switch (screen.kind) {
    case 'loading':
      return (
        <p class="boot" role="status">
          Loading…
        </p>
      );
    case 'failed':
      return (
        <main class="boot" role="alert">
          <p>{screen.message}</p>
          <button type="button" class="btn" onClick={boot}>
            Try again
          </button>
        </main>
      );
    case 'setup':
      return <Setup onDone={signedIn} />;
    case 'signIn':
      return <SignIn notice={screen.notice} onSignedIn={signedIn} />;
    case 'signedIn':
      return <SignedIn me={screen.me} path={path} onSignedOut={signedOut} />;
  }
}

/** Where `/` leads: a rep's work is the queue, a manager's or admin's the team's numbers. */
export function homeOf(me: Me): string {
  return me.role === 'rep' ? '/queue' : '/numbers';
}

function SignedIn({ me, path, onSignedOut }: { me: Me; path: string; onSignedOut: (expired: boolean) => void }) {
  const home = path === '/' ? homeOf(me) : null;
  // Managers and admins: the address says where they are, so Back and a reload stay on Numbers.
  useEffect(() => {
    if (home && home !== '/queue') navigate(home, true);
  }, [home]);
  if (path === '/queue' || home === '/queue') return <Queue me={me} onSignedOut={onSignedOut} />;
  if (home) return null;
  const match = matchRoute(ADMIN_ROUTES, path);
  const allowed = match !== null && mayOpen(me.role, match.route.access);
  return (
    <ConsoleFrame me={me} onSignedOut={onSignedOut}>
      <div class="admin">
        {match && allowed ? (
          <LazyPage key={path} load={match.route.load} props={{ me, params: match.params, onSessionEnded: () => onSignedOut(true) }} />
        ) : (
          <NotFound forbidden={match !== null} />
        )}
      </div>
    </ConsoleFrame>
  );
}
