// Builds the widget's host element, its shadow root and the launcher button, with DOM APIs only
// (no innerHTML, so pages enforcing Trusted Types still get a working launcher).
import { LAUNCHER_CSS } from './styles';

/** The launcher's text and accessible name. */
export const LAUNCHER_TEXT = 'Talk to sales in 60 seconds';

/** A handset glyph; decorative, the button's text carries the meaning. */
const PHONE_PATH =
  'M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25c1.1.37 2.3.57 3.6.57a1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z';

export interface Launcher {
  host: HTMLElement;
  root: ShadowRoot;
  button: HTMLButtonElement;
  /** The button's text (and accessible name): the site's launcher text, or an invitation. */
  label: Text;
}

export function createLauncher(nonce: string): Launcher {
  const host = document.createElement('div');
  host.setAttribute('data-sixty-widget', '');
  const root = host.attachShadow({ mode: 'open' });

  const style = document.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = LAUNCHER_CSS;

  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(svgNs, 'path');
  path.setAttribute('d', PHONE_PATH);
  svg.appendChild(path);
  const icon = document.createElement('span');
  icon.className = 'icon';
  icon.appendChild(svg);

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.setAttribute('part', 'launcher');
  button.setAttribute('data-sixty-launcher', '');
  const label = document.createTextNode(LAUNCHER_TEXT);
  button.append(icon, label);

  root.append(style, button);
  return { host, root, button, label };
}
