// Batches behaviour events and delivers them: fetch keepalive during the visit (its response can
// carry an invitation), sendBeacon when the page is being hidden. Bodies are text/plain JSON with
// no custom headers: a CORS simple request, no preflight. A failed request is dropped (a lost page
// view costs less than a retry loop on someone else's site); nothing here throws into the page.
import type { EventsResponse } from '../../shared/api';
import type { BehaviourEventInput, EventBatch } from '../../shared/schemas/events.schema';
import type { Invite } from '../contract';
import { FIRST_TOUCH_KEY, writeStore } from '../storage';
import { cleanProps } from './clean-props';
import { cleanUrl } from './clean-url';
import { guard } from './guard';

/** A partial batch waits at most this long: events reach scoring within seconds. Tests that check nothing was sent wait past it. */
export const FLUSH_MS = 2000;
/** A batch this full goes at once. */
const FLUSH_AT = 10;
/** The schema's MAX_EVENTS_PER_BATCH (not imported: that module pulls in zod). */
const MAX_PER_REQUEST = 50;

type BatchContext = EventBatch['context'];
export type EventInput = Omit<BehaviourEventInput, 'at'>;

let endpoint = '';
let siteKey = '';
let onInvite: (invite: Invite) => void;
/** Whose events these are; empty while tracking is off, and then nothing is queued. */
export let visitorId = '';
/** First-touch and returning context, attached to every batch until one carrying it is delivered. */
let context: BatchContext;
let queue: BehaviourEventInput[] = [];
let timer: ReturnType<typeof setTimeout> | 0 = 0;
const flushLater = guard(() => flush());

export function sendTo(url: string, key: string, invited: (invite: Invite) => void): void {
  endpoint = url;
  siteKey = key;
  onInvite = invited;
}

/** Starts (or, with an empty id, stops) collecting; whatever was queued is dropped. */
export function sendAs(id: string, firstBatchContext: BatchContext): void {
  visitorId = id;
  context = firstBatchContext;
  queue = [];
}

/**
 * Queues an event for the current page (unless it names its own URL) as of `at`, cut to the
 * schema's limits here so that callers need not: one overlong value must not get a whole batch
 * refused.
 */
export function emit(event: EventInput, at = Date.now()): void {
  if (!visitorId) return;
  const name = event.name && String(event.name).slice(0, 100);
  queue.push({ url: cleanUrl(location), ...event, name, props: cleanProps(event.props), at });
  if (queue.length >= FLUSH_AT) flush();
  else timer = timer || setTimeout(flushLater, FLUSH_MS);
}

/** Sends everything queued; `hiding` uses sendBeacon, which survives the page going away. */
/** A marketer's test of a form (host-forms.ts): their visit is no visitor's, nothing is sent. */
let hushed = false;
export const hush = () => void (hushed = true);

export function flush(hiding?: boolean): void {
  clearTimeout(timer);
  timer = 0;
  if (hushed) queue.length = 0;
  while (queue.length) {
    const sent = context;
    const batch: EventBatch = { siteKey, visitorId, events: queue.splice(0, MAX_PER_REQUEST), context };
    const json = JSON.stringify(batch);
    if (hiding && navigator.sendBeacon && navigator.sendBeacon(endpoint, new Blob([json], { type: 'text/plain' }))) delivered(sent);
    else
      fetch(endpoint, { method: 'POST', keepalive: true, credentials: 'omit', body: json })
        .then((res) => {
          if (res.ok) {
            delivered(sent);
            return res.json();
          }
        })
        .then((body?: EventsResponse) => body && body.invite && onInvite(body.invite))
        .catch(() => undefined);
  }
}

function delivered(sent: BatchContext): void {
  if (sent && sent === context) {
    context = undefined;
    writeStore(FIRST_TOUCH_KEY, null);
  }
}
