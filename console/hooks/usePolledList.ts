// A list loaded over HTTP and refreshed every so often and whenever the tab comes back into view.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '../api';

export function usePolledList<T>(load: () => Promise<T[]>, everyMs: number) {
  const [rows, setRows] = useState<T[] | null>(null);
  const [error, setError] = useState('');
  const loader = useRef(load);
  loader.current = load;

  const reload = useCallback(() => {
    loader.current().then(
      (fresh) => {
        setRows(fresh);
        setError('');
      },
      (err) => setError(messageOf(err)),
    );
  }, []);

  useEffect(() => {
    reload();
    const timer = setInterval(() => {
      if (!document.hidden) reload();
    }, everyMs);
    const onShow = () => {
      if (!document.hidden) reload();
    };
    document.addEventListener('visibilitychange', onShow);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onShow);
    };
  }, [everyMs, reload]);

  return { rows, error, reload, setRows };
}
