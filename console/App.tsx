// Decides which screen the visitor of /console sees: setup, sign-in or the rep's queue.
import { useEffect, useState } from 'preact/hooks';
import type { Me } from '../shared/api';
import { api, ApiFailure, messageOf } from './api';
import { SignIn } from './pages/SignIn';
import { Setup } from './pages/Setup';
import { Queue } from './pages/Queue';

type Screen =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'setup' }
  | { kind: 'signIn'; notice?: string }
  | { kind: 'queue'; me: Me };

async function resolveScreen(): Promise<Screen> {
  try {
    return { kind: 'queue', me: await api.me() };
  } catch (err) {
    if (!(err instanceof ApiFailure) || err.status !== 401) throw err;
  }
  const { needsSetup } = await api.setupStatus();
  return needsSetup ? { kind: 'setup' } : { kind: 'signIn' };
}

export function App() {
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });

  const boot = () => {
    setScreen({ kind: 'loading' });
    resolveScreen().then(setScreen, (err) => setScreen({ kind: 'failed', message: messageOf(err) }));
  };
  useEffect(boot, []);

  const signedIn = (me: Me) => setScreen({ kind: 'queue', me });
  const signedOut = (expired: boolean) =>
    setScreen({ kind: 'signIn', notice: expired ? 'Your session ended. Sign in again to keep taking leads.' : undefined });

  switch (screen.kind) {
    case 'loading':
      return <p class="boot" role="status">Loading…</p>;
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
    case 'queue':
      return <Queue me={screen.me} onSignedOut={signedOut} />;
  }
}
