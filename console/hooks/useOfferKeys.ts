// Keyboard shortcuts for the first offer: A accepts, D declines (ignored while typing).
import { useEffect, useRef } from 'preact/hooks';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useOfferKeys(firstOfferId: string | null, accept: (id: string) => void, decline: (id: string) => void) {
  // Read through a ref so the listener is attached once, not on every render.
  const latest = useRef({ firstOfferId, accept, decline });
  latest.current = { firstOfferId, accept, decline };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { firstOfferId: id, accept: onAccept, decline: onDecline } = latest.current;
      if (!id || e.repeat || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'a') onAccept(id);
      else if (key === 'd') onDecline(id);
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
