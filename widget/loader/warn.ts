// The loader never throws into the host page: failures become one console warning.

export function warn(message: string, error?: unknown): void {
  try {
    console.warn(`sixty: ${message}`, error ?? '');
  } catch {
    // A page that broke console has bigger problems; stay silent.
  }
}
