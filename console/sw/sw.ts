// The console's service worker (/console/sw.js, scope /console/): serves the app shell when the
// network is gone, shows a rep's offers pushed to this device and answers them from the
// notification (issue 22). Built by scripts/build.ts with its version and the shell's files
// injected; a new console build is a new worker, which takes over at once (skipWaiting +
// clients.claim) so a rep never keeps a worker older than the console it serves. Every version
// handles every push and click; the payload's shapes live in push-payload.ts.
import { actionFailureText, CONSOLE_URL, notificationFor, offerActionOf, offerDataOf, offerTag, parsePushPayload, type OfferAction } from './push-payload';

/** The build's id (a hash of the built index.html), so each console build gets its own cache. */
declare const __SW_VERSION__: string;
/** The app shell: index.html's scripts and styles, the manifest and its icons (scripts/build.ts). */
declare const __SW_PRECACHE__: string[];

const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE_PREFIX = 'sixty-console-';
const CACHE = `${CACHE_PREFIX}${__SW_VERSION__}`;
/** Where the shell's HTML is cached: every console address serves the same index.html. */
const SHELL = CONSOLE_URL;
/** Where the notification's buttons send the rep's answer (the action token is the credential). */
const ACTION_PATH = '/v1/push/action';
const ICON = '/console/icons/icon-192.png';

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([SHELL, ...__SW_PRECACHE__]))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(CACHE_PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  // The API, the live socket and other origins go to the network untouched.
  if (request.method !== 'GET' || url.origin !== location.origin || !url.pathname.startsWith(CONSOLE_URL)) return;
  if (request.mode === 'navigate') {
    // Fresh from the server when it answers; the cached shell (which shows "Offline: reconnecting") when not.
    event.respondWith(fetch(request).catch(() => caches.match(SHELL).then((shell) => shell ?? Response.error())));
    return;
  }
  event.respondWith(cachedOrFetched(request, url.pathname.startsWith(`${CONSOLE_URL}assets/`)));
});

/** The cached copy, else the network's; hashed assets (never changing) are kept once fetched, so
 * pages opened once (lazy chunks) open offline too. */
async function cachedOrFetched(request: Request, keep: boolean): Promise<Response> {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (keep && res.ok) await cache.put(request, res.clone());
  return res;
}

worker.addEventListener('push', (event) => {
  event.waitUntil(showPush(event.data?.text() ?? null));
});

async function showPush(raw: string | null): Promise<void> {
  const push = parsePushPayload(raw);
  if (!push) return;
  if (push.kind === 'close') {
    for (const n of await worker.registration.getNotifications({ tag: offerTag(push.offerId) })) n.close();
    return;
  }
  const { title, options } = notificationFor(push);
  await worker.registration.showNotification(title, options as NotificationOptions);
}

worker.addEventListener('notificationclick', (event) => {
  event.waitUntil(answerClick(event.notification, event.action));
});

/** A click on an offer's Accept or Decline answers it here, without the console; a click on the
 * body (or on a notice) opens the console there. */
async function answerClick(notification: Notification, action: string): Promise<void> {
  notification.close();
  const offer = offerDataOf(notification.data);
  const answer = offer ? offerActionOf(action) : null;
  if (!offer || !answer) return openConsole(offer?.url ?? urlOf(notification.data));
  const status = await sendAnswer(offer.token, answer);
  if (status === 200) {
    if (answer === 'accept') await openConsole(offer.url);
    return;
  }
  await worker.registration.showNotification(actionFailureText(status, answer), {
    body: notification.title,
    tag: `answer:${offer.offerId}`,
    icon: ICON,
    data: { url: offer.url },
  });
}

/** The API's status for the answer; 0 when the network failed. */
async function sendAnswer(token: string, action: OfferAction): Promise<number> {
  try {
    const res = await fetch(ACTION_PATH, {
      method: 'POST',
      credentials: 'omit',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ token, action }),
    });
    return res.status;
  } catch {
    return 0;
  }
}

function urlOf(data: unknown): string {
  const url = (data as { url?: unknown } | null)?.url;
  return typeof url === 'string' && url.startsWith(CONSOLE_URL) ? url : CONSOLE_URL;
}

/** Focuses a console window already open (taking it to `url`), or opens one. */
async function openConsole(url: string): Promise<void> {
  const target = new URL(url, location.origin).href;
  const windows = await worker.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((c) => c.url.startsWith(new URL(CONSOLE_URL, location.origin).href));
  try {
    if (!open) {
      await worker.clients.openWindow(target);
      return;
    }
    const shown = open.url === target ? open : ((await open.navigate(target)) ?? open);
    // Not awaited: outside a real click a browser may leave it pending, neither granted nor refused.
    shown.focus().catch(() => undefined);
  } catch {
    // A browser may refuse a new window outside a real click; the answer already went.
  }
}
