// The console's screens by URL (preact-iso's Router): the one-time link pages need no session;
// every other page first needs one (setup, sign-in). At `/` a rep lands on their queue and a
// manager or admin on Numbers (they watch the team more than they take leads; their queue is at
// /queue).
import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { Router, useLocation } from 'preact-iso/router';
import type { Me } from '../shared/api';
import { api, ApiFailure, messageOf } from './api';
import { SignIn } from './pages/SignIn';
import { Queue } from './pages/Queue';
import { ConsoleFrame } from './nav/ConsoleFrame';
import { LazyPage } from './nav/LazyPage';
import { NotFound } from './nav/NotFound';
import { OfflineShell } from './nav/OfflineShell';
import { UnreadableAddress } from './nav/UnreadableAddress';
import type { SetupProps } from './pages/Setup';
import { hrefOf, useConsolePath, useNavigate } from './nav/paths';
import { ADMIN_ROUTES, LANDING_ROUTES, mayOpen, type AdminRoute, type LandingProps } from './routes';

type Screen =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  /** The server could not be reached at all (no network): retried by itself. */
  | { kind: 'offline' }
  | { kind: 'setup' }
  | { kind: 'signIn'; notice?: string }
  | { kind: 'signedIn'; me: Me };

/** The first-run page, seen once per install: not in the bundle every rep downloads. */
const loadSetup = () => import('./pages/Setup').then((m) => m.Setup);

async function resolveScreen(): Promise<Screen> {
  try {
    return { kind: 'signedIn', me: await api.me() };
  } catch (err) {
    if (!(err instanceof ApiFailure) || err.status !== 401) throw err;
  }
  const { needsSetup } = await api.setupStatus();
  return needsSetup ? { kind: 'setup' } : { kind: 'signIn' };
}

interface Session {
  screen: Screen;
  boot: () => void;
  reconnect: () => void;
  signedIn: (me: Me) => void;
  /** `expired`: the server no longer knows the session (not the user's own sign out). */
  signedOut: (expired: boolean) => void;
}

const SessionContext = createContext<Session | null>(null);

function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <App>');
  return session;
}

/** Where `/` leads: a rep's work is the queue, a manager's or admin's the team's numbers. */
export function homeOf(me: Me): string {
  return me.role === 'rep' ? '/queue' : '/numbers';
}

export function App() {
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  const settle = (next: Promise<Screen>) =>
    next.then(setScreen, (err) =>
      setScreen(err instanceof ApiFailure && err.code === 'network' ? { kind: 'offline' } : { kind: 'failed', message: messageOf(err) }),
    );
  const boot = () => {
    setScreen({ kind: 'loading' });
    void settle(resolveScreen());
  };
  // Offline, tries again in place: no "Loading…" flashing between tries.
  const reconnect = useCallback(() => void settle(resolveScreen()), []);
  useEffect(boot, []);
  const session: Session = {
    screen,
    boot,
    reconnect,
    signedIn: (me) => setScreen({ kind: 'signedIn', me }),
    signedOut: (expired) => setScreen({ kind: 'signIn', notice: expired ? 'Your session ended. Sign in again to keep taking leads.' : undefined }),
  };

  const { url } = useLocation();

  return (
    <SessionContext.Provider value={session}>
      <UnreadableAddress url={url} fallback={<Missing />}>
        <Router>
          {[
            ...LANDING_ROUTES.map((r) => <Landing key={r.path} path={hrefOf(r.path)} load={r.load} />),
            <Home key="/" path={hrefOf('/')} />,
            <QueuePage key="/queue" path={hrefOf('/queue')} />,
            ...ADMIN_ROUTES.map((r) => <AdminPage key={r.path} path={hrefOf(r.path)} page={r} />),
            <Missing key="*" default />,
          ]}
        </Router>
      </UnreadableAddress>
    </SessionContext.Provider>
  );
}

/** What the Router passes every route. */
interface RouteProps {
  path?: string;
  default?: boolean;
  params?: Record<string, string>;
}

/** A one-time link page: no session needed; once it signs the person in, their start page. */
function Landing({ load, params = {} }: RouteProps & { load: () => Promise<import('preact').ComponentType<LandingProps>> }) {
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const done = (me: Me) => {
    signedIn(me);
    navigate('/', true);
  };
  return <LazyPage load={load} props={{ params, onSignedIn: done }} />;
}

/** The session's screens before a page: loading, setup, sign-in; then the page for `me`. */
function SignedIn({ children }: { children: (me: Me, signedOut: (expired: boolean) => void) => ComponentChildren }) {
  const { screen, boot, reconnect, signedIn, signedOut } = useSession();
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
    case 'offline':
      return <OfflineShell onRetry={reconnect} />;
    case 'setup':
      return <LazyPage<SetupProps> load={loadSetup} props={{ onDone: signedIn }} />;
    case 'signIn':
      return <SignIn notice={screen.notice} onSignedIn={signedIn} />;
    case 'signedIn':
      return <>{children(screen.me, signedOut)}</>;
  }
}

function Home(_: RouteProps) {
  return <SignedIn>{(me, signedOut) => (homeOf(me) === '/queue' ? <Queue me={me} onSignedOut={signedOut} /> : <GoTo path={homeOf(me)} />)}</SignedIn>;
}

/** Managers and admins at `/`: the address says where they are, so Back and a reload stay there. */
function GoTo({ path }: { path: string }) {
  const navigate = useNavigate();
  useEffect(() => navigate(path, true), [path]);
  return null;
}

function QueuePage(_: RouteProps) {
  return <SignedIn>{(me, signedOut) => <Queue me={me} onSignedOut={signedOut} />}</SignedIn>;
}

function AdminPage({ page, params = {} }: RouteProps & { page: AdminRoute }) {
  // Keyed by the address: another site's rules page starts fresh, as a page load would.
  const path = useConsolePath();
  return (
    <SignedIn>
      {(me, signedOut) => (
        <ConsoleFrame me={me} onSignedOut={signedOut}>
          <div class="admin">
            {mayOpen(me.role, page.access) ? (
              <LazyPage key={path} load={page.load} props={{ me, params, onSessionEnded: () => signedOut(true) }} />
            ) : (
              <NotFound forbidden />
            )}
          </div>
        </ConsoleFrame>
      )}
    </SignedIn>
  );
}

function Missing(_: RouteProps) {
  return (
    <SignedIn>
      {(me, signedOut) => (
        <ConsoleFrame me={me} onSignedOut={signedOut}>
          <div class="admin">
            <NotFound forbidden={false} />
          </div>
        </ConsoleFrame>
      )}
    </SignedIn>
  );
}
