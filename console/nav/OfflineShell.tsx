// What the console shows when it starts with no network (the service worker served the cached
// shell, or the server is unreachable): the console's bar and a clear "Offline: reconnecting",
// never a browser error page. It tries again by itself when the browser says the network is
// back, and every few seconds meanwhile (a server restart does not fire `online`).
import { useEffect } from 'preact/hooks';

/** How often to try the server again while offline. */
const RETRY_MS = 5000;

export function OfflineShell({ onRetry }: { onRetry: () => void }) {
  useEffect(() => {
    const timer = setInterval(onRetry, RETRY_MS);
    addEventListener('online', onRetry);
    return () => {
      clearInterval(timer);
      removeEventListener('online', onRetry);
    };
  }, [onRetry]);
  return (
    <div class="frame">
      <header class="console-bar">
        <div class="console-bar-inner">
          <span class="brand">
            <span class="brand-mark" aria-hidden="true">
              60
            </span>
            Sixty
          </span>
          <p class="connection connection-offline" role="status" data-connection="offline">
            <span class="dot" aria-hidden="true" />
            Offline: reconnecting
          </p>
        </div>
      </header>
      <main class="frame-main boot offline-shell">
        <p>
          <strong>Offline: reconnecting</strong>
        </p>
        <p>This device cannot reach Sixty. Your queue comes back by itself once the network does.</p>
        <button type="button" class="btn" onClick={onRetry}>
          Try now
        </button>
      </main>
    </div>
  );
}
