// Helpers for the installed console's browser tests (issue 22): a rep's browser whose service
// worker controls the console, push messages delivered through the DevTools protocol, and the
// worker's notificationclick listener run with a notification and an action.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { CHROMIUM } from '../helpers/browser';
import { BROWSER_UA } from '../helpers/test-server';
import { signIn } from './rep-helpers';

/**
 * A browser with a profile on disk. Playwright's `newContext` is an incognito profile, where
 * Chromium reports the app as not installable ("in-incognito") and has no Push API.
 */
export async function persistentBrowser(viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'sixty-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', `--user-agent=${BROWSER_UA}`],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs the rep in on the console and waits until the service worker controls the page. */
export async function openControlledConsole(page: Page, url: string, email = 'dana@demo.sixty') {
  await signIn(page, url, email);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10_000 });
}

/** The console's service worker registration as DevTools names it (for deliverPushMessage). */
export async function consoleRegistration(cdp: CDPSession, origin: string): Promise<string> {
  const found = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const console = registrations.find((r) => r.scopeURL === `${origin}/console/` && !r.isDeleted);
      if (console) resolve(console.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  return found;
}

/** A push message as the browser's push service would hand it to the worker (decrypted). */
export async function deliverPush(cdp: CDPSession, origin: string, registrationId: string, payload: object) {
  await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId, data: JSON.stringify(payload) });
}

/**
 * Delivers a push until `handled` holds (three deliveries at most, 2 s each). Headless Chromium
 * here loses about one CDP-delivered push in thirty (measured: the worker's showNotification
 * resolves, yet getNotifications lists nothing, also with no icon or requireInteraction); a push
 * service redelivers the same way, and the worker's tag makes a repeat replace, not stack.
 */
export async function pushUntil(cdp: CDPSession, origin: string, registrationId: string, payload: object, handled: () => Promise<boolean>) {
  for (let delivery = 0; delivery < 3; delivery++) {
    await deliverPush(cdp, origin, registrationId, payload);
    for (const until = Date.now() + 2000; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) if (await handled()) return;
  }
  throw new Error(`push not handled after three deliveries: ${JSON.stringify(payload)}`);
}

/** For pushUntil: the worker shows a notification tagged `tag` (or, `false`, none). */
export const showing =
  (page: Page, tag: string, shown = true) =>
  async () =>
    (await shownNotifications(page, tag)).length === (shown ? 1 : 0);

export interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  actions: string[];
  requireInteraction: boolean;
  data: unknown;
}

/** The notifications the console's worker shows now (`registration.getNotifications()`). */
export function shownNotifications(page: Page, tag?: string): Promise<ShownNotification[]> {
  return page.evaluate(async (t) => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications(t ? { tag: t } : undefined)).map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      // `actions` is in Chromium's Notification, not yet in TypeScript's DOM types.
      actions: ((n as unknown as { actions: { title: string }[] }).actions ?? []).map((a) => a.title),
      requireInteraction: n.requireInteraction,
      data: n.data as unknown,
    }));
  }, tag);
}

/**
 * Runs the worker's real `notificationclick` listener on the notification tagged `tag` with
 * `action` ('' for a click on its body), and waits for what it started. No DevTools command
 * clicks a notification, and an event made in script is untrusted (its waitUntil throws), so the
 * event built here gets a waitUntil of its own that keeps the listener's promise; the listener
 * itself is the worker's, unchanged.
 */
export async function clickNotification(worker: Worker, tag: string, action: string) {
  await worker.evaluate(
    async ({ tag, action }) => {
      type Scope = {
        registration: ServiceWorkerRegistration;
        dispatchEvent(event: Event): boolean;
        NotificationEvent: new (type: string, init: { notification: Notification; action: string }) => Event;
      };
      const scope = self as unknown as Scope;
      const [notification] = await scope.registration.getNotifications({ tag });
      if (!notification) throw new Error(`no notification tagged ${tag}`);
      const event = new scope.NotificationEvent('notificationclick', { notification, action });
      const started: Promise<unknown>[] = [];
      Object.defineProperty(event, 'waitUntil', { value: (p: Promise<unknown>) => started.push(p) });
      scope.dispatchEvent(event);
      if (started.length === 0) throw new Error('the listener started nothing');
      await Promise.all(started);
    },
    { tag, action },
  );
}

/** The console's worker in this context, once it runs. */
export async function consoleWorker(context: BrowserContext, origin: string): Promise<Worker> {
  const url = `${origin}/console/sw.js`;
  return context.serviceWorkers().find((w) => w.url() === url) ?? context.waitForEvent('serviceworker', { predicate: (w) => w.url() === url });
}

/**
 * The test as the browser's push service (headless Chromium reaches none: its subscribe never
 * settles): PushManager gives out the subscription the test made, kept across reloads as a
 * browser keeps its own, and records the server key it was asked for.
 */
export async function playPushService(context: BrowserContext, subscription: { endpoint: string; keys: { p256dh: string; auth: string } }) {
  await context.addInitScript((sub) => {
    const KEY = 'test.pushSubscription';
    const make = (serverKey: ArrayBuffer) => ({
      endpoint: sub.endpoint,
      options: { userVisibleOnly: true, applicationServerKey: serverKey },
      toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: sub.keys }),
      unsubscribe: async () => {
        localStorage.removeItem(KEY);
        return true;
      },
    });
    const stored = () => {
      const key = localStorage.getItem(KEY);
      return key ? make(Uint8Array.from(JSON.parse(key) as number[]).buffer) : null;
    };
    PushManager.prototype.getSubscription = async () => stored() as unknown as PushSubscription;
    PushManager.prototype.subscribe = async (options?: PushSubscriptionOptionsInit) => {
      const key = new Uint8Array(options!.applicationServerKey as Uint8Array);
      localStorage.setItem(KEY, JSON.stringify([...key]));
      return stored() as unknown as PushSubscription;
    };
  }, subscription);
}
