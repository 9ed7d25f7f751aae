// Loads data for a page: loading, error and reload, with a 401 sending the user to sign-in.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure, messageOf } from '../../api';

export interface Loaded<T> {
  data: T | null;
  error: string;
  /** The failure itself, for pages that treat some codes specially (404). */
  failure: ApiFailure | null;
  loading: boolean;
  reload: () => void;
  setData: (data: T) => void;
}

export function useLoad<T>(fetcher: () => Promise<T>, deps: unknown[], onSessionEnded: () => void): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [error, setError] = useState('');
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const run = ++latest.current;
    setLoading(true);
    setError('');
    setFailure(null);
    fetcher().then(
      (d) => {
        if (run !== latest.current) return;
        setData(d);
        setLoading(false);
      },
      (err: unknown) => {
        if (run !== latest.current) return;
        if (err instanceof ApiFailure && err.status === 401) return onSessionEnded();
        setFailure(err instanceof ApiFailure ? err : null);
        setError(messageOf(err));
        setLoading(false);
      },
    );
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, failure, loading, reload, setData };
}

/** For actions: a 401 ends the session, anything else becomes a message (and field errors). */
export function failureOf(err: unknown, onSessionEnded: () => void): { message: string; fields: Record<string, string> } | null {
  if (err instanceof ApiFailure && err.status === 401) {
    onSessionEnded();
    return null;
  }
  return { message: messageOf(err), fields: err instanceof ApiFailure ? err.fields : {} };
}
