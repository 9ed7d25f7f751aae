// An anchor to a console route: a real href (new tab works), in-app navigation on plain clicks.
import type { ComponentChildren, JSX } from 'preact';
import { hrefOf, onLinkClick } from '../router';

type Props = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href' | 'onClick'> & { to: string; children: ComponentChildren };

export function Link({ to, children, ...rest }: Props) {
  return (
    <a {...rest} href={hrefOf(to)} onClick={onLinkClick(to)}>
      {children}
    </a>
  );
}
