// Renders a page whose code is fetched on demand; says so while it loads and if it fails.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * Set while reloading after a failed chunk load. A new build replaces the hashed chunk files, so a
 * tab opened before it asks for files that are gone: one reload fetches the new index. Only once,
 * so a real outage shows the retry message instead of looping.
 */
const RELOADED_FLAG = 'sixty.reloadedForChunk';

function reloadOnce(): boolean {
  try {
    if (sessionStorage.getItem(RELOADED_FLAG)) return false;
    sessionStorage.setItem(RELOADED_FLAG, '1');
  } catch {
    return false;
  }
  location.reload();
  return true;
}

interface Props<P> {
  load: () => Promise<ComponentType<P>>;
  props: P;
}

export function LazyPage<P extends object>({ load, props }: Props<P>) {
  const [state, setState] = useState<{ load: Props<P>['load']; page: ComponentType<P> | null; failed: boolean }>({ load, page: null, failed: false });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setState((s) => (s.load === load && s.page ? s : { load, page: null, failed: false }));
    load().then(
      (page) => {
        try {
          sessionStorage.removeItem(RELOADED_FLAG);
        } catch {
          // Storage refused: nothing to clear.
        }
        if (live) setState({ load, page, failed: false });
      },
      () => live && !reloadOnce() && setState({ load, page: null, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [load, attempt]);

  if (state.load === load && state.page) {
    const Page = state.page;
    return <Page {...props} />;
  }
  if (state.failed) {
    return (
      <div class="boot" role="alert">
        <p>This page could not be loaded. Check your connection.</p>
        <button type="button" class="btn" onClick={() => setAttempt((n) => n + 1)}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <p class="boot" role="status">
      Loading…
    </p>
  );
}
