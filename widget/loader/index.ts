// The loader: the one classic script a site pastes. It shows the launcher, replays commands queued
// by the snippet's stub, and injects the panel only when the visitor asks for it.
// It must never throw into the host page: every entry point is wrapped and failures are warned.
import type { PanelHandle, SixtyGlobal, SixtyWindow } from '../contract';
import { createLauncher } from './launcher';
import { createBundleLoader } from './load-bundle';
import { readOwnScript } from './own-script';

const win = window as SixtyWindow;

function warn(message: string, error?: unknown): void {
  try {
    console.warn(`sixty: ${message}`, error ?? '');
  } catch {
    // A page that broke console has bigger problems; stay silent.
  }
}

function boot(): void {
  const existing = win.sixty;
  // The snippet pasted twice (or a tag manager firing again) must not add a second launcher.
  if (existing && existing._loaded) return;

  const own = readOwnScript();
  if (!own) {
    warn('no <script data-site="..."> found; the widget is not shown');
    return;
  }

  const { host, root, button } = createLauncher(own.nonce);
  let panel: PanelHandle | undefined;
  let opening = false;

  const sixty = function sixty(command: string) {
    try {
      if (command === 'open') open();
      else if (command === 'close') panel?.close();
      else warn(`unknown command "${String(command)}"`);
    } catch (error) {
      warn(`"${String(command)}" failed`, error);
    }
  } as SixtyGlobal;
  sixty._loaded = true;
  const load = createBundleLoader(own.src, own.nonce, sixty);

  function open(): void {
    if (panel) return show(panel);
    if (opening) return;
    opening = true;
    button.setAttribute('aria-busy', 'true');
    load('panel')
      .then((bundle) => {
        panel = bundle.mount({ root, siteKey: own!.siteKey, origin: own!.origin, nonce: own!.nonce, load, onClose });
        show(panel);
      })
      .catch((error) => warn('the panel could not be opened', error))
      .then(() => {
        opening = false;
        button.removeAttribute('aria-busy');
      });
  }

  function show(handle: PanelHandle): void {
    button.hidden = true;
    handle.open();
  }

  function onClose(): void {
    button.hidden = false;
    button.focus();
  }

  // Fetch the panel while the pointer travels to the button, so the click feels instant.
  const prefetch = () => load('panel').catch(() => undefined);
  button.addEventListener('pointerenter', prefetch, { once: true });
  button.addEventListener('focus', prefetch, { once: true });
  button.addEventListener('click', () => sixty('open'));

  const queued = existing && existing.q ? Array.prototype.slice.call(existing.q) : [];
  win.sixty = sixty;

  const attach = () => {
    try {
      document.body.appendChild(host);
      for (const args of queued) sixty.apply(null, Array.prototype.slice.call(args) as [string]);
    } catch (error) {
      warn('could not attach the launcher', error);
    }
  };
  // An async script in <head> can run before <body> exists.
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach, { once: true });
}

try {
  boot();
} catch (error) {
  warn('failed to start', error);
}
