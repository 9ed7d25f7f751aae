// The loader's body, shared by the two loaders a site can paste (./index.ts, the generic `sixty.js`
// that fetches the site config, and ./site.ts, the per-site `/s/KEY.js` that carries it). It shows
// the launcher once the config is there, runs the `sixty(...)` API (replaying calls queued by the snippet's stub), injects the tracker
// once consent allows (./tracking.ts), the invitation when the server sends one and the panel only
// when the visitor asks for it. Every page pays for this file: anything the launcher does not need
// is another bundle or runs later (./later.ts), off the page's loading tasks.
// It must never throw into the host page: every entry point is wrapped and failures are warned.
import type { Invite, LoaderConfig, PanelHandle, SixtyGlobal, SixtyWindow, TextPack } from '../contract';
import { INVITED_KEY, PENDING_KEY, readStore, writeStore } from '../storage';
import { warn } from './warn';
import { addStyles } from '../add-styles';
import { appearanceRule } from './appearance';
import { later } from './later';
import { createLauncher } from './launcher';
import { createBundleLoader } from './load-bundle';
import type { OwnScript } from './own-script';
import { LAUNCHER_CSS } from './styles';
import { builtIn, LAUNCHER_TEXTS, siteTexts } from './texts';
import { allowed, consent, opened, startTracking, visitorId, withTracker } from './tracking';

const win = window as SixtyWindow;

/** `siteConfig`: the site config as the server answers it (null when it cannot be had), asked once the widget is to be shown. */
export function boot(own: OwnScript | null, siteConfig: (own: OwnScript) => Promise<LoaderConfig | null>): void {
  const existing = win.sixty;
  // The snippet pasted twice (or a tag manager firing again) must not add a second launcher.
  if (existing && existing._loaded) return;
  if (!own) return warn('its own <script> tag was not found: no widget');

  const language = builtIn(own.lang);
  /** The site's own texts for this page, once the config has them. */
  let texts: Record<string, string> = {};
  const launcher = createLauncher(own, LAUNCHER_TEXTS[language || 'en']);
  const { host, root, frame, button, label } = launcher;
  let panel: PanelHandle | undefined;
  let panelOpen = false;
  let opening = false;
  let invited = false;
  let endInvite: (() => void) | undefined;

  const ownTexts = (site: LoaderConfig) => siteTexts(site, own.lang);
  const config = siteConfig(own);
  // The launcher appears once the config has settled, drawn in the site's look and words at once
  // (never blue on the right, then jumping to the left in green); without a config, as built in.
  const ready = config
    .then((site) => {
      // One stylesheet for the launcher and the site's look: one sheet to build and match.
      addStyles(root, LAUNCHER_CSS + appearanceRule(own.zIndex, site), own.nonce);
      if (!site) return;
      texts = ownTexts(site);
      if (!endInvite && texts.launcher) label.data = texts.launcher;
    })
    .catch((error) => warn('bad site config', error));

  const sixty = function sixty(command: string, arg?: unknown, props?: unknown) {
    try {
      if (command === 'open') open(arg);
      else if (command === 'close') panel?.close();
      else if (command === 'track') withTracker((t) => t.track(arg, props));
      else if (command === 'identify') withTracker((t) => t.identify(arg));
      else if (command === 'consent') consent(arg === true);
      else warn(`unknown command "${String(command)}"`);
    } catch (error) {
      warn(`"${String(command)}" failed`, error);
    }
  } as SixtyGlobal;
  const queued = existing && existing.q ? [].slice.call(existing.q) : [];
  // Keep whatever else is on the global (an early bundle's registration); the queue is replayed below.
  Object.assign(sixty, existing, { q: undefined, _loaded: true });
  const load = createBundleLoader(own.src, own.nonce, sixty);
  startTracking(own.origin, own.siteKey, config, load, invite);
  const context = { ...own, root, frame, load, onClose, config, visitorId, siteTexts: ownTexts, storageAllowed: allowed };

  /** The panel, and the language pack for the page's language (none for English, or when it cannot be had). */
  const panelAndPack = () => Promise.all([load('panel'), language && language !== 'en' ? load(language).catch(() => ({})) : ({} as Partial<TextPack>)]);

  /** The server says a rep could call this visitor now: ask once per visit, never over the panel. */
  function invite({ repName }: Invite): void {
    if (invited || panelOpen || typeof repName !== 'string' || readStore(INVITED_KEY, 'sessionStorage')) return;
    invited = true;
    // Invitations arrive only while tracking, so storage is allowed here.
    writeStore(INVITED_KEY, '1', 'sessionStorage');
    load('invite')
      .then((bundle) => {
        // The visitor may have opened the panel while the invitation was on its way.
        if (!panelOpen && !opening) endInvite = bundle.show({ ...launcher, ...context, repName, texts });
      })
      .catch((error) => warn('the invitation could not be shown', error));
  }

  /** `asked`: opened for a request the visitor already made (a host form's), which is no consent. */
  function open(asked?: unknown): void {
    if (!asked) opened();
    if (endInvite) endInvite();
    endInvite = undefined;
    if (panel) return show(panel);
    if (opening) return;
    opening = true;
    button.setAttribute('aria-busy', 'true');
    panelAndPack()
      .then(([bundle, pack]) => {
        panel = bundle.mount({ ...context, texts: pack });
        show(panel);
      })
      .catch((error) => warn('the panel could not be opened', error))
      .then(() => {
        opening = false;
        button.removeAttribute('aria-busy');
      });
  }

  function show(handle: PanelHandle): void {
    panelOpen = button.hidden = true;
    handle.open();
  }

  function onClose(): void {
    panelOpen = button.hidden = false;
    button.focus();
  }

  // Fetch the panel while the pointer travels to the button, so the click feels instant.
  const prefetch = () => panelAndPack().catch(() => undefined);
  button.addEventListener('pointerenter', prefetch, { once: true });
  button.addEventListener('focus', prefetch, { once: true });
  button.addEventListener('click', () => sixty('open'));

  win.sixty = sixty;

  const attach = () => {
    try {
      document.body.append(host);
      for (const args of queued) sixty.apply(null, [].slice.call(args) as unknown as [string]);
      // A request still unsent when the last page closed: the panel picks it up and resends it.
      later(() => readStore(PENDING_KEY, 'sessionStorage') && open(1));
    } catch (error) {
      warn('could not attach the launcher', error);
    }
  };
  ready.then(() => {
    // An async script in <head> can run before <body> exists.
    if (document.body) attach();
    else document.addEventListener('DOMContentLoaded', attach, { once: true });
  });
}
