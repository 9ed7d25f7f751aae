// What the three widget bundles (loader, panel, live) agree on. Types only: every bundle
// imports this with `import type`, so no code is shared between them and the loader stays tiny.
import type { VisitorStatus } from '../shared/api';

/** Bundles the loader can inject next to itself (`sixty-<name>.js`). */
export interface Bundles {
  panel: PanelBundle;
  live: LiveBundle;
}
export type BundleName = keyof Bundles;

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
  _panel?: PanelBundle;
  _live?: LiveBundle;
}

/** How each bundle reaches the global without declaring anything on `Window` for the whole repo. */
export type SixtyWindow = Window & { sixty?: SixtyGlobal };
