// A page's title (focused on arrival, so screen readers announce the new page), intro and actions.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface Props {
  title: string;
  intro?: ComponentChildren;
  /** Above the title: where this page sits (e.g. the site's name). */
  eyebrow?: ComponentChildren;
  actions?: ComponentChildren;
}

export function PageHead({ title, intro, eyebrow, actions }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Sixty`;
  }, [title]);
  useEffect(() => heading.current?.focus({ preventScroll: true }), []);
  return (
    <header class="page-head">
      <div class="page-head-text">
        {eyebrow && <p class="page-eyebrow">{eyebrow}</p>}
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {intro && <p class="page-intro">{intro}</p>}
      </div>
      {actions && <div class="page-actions">{actions}</div>}
    </header>
  );
}
