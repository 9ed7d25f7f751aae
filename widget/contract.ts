// What the widget bundles (loader, tracker, panel, live, language packs) agree on. Types only:
// every bundle imports this with `import type`, so no code is shared between them at run time
// and the loader stays tiny.
import type { Component, ComponentType, Fragment } from 'preact';
import type { jsx } from 'preact/jsx-runtime';
import type { CallbackResponse, EventsResponse, SiteConfigResponse } from '../shared/api';
import type { qualify } from '../shared/qualify/qualify';
import type { applyEvents, emptyBehaviourState } from '../shared/qualify/behaviour-score';
import type { LiveTexts } from './live/texts';
import type { PanelTexts } from './panel/texts';
import type { BookingTexts } from './booking/texts';
import type { CallTexts } from './call/texts';
import type { VisitorStatus } from '../shared/api';
import type { Ack } from '../shared/live-events';
import type { CallReport, CallSignal, IceServersGrant } from '../shared/schemas/call.schema';

export type { BookingTexts, CallTexts, LiveTexts, PanelTexts };

/** A configured click to track: elements matching `selector` (or inside one) count as `name`. */
export interface TrackSelector {
  selector: string;
  name: string;
}

/** Every visitor-facing text past the launcher, by key: what a language pack provides. */
export type TextPack = PanelTexts & LiveTexts & BookingTexts & CallTexts;

/**
 * The site config as the widget reads it. Every field is checked where it is read: a missing
 * `consent` means `'implied'`, missing `trackSelectors` none, a missing or bad `appearance`
 * field its default (shared/appearance.ts).
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
  booking: BookingBundle;
  call: CallBundle;
  /** The Arabic language pack. */
  ar: TextPack;
  invite: InviteBundle;
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
  /** The site's mapped forms, from the config the loader has: the tracker need not fetch it again. */
  forms?: unknown;
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

/**
 * Registered by `sixty-track.js` as `sixty._track`; loaded when tracking is allowed, or when the
 * site counts a submitted contact form as the visitor's request for contact.
 */
export interface TrackBundle {
  start(ctx: TrackContext): Tracker;
  /**
   * Forms-only mode, while tracking is not allowed: reads only submissions of mapped forms that
   * ask for contact (`offer`, `book`) and sends them; nothing else is observed, stored or sent.
   */
  forms(origin: string, siteKey: string, forms?: unknown): void;
}

/** What the loader hands the invitation: the launcher's parts, the rep's name and the site's texts. */
export interface InviteContext {
  root: ShadowRoot;
  nonce: string;
  /** The page's language: picks the built-in texts. */
  lang: string;
  button: HTMLButtonElement;
  /** The launcher's text node (and accessible name), swapped for the invitation. */
  label: Text;
  /** A polite live region, for the same news to screen readers. */
  announce: HTMLElement;
  repName: string;
  /** The site's own texts for this page (`invite`, `dismiss`), over the built-in ones. */
  texts: Record<string, string>;
}

/** Registered by `sixty-invite.js` as `sixty._invite`; loaded when the server invites the visitor. */
export interface InviteBundle {
  /** Shows the invitation on the launcher; returns the function that takes it back. */
  show(ctx: InviteContext): () => void;
}

/** What the loader hands the panel when it mounts it. */
export interface PanelContext {
  /** The shadow root the launcher lives in. */
  root: ShadowRoot;
  /** The element inside it that carries the text direction; the panel renders into it. */
  frame: HTMLElement;
  siteKey: string;
  /** API and socket origin, derived from the loader's own `src`. */
  origin: string;
  /** CSP nonce of the loader's script tag, for a `<style>` where constructable sheets are missing. */
  nonce: string;
  /** Injects a sibling bundle once and resolves with what it registered. */
  load<K extends BundleName>(name: K): Promise<Bundles[K]>;
  /** Called after the panel hid itself, so the loader can show and focus the launcher. */
  onClose(): void;
  /** The config the loader fetched at page load; null when that failed (the panel refetches). */
  config: Promise<LoaderConfig | null>;
  /** The anonymous visitor id while tracking is allowed, so the lead inherits its history. */
  visitorId(): string | undefined;
  /** The page's language (BCP 47), for dates; `en` when the page does not say. */
  lang: string;
  /** The built-in texts for that language beyond English (its language pack), or none. */
  texts: Partial<TextPack>;
  /** The site's own texts for this page's language (its `appearance.texts`), by key. */
  siteTexts(config: LoaderConfig): Record<string, string>;
  /** First-party storage is allowed (consent), so an unsent request may outlive the page. */
  storageAllowed(): boolean;
}

export interface PanelHandle {
  open(): void;
  close(): void;
}

/** The engine's entry points, for pages and tests that want to compare. */
export type QualifyFn = typeof qualify & {
  qualify: typeof qualify;
  applyEvents: typeof applyEvents;
  emptyBehaviourState: typeof emptyBehaviourState;
};

/** Registered by `sixty-panel.js` as `sixty._panel`. */
export interface PanelBundle {
  mount(ctx: PanelContext): PanelHandle;
}

/**
 * The panel's Preact, lent to the live bundle as `sixty._ui` so the two share one copy: the live
 * view renders inside the panel's tree.
 */
export interface SharedUi {
  jsx: typeof jsx;
  Fragment: typeof Fragment;
  Component: typeof Component;
}

/** What the panel hands the live view once the server acknowledged the request. */
export interface LiveViewProps {
  origin: string;
  lead: CallbackResponse;
  /** The number the visitor typed, echoed so they know which phone to watch. */
  phone: string;
  lang: string;
  texts: Partial<LiveTexts & CallTexts>;
  /** Gets the status line, so the panel can move focus to it. */
  statusRef: { current: HTMLElement | null };
  /** The text (with `{site}`) to show in the header instead of the promise, or null to keep it. */
  onHead(head: string | null): void;
  /** Injects the booking or call bundle (the panel's loader), and adds a bundle's stylesheet to the shadow root. */
  load<K extends 'booking' | 'call'>(name: K): Promise<Bundles[K]>;
  addStyles(css: string): void;
  /** The visitor chose to talk in the browser: the microphone they granted, for the call once a rep accepts. */
  mic?: MediaStream | null;
  /** After a browser call: back to the form, to ask for a callback on the phone instead. */
  onCallback(): void;
}

/** The visitor's socket as the call screens use it: the live view's one connection, shared. */
export interface CallSocket {
  emit(event: 'call:signal', signal: CallSignal, ack: (r: Ack) => void): unknown;
  emit(event: 'call:ice-servers', e: { offerId: string }, ack: (r: Ack<IceServersGrant>) => void): unknown;
  emit(event: 'call:report', report: CallReport, ack: (r: Ack) => void): unknown;
}

/** Signals for the call heard before its screen was up (the rep's offer can beat the bundle), then handed on as they come. */
export interface SignalHub {
  queue: CallSignal[];
  on: ((signal: CallSignal) => void) | null;
}

/** What the live view hands the call screen once a rep accepted a browser call. */
export interface CallViewProps {
  socket: CallSocket;
  hub: SignalHub;
  offerId: string;
  repName: string;
  mic: MediaStream;
  /** The page's language pack and the site's own texts, over the call's English ones. */
  texts: Partial<CallTexts>;
  /** "Call me back": the visitor asks for a phone callback after the call. */
  onCallback(): void;
  /** The call ended (either side, or the network). */
  onEnd(): void;
}

/** Registered by `sixty-call.js` as `sixty._call`: the call screens, loaded when the visitor chooses to talk in the browser. */
export interface CallBundle {
  CallView: ComponentType<CallViewProps>;
  css: string;
}

/** What the live view hands the booking screens. */
interface BookingBase {
  origin: string;
  lead: CallbackResponse;
  lang: string;
  /** Every text, the booking ones included (languages and the site's own merged by the live view). */
  t: LiveTexts & Partial<BookingTexts>;
}

export interface BookingTimesProps extends BookingBase {
  /** The times the status offers (ISO). */
  slots: string[];
  /** A time was booked: the status the server answered. */
  onStatus(status: VisitorStatus): void;
}

export interface BookingDoneProps extends BookingBase {
  phone: string;
}

/**
 * Registered by `sixty-booking.js` as `sixty._booking`: the booking screens, loaded by the live
 * view only when the visitor books a time or has booked one.
 */
export interface BookingBundle {
  BookingTimes: ComponentType<BookingTimesProps>;
  BookingDone: ComponentType<BookingDoneProps>;
  css: string;
}

/** Registered by `sixty-live.js` as `sixty._live`; loaded after a callback request (or prefetched). */
export interface LiveBundle {
  /** The panel's live phase: follows the lead over socket.io and shows its status. */
  LiveView: ComponentType<LiveViewProps>;
  /** Its stylesheet, added to the shadow root by the panel. */
  css: string;
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
  _booking?: BookingBundle;
  _call?: CallBundle;
  _ar?: TextPack;
  _invite?: InviteBundle;
  _ui?: SharedUi;
  /** The whole qualification engine as the widget builds it (`sixty-qualify.js`), for pages and tests that compare. */
  _qualify?: QualifyFn;
}

/** How each bundle reaches the global without declaring anything on `Window` for the whole repo. */
export type SixtyWindow = Window & { sixty?: SixtyGlobal };
