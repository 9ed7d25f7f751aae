// The push messages the server sends a rep's devices (the issue 22 contract: offer, close,
// notice), read defensively: a payload from a newer server version, or a broken one, still gives
// the rep something to click rather than a silent push. Pure: no DOM, no worker globals.

/** An offer to a rep: Accept and Decline work from the notification with its action token. */
export interface OfferPush {
  kind: 'offer';
  offerId: string;
  title: string;
  body: string;
  /** Epoch ms when the offer lapses. */
  expiresAt: number;
  token: string;
  url: string;
}

/** The offer was taken, expired or reassigned: its notification goes on every device. */
export interface ClosePush {
  kind: 'close';
  offerId: string;
}

/** Callbacks and follow-ups due, a manager's alert: shown, opened on click. */
export interface NoticePush {
  kind: 'notice';
  tag: string;
  title: string;
  body: string;
  url: string;
}

export type PushPayload = OfferPush | ClosePush | NoticePush;

/** Where a click goes when the payload names nowhere usable: the console's start page. */
export const CONSOLE_URL = '/console/';

/** What the notification's Accept and Decline buttons send as `action`. */
export type OfferAction = 'accept' | 'decline';

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/** Only console paths: a click never opens another site, whatever a payload says. */
function consoleUrl(value: unknown): string {
  const url = text(value);
  return url && url.startsWith(CONSOLE_URL) ? url : CONSOLE_URL;
}

/** The push's text as the server sent it; null when it is no message of ours at all. */
export function parsePushPayload(raw: string | null): PushPayload | null {
  let data: unknown;
  try {
    data = raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  const offerId = text(d.offerId);
  if (d.kind === 'close') return offerId ? { kind: 'close', offerId } : null;
  if (d.kind === 'offer' && offerId) {
    const token = text(d.token);
    const expiresAt = typeof d.expiresAt === 'number' && Number.isFinite(d.expiresAt) ? d.expiresAt : null;
    // Without its token the offer can still be opened in the console: shown as a notice.
    if (token && expiresAt !== null)
      return { kind: 'offer', offerId, token, expiresAt, title: text(d.title) ?? 'Hot lead', body: text(d.body) ?? '', url: consoleUrl(d.url) };
    return { kind: 'notice', tag: offerTag(offerId), title: text(d.title) ?? 'Hot lead', body: text(d.body) ?? '', url: consoleUrl(d.url) };
  }
  const title = text(d.title);
  if (!title) return null;
  return { kind: 'notice', tag: text(d.tag) ?? 'notice', title, body: text(d.body) ?? '', url: consoleUrl(d.url) };
}

/** One notification per offer on a device, so a repeated push replaces rather than stacks. */
export function offerTag(offerId: string): string {
  return `offer:${offerId}`;
}

/** What the worker stores on an offer's notification for its click handler. */
export interface OfferNotificationData {
  offerId: string;
  token: string;
  url: string;
  expiresAt: number;
}

/** `showNotification`'s arguments for a payload that shows something. The options are the
 * standard NotificationOptions fields plus `actions`, `timestamp` (typed loosely here so this
 * module needs neither the DOM nor the worker library). */
/** The countdown as the rep reads it when the notification appears (it cannot tick: a shown notification does not update). */
export function timeToAnswer(expiresAt: number, now: number): string {
  const seconds = Math.ceil((expiresAt - now) / 1000);
  if (seconds <= 0) return 'Time to answer is up';
  return seconds < 120 ? `${seconds} s to answer` : `${Math.floor(seconds / 60)} min to answer`;
}

export function notificationFor(push: OfferPush | NoticePush, now = Date.now()): { title: string; options: Record<string, unknown> } {
  const icon = '/console/icons/icon-192.png';
  if (push.kind === 'notice') return { title: push.title, options: { body: push.body, tag: push.tag, icon, data: { url: push.url } } };
  const data: OfferNotificationData = { offerId: push.offerId, token: push.token, url: push.url, expiresAt: push.expiresAt };
  return {
    title: push.title,
    options: {
      body: push.body ? `${push.body}\n${timeToAnswer(push.expiresAt, now)}` : timeToAnswer(push.expiresAt, now),
      tag: offerTag(push.offerId),
      icon,
      data,
      actions: [
        { action: 'accept', title: 'Accept' },
        { action: 'decline', title: 'Decline' },
      ],
      // An offer waits for the rep: it stays on screen until answered, closed or expired.
      requireInteraction: true,
      // Shown with its countdown's end: "expires at" reads better than "arrived at" on a lock screen.
      timestamp: push.expiresAt,
    },
  };
}

/** The action a click asked for: a button's, or none (the body: open the console). */
export function offerActionOf(action: string): OfferAction | null {
  return action === 'accept' || action === 'decline' ? action : null;
}

/** The notification data of an offer, or null for a notice's (no token). */
export function offerDataOf(data: unknown): OfferNotificationData | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  const offerId = text(d.offerId);
  const token = text(d.token);
  if (!offerId || !token) return null;
  return { offerId, token, url: consoleUrl(d.url), expiresAt: typeof d.expiresAt === 'number' ? d.expiresAt : 0 };
}

/** What the rep reads when Accept or Decline did not go through: by the API's status (0: no network). */
export function actionFailureText(status: number, action: OfferAction): string {
  if (status === 409) return 'Already taken or expired';
  if (status === 401) return 'This alert has expired';
  if (status === 429) return 'Too many tries: open the console';
  return action === 'accept' ? 'Could not accept: open the console to take it' : 'Could not decline: open the console';
}
