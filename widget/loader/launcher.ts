// Builds the widget's host element, its shadow root and the launcher button, with DOM APIs only
// (no innerHTML, so pages enforcing Trusted Types still get a working launcher).
import type { OwnScript } from './own-script';
import { isRtl } from './texts';

/** A handset glyph; decorative, the button's text carries the meaning. */
const PHONE_PATH =
  'M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25c1.1.37 2.3.57 3.6.57a1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z';

export interface Launcher {
  host: HTMLElement;
  root: ShadowRoot;
  /** Our top-level element: language, direction and font for everything inside. */
  frame: HTMLElement;
  button: HTMLButtonElement;
  /** The button's text (and accessible name): the site's launcher text, or an invitation. */
  label: Text;
  /** A polite live region, for news a sighted visitor sees on the launcher. */
  announce: HTMLElement;
}

export function createLauncher(own: OwnScript, text: string): Launcher {
  const host = document.createElement('div');
  host.setAttribute('data-sixty-widget', '');
  // Unstyled until the config settles: ./index.ts adds the stylesheet as it attaches the host.
  const root = host.attachShadow({ mode: 'open' });

  const make = (tag: string, className: string) => {
    const el = document.createElement(tag);
    el.className = className;
    return el;
  };
  const frame = make('div', 'frame');
  frame.lang = own.lang;
  frame.dir = isRtl(own.lang) ? 'rtl' : 'ltr';

  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(svgNs, 'path');
  path.setAttribute('d', PHONE_PATH);
  svg.append(path);
  const icon = make('span', 'icon');
  icon.append(svg);

  const button = make('button', 'launcher') as HTMLButtonElement;
  button.type = 'button';
  button.setAttribute('part', 'launcher');
  button.setAttribute('data-sixty-launcher', '');
  const label = document.createTextNode(text);
  button.append(icon, label);

  const announce = make('span', 'sr');
  announce.setAttribute('role', 'status');
  const dock = make('div', 'dock');
  dock.append(button);
  frame.append(dock, announce);
  root.append(frame);
  return { host, root, frame, button, label, announce };
}
