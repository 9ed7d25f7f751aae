// Decides which screen the visitor of /console sees: setup, sign-in, the rep's queue, or (for
// managers and admins) a console page chosen by the path. The one-time link pages need no session.
import { useEffect, useState } from 'preact/hooks';
import type { Me } from '../shared/api';
import { api, ApiFailure, messageOf } from './api';
import { SignIn } from './pages/SignIn';
import { Setup } from './pages/Setup';
import { Queue } from './pages/Queue';
import { AdminFrame } from './nav/AdminFrame';
import { LazyPage } from './nav/LazyPage';
import { NavBar, hasNav } from './nav/NavBar';
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

function SignedIn({ me, path, onSignedOut }: { me: Me; path: string; onSignedOut: (expired: boolean) => void }) {
  if (path === '/') {
    return (
      <>
        {hasNav(me) && <NavBar me={me} path={path} />}
        <Queue me={me} onSignedOut={onSignedOut} />
      </>
    );
  }
  const match = matchRoute(ADMIN_ROUTES, path);
  const allowed = match !== null && mayOpen(me.role, match.route.access);
  return (
    <AdminFrame me={me} path={path} onSignedOut={onSignedOut}>
      {match && allowed ? (
        <LazyPage key={path} load={match.route.load} props={{ me, params: match.params, onSessionEnded: () => onSignedOut(true) }} />
      ) : (
        <NotFound forbidden={match !== null} />
      )}
    </AdminFrame>
  );
}
