// An anchor to a console route. A real href (new tab, copy link work); preact-iso's
// LocationProvider turns plain left clicks on it into in-app navigation.
import type { ComponentChildren, JSX } from 'preact';
import { hrefOf } from './paths';

type Props = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; children: ComponentChildren };

export function Link({ to, children, ...rest }: Props) {
  return (
    <a {...rest} href={hrefOf(to)}>
      {children}
    </a>
  );
}
