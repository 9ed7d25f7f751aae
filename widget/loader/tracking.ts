// The consent gate: decides from the site's consent mode, the visitor's choice and the browser's
// privacy signals whether to track, and only then injects the tracker (`sixty-track.js`). Until
// then nothing is stored, nothing is observed and no event is sent, except where the site counts a
// submitted contact form as the visitor's request for contact (the tracker's forms-only mode). API calls made before the
// decision wait for it; calls made while tracking is not allowed are dropped.
import type { Invite, LoaderConfig, Tracker } from '../contract';
import { CONSENT_KEY, FIRST_TOUCH_KEY, readStore, VISITOR_KEY, writeStore } from '../storage';
import { browserOptedOut, trackingAllowed, type ConsentMode } from './consent';
import { whenIdle } from './later';
import { warn } from './warn';
import type { LoadBundle } from './load-bundle';

const optedOut = browserOptedOut(navigator as Navigator & { globalPrivacyControl?: unknown });
/** Unknown until the config arrives, and for good when it cannot be loaded: nothing is tracked. */
let mode: ConsentMode | undefined;
/**
 * The explicit decision: '1' granted, '0' refused, null none; undefined until first needed, because
 * the first read of localStorage on a page blocks the main thread on the browser's storage (6 ms
 * at normal speed, 18 ms throttled, measured): never while the launcher is being drawn.
 */
let choice: string | null | undefined;
const decision = () => (choice === undefined ? (choice = readStore(CONSENT_KEY)) : choice);
let tracker: Tracker | undefined;
let loading = false;
/** API calls waiting for the decision or for the tracker to load; null while they would be dropped. */
let waiting: Array<(t: Tracker) => void> | null = [];
let start: () => void;

export function startTracking(
  origin: string,
  siteKey: string,
  config: Promise<LoaderConfig | null>,
  load: LoadBundle,
  onInvite: (invite: Invite) => void,
): void {
  /** The config, once it has come (the tracker starts only after). */
  let site: LoaderConfig;
  start = () => {
    loading = true;
    load('track')
      // Not in the task that evaluated the file: each stays short on a slow phone.
      .then(whenIdle)
      .then((bundle) => {
        // Consent may have been withdrawn while the file was on its way.
        if (!allowed()) return;
        // The mapped forms too, so the tracker need not fetch the config again.
        const selectors = Array.isArray(site.trackSelectors) ? site.trackSelectors : [];
        tracker = bundle.start({ origin, siteKey, selectors, forms: site.forms, onInvite });
        for (const call of waiting || []) call(tracker);
      })
      .catch((error) => warn('tracking unavailable', error))
      .then(() => {
        loading = false;
        waiting = tracker ? [] : null;
      });
  };
  config
    // After the launcher is drawn (./index.ts attaches it on the same answer), in a task of its own.
    .then(whenIdle)
    .then((answer) => {
      if (!answer) return void (waiting = null);
      site = answer;
      mode = site.consent === 'required' ? 'required' : 'implied';
      update();
      // The site counts a submitted contact form as the visitor's own request for contact: the
      // tracker reads such submissions even while tracking is not allowed (and nothing else).
      if (site.formsCountAsContactRequest) load('track').then((bundle) => bundle.forms(origin, siteKey, site.forms), warn);
    })
    .catch((error) => warn('tracking unavailable', error));
}

/** `sixty('consent', ...)`: an explicit decision by the site's consent tool or the visitor. */
export function consent(granted: boolean): void {
  choice = granted ? '1' : '0';
  update();
}

/** The visitor opened the widget: consent for what follows, unless they already refused. */
export function opened(): void {
  if (!decision()) consent(true);
}

/** Runs `call` on the tracker now, later once it has loaded, or never if tracking is not allowed. */
export function withTracker(call: (t: Tracker) => void): void {
  if (tracker) call(tracker);
  else if (waiting) waiting.push(call);
}

export function visitorId(): string | undefined {
  return tracker && tracker.visitorId();
}

/** Tracking, and with it first-party storage, is allowed right now. */
export function allowed(): boolean {
  return !!mode && trackingAllowed(mode, decision() ? choice === '1' : null, optedOut);
}

function update(): void {
  if (!mode) return;
  if (decision() === '0') {
    writeStore(VISITOR_KEY, null);
    writeStore(FIRST_TOUCH_KEY, null);
  }
  // Remember the decision across pages; a refusal needs remembering only where tracking would
  // otherwise start by itself.
  if (choice && !optedOut) writeStore(CONSENT_KEY, choice === '1' || mode === 'implied' ? choice : null);

  if (!allowed()) {
    if (tracker) tracker.stop();
    tracker = undefined;
    waiting = null;
  } else if (!tracker && !loading) {
    waiting = waiting || [];
    start();
  }
}
