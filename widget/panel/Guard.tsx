// Catches rendering errors so a bug in the panel shows an honest message inside the panel
// (whose close button still works) instead of surfacing as an error on the host page.
import type { ComponentChildren } from 'preact';
import { useErrorBoundary } from 'preact/hooks';

export function Guard({ children }: { children: ComponentChildren }) {
  const [error] = useErrorBoundary((e: unknown) => console.warn('sixty: the panel failed', e));
  if (error)
    return (
      <p role="alert" data-sixty-status>
        Something went wrong. Please refresh the page and try again.
      </p>
    );
  return <>{children}</>;
}
