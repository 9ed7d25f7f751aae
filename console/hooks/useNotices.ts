// Short-lived messages for the rep (presence changes, failures), dismissed after a few seconds.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

/** Long enough to read a sentence, short enough not to pile up. */
const NOTICE_MS = 6000;

export function useNotices() {
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  useEffect(() => () => timers.current.forEach(clearTimeout), []);

  const dismiss = useCallback((id: number) => setNotices((all) => all.filter((n) => n.id !== id)), []);

  const notify = useCallback(
    (text: string, tone: Notice['tone'] = 'info') => {
      const id = nextId.current++;
      setNotices((all) => [...all.filter((n) => n.text !== text), { id, text, tone }]);
      const timer = setTimeout(() => {
        timers.current.delete(timer);
        dismiss(id);
      }, NOTICE_MS);
      timers.current.add(timer);
    },
    [dismiss],
  );

  return { notices, notify, dismiss };
}
