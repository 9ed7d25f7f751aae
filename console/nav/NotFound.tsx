// An unknown console path, or a page this user's role may not open (reps: queue only).
import { useEffect, useRef } from 'preact/hooks';
import { Link } from './Link';

export function NotFound({ forbidden }: { forbidden: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${forbidden ? 'Not available' : 'Not found'} · Sixty`;
    heading.current?.focus();
  }, [forbidden]);
  return (
    <section class="panel page-message">
      <h1 ref={heading} tabIndex={-1}>
        {forbidden ? 'This page is not available to you' : 'Page not found'}
      </h1>
      <p class="muted">{forbidden ? 'Ask an admin if you need access. Your role can use the queue.' : 'The address may be mistyped, or the page moved.'}</p>
      <p>
        <Link to="/queue" class="btn">
          Go to the queue
        </Link>
      </p>
    </section>
  );
}
