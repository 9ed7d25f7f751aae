// What the widget bundles (loader, tracker, panel, live) agree on. Types only: every bundle
// imports this with `import type`, so no code is shared between them and the loader stays tiny.
import type { EventsResponse, SiteConfigResponse, VisitorStatus } from '../shared/api';

/** A configured click to track: elements matching `selector` (or inside one) count as `name`. */
export interface TrackSelector {
  selector: string;
  name: string;
}

/**
 * The site config as the loader reads it. `consent` and `trackSelectors` are optional until every
 * server sends them: a missing `consent` means `'implied'`, missing `trackSelectors` means none.
 */
export type LoaderConfig = SiteConfigResponse & {
  consent?: 'required' | 'implied';
  trackSelectors?: TrackSelector[];
};

/** Bundles the loader can inject next to itself (`sixty-<name>.js`). */
export interface Bundles {
  track: TrackBundle;
  panel: PanelBundle;
  live: LiveBundle;
}
export type BundleName = keyof Bundles;

/** The server's invitation to talk, from the response to an in-page events flush. */
export type Invite = NonNullable<EventsResponse['invite']>;

/** What the loader hands the tracker once the site's consent mode and the visitor allow tracking. */
export interface TrackContext {
  siteKey: string;
  /** API origin, derived from the loader's own `src`. */
  origin: string;
  selectors: TrackSelector[];
  onInvite(invite: Invite): void;
}

export interface Tracker {
  /** `sixty('track', name, props)`. */
  track(name: unknown, props: unknown): void;
  /** `sixty('identify', traits)`. */
  identify(traits: unknown): void;
  visitorId(): string | undefined;
  /** Consent withdrawn: drop what is queued and go quiet. The loader clears the storage. */
  stop(): void;
}

/** Registered by `sixty-track.js` as `sixty._track`; loaded only when tracking is allowed. */
export interface TrackBundle {
  start(ctx: TrackContext): Tracker;
}

/** What the loader hands the panel when it mounts it. */
export interface PanelContext {
  /** The shadow root the launcher lives in; the panel renders into it too. */
  root: ShadowRoot;
  siteKey: string;
  /** API and socket origin, derived from the loader's own `src`. */
  origin: string;
  /** CSP nonce of the loader's script tag, for the panel's `<style>`. */
  nonce: string;
  /** Injects a sibling bundle once and resolves with what it registered. */
  load<K extends BundleName>(name: K): Promise<Bundles[K]>;
  /** Called after the panel hid itself, so the loader can show and focus the launcher. */
  onClose(): void;
  /** The config the loader fetched at page load; null when that failed (the panel refetches). */
  config: Promise<LoaderConfig | null>;
  /** The anonymous visitor id while tracking is allowed, so the lead inherits its history. */
  visitorId(): string | undefined;
}

export interface PanelHandle {
  open(): void;
  close(): void;
}

/** Registered by `sixty-panel.js` as `sixty._panel`. */
export interface PanelBundle {
  mount(ctx: PanelContext): PanelHandle;
}

export interface LiveConnection {
  close(): void;
}

/** Registered by `sixty-live.js` as `sixty._live`. */
export interface LiveBundle {
  connect(origin: string, token: string, onStatus: (status: VisitorStatus) => void): LiveConnection;
}

/** The one global the widget owns: the snippet's command function plus internal registries. */
export interface SixtyGlobal {
  (command: string, ...args: unknown[]): void;
  /** Commands queued by the snippet's stub before the loader ran. */
  q?: ArrayLike<unknown>[];
  /** Set by the real loader, so a second copy of the snippet does nothing. */
  _loaded?: boolean;
  _track?: TrackBundle;
  _panel?: PanelBundle;
  _live?: LiveBundle;
}

/** How each bundle reaches the global without declaring anything on `Window` for the whole repo. */
export type SixtyWindow = Window & { sixty?: SixtyGlobal };
