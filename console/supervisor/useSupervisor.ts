// Polls the supervisor view every two seconds while it is open (slower when the tab is hidden).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure, messageOf } from '../api';
import { supervisorApi, type SupervisorData } from './supervisor-api';

/** Offers last seconds; the view must keep up with them. */
const POLL_MS = 2000;
/** A hidden tab still refreshes, gently, so the page is current when it comes back. */
const HIDDEN_POLL_MS = 10_000;

export function useSupervisor(onSessionEnded: () => void) {
  const [data, setData] = useState<SupervisorData | null>(null);
  const [error, setError] = useState('');
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);
  const ended = useRef(onSessionEnded);
  ended.current = onSessionEnded;
  const inFlight = useRef(false);

  const refresh = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      setData(await supervisorApi.view());
      setError('');
      setUpdatedAt(Date.now());
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) return ended.current();
      setError(messageOf(err));
    } finally {
      inFlight.current = false;
    }
  }, []);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    let stopped = false;
    const tick = async () => {
      await refresh();
      if (!stopped) timer = setTimeout(tick, document.hidden ? HIDDEN_POLL_MS : POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [refresh]);

  return { data, error, updatedAt, refresh };
}
