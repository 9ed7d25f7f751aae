// The tab title: steady when nothing waits, alternating between two texts while an offer does,
// so a rep working in another tab sees it in the tab strip.
import { useEffect } from 'preact/hooks';

/** Slow enough to read each text, fast enough to catch the eye. */
const FLASH_MS = 1000;

export function useTitleFlash(steady: string, flashing: readonly [string, string] | null) {
  const [first, second] = flashing ?? ['', ''];
  useEffect(() => {
    if (!flashing) {
      document.title = steady;
      return;
    }
    let showFirst = true;
    document.title = first;
    const timer = setInterval(() => {
      showFirst = !showFirst;
      document.title = showFirst ? first : second;
    }, FLASH_MS);
    return () => clearInterval(timer);
  }, [steady, first, second, flashing === null]);

  useEffect(
    () => () => {
      document.title = 'Sixty console';
    },
    [],
  );
}
