// The tracker never throws into the host page: every listener and timer it registers is guarded.

/** `fn`, with anything it throws turned into a warning. */
export function guard<A extends unknown[]>(fn: (...args: A) => unknown): (...args: A) => void {
  return function guarded(...args: A) {
    try {
      fn(...args);
    } catch (error) {
      try {
        console.warn('sixty: tracking failed', error);
      } catch {
        // A page that broke console has bigger problems; stay silent.
      }
    }
  };
}
