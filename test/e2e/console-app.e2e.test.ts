// The console as an installed app (issue 22), in headless Chromium: it is installable, its
// service worker registers, controls the console and keeps the shell for when the network is
// cut ("Offline: reconnecting", not a browser error), and a push shows an offer with Accept and
// Decline that the worker answers from the notification. Headless Chromium reaches no push
// service, shows no install prompt and draws no OS notification: the pushes here come through the
// DevTools protocol and the notifications are read from the worker's registration.
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Route } from 'playwright-core';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { shellFiles } from '../../vite.config';
import { PHONE } from './rep-helpers';
import {
  clickNotification,
  consoleRegistration,
  consoleWorker,
  openControlledConsole,
  persistentBrowser,
  pushUntil,
  showing,
  shownNotifications,
} from './console-app.helpers';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the installable console', () => {
  it('serves its manifest and worker with the right types and policy', async () => {
    const manifest = await fetch(`${server.url}/console/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json');
    expect(await manifest.json()).toMatchObject({ start_url: '/console/', scope: '/console/', display: 'standalone' });
    const worker = await fetch(`${server.url}/console/sw.js`);
    expect(worker.headers.get('content-type')).toMatch(/^text\/javascript/);
    // A new console version must reach the browser's update check at once.
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    const csp = (await fetch(`${server.url}/console/`)).headers.get('content-security-policy');
    expect(csp).toMatch(/worker-src 'self'/);
    expect(csp).toMatch(/manifest-src 'self'/);
  });

  it('is installable, and its worker controls the console with the shell cached', async () => {
    const { context, close } = await persistentBrowser();
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await openControlledConsole(page, server.url);
      const cdp = await context.newCDPSession(page);
      expect((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors).toEqual([]);
      const worker = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        const caches_ = await caches.keys();
        const cached = caches_.length === 1 ? (await (await caches.open(caches_[0]!)).keys()).map((r) => new URL(r.url).pathname) : [];
        return { scope: registration.scope, script: registration.active?.scriptURL, caches: caches_, cached };
      });
      expect(worker.scope).toBe(`${server.url}/console/`);
      expect(worker.script).toBe(`${server.url}/console/sw.js`);
      // One cache, named by the build: the previous version's is deleted when a new worker activates.
      expect(worker.caches).toEqual([expect.stringMatching(/^sixty-console-[0-9a-f]{12}$/)]);
      const indexHtml = await (await fetch(`${server.url}/console/index.html`)).text();
      expect(worker.cached).toEqual(expect.arrayContaining(['/console/', ...shellFiles(indexHtml)]));
    } finally {
      await close();
    }
  });

  it('shows the console with "Offline: reconnecting" when the network is cut, and comes back by itself', async () => {
    const context = await browser.newContext(PHONE);
    try {
      const page = await context.newPage();
      await openControlledConsole(page, server.url);
      await context.setOffline(true);
      // The socket notices first, in the queue's bar.
      await page.locator('[data-connection="offline"]').getByText('Offline: reconnecting').waitFor({ timeout: 10_000 });
      // A reload with no network: the worker serves the shell, which says so (not a browser error page).
      await page.reload();
      await page.getByRole('status').getByText('Offline: reconnecting').waitFor();
      expect(await page.title()).toBe('Sixty console');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await page.screenshot({ path: screenshotPath('console-offline-shell-375'), fullPage: true });
      await context.setOffline(false);
      // Retried every few seconds: the queue returns without a click.
      await page.locator('[data-connection="live"]').waitFor({ timeout: 15_000 });
    } finally {
      await context.close();
    }
  });
});

/** Answers POST /v1/push/action as the test says (200, 409) and records what the worker sent:
 * the worker's side of each answer, with pushes the test writes. The real route with the
 * server's own push and token: console-push-accept.e2e.test.ts. */
function answerActions(context: BrowserContext, status: number, body: object) {
  const received: unknown[] = [];
  const handler = async (route: Route) => {
    const request = route.request();
    received.push({
      method: request.method(),
      contentType: request.headers()['content-type'],
      cookie: request.headers()['cookie'] ?? null,
      body: request.postDataJSON(),
    });
    await route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  };
  return { received, ready: context.route('**/v1/push/action', handler), stop: () => context.unroute('**/v1/push/action', handler) };
}

/** An HTTP proxy of the server on its own origin, which can answer one path with other bytes. */
async function proxyOf(target: string) {
  const overrides = new Map<string, string>();
  const proxy = createServer((req, res) => {
    const override = overrides.get(req.url ?? '');
    if (override !== undefined) return void res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }).end(override);
    const upstream = httpRequest(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    serve: (path: string, body: string) => overrides.set(path, body),
    close: () => new Promise<void>((resolve) => proxy.close(() => resolve())),
  };
}

describe('an offer pushed to the device', () => {
  const offer = (offerId: string, token: string) => ({
    v: 1,
    kind: 'offer',
    offerId,
    title: 'Hot lead: Ada Lovelace',
    body: 'Acme · Pricing page twice · asked for a call',
    expiresAt: Date.now() + 45_000,
    token,
    url: `/console/#/leads/lead_${offerId}`,
  });

  it('shows Accept and Decline; Accept sends the offer’s token and opens the lead; a close push takes it away', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      await context.grantPermissions(['notifications'], { origin: server.url });
      const page = await context.newPage();
      await openControlledConsole(page, server.url);
      const cdp = await context.newCDPSession(page);
      const registrationId = await consoleRegistration(cdp, server.url);
      const worker = await consoleWorker(context, server.url);

      await pushUntil(cdp, server.url, registrationId, offer('o1', 'token-one'), showing(page, 'offer:o1'));
      await expect
        .poll(() => shownNotifications(page, 'offer:o1'))
        .toEqual([
          {
            title: 'Hot lead: Ada Lovelace',
            // The countdown as the notification appears (45 s from the push, less the delivery).
            body: expect.stringMatching(/^Acme · Pricing page twice · asked for a call\n(4\d|3\d) s to answer$/),
            tag: 'offer:o1',
            actions: ['Accept', 'Decline'],
            requireInteraction: true,
            data: expect.objectContaining({ offerId: 'o1', token: 'token-one', url: '/console/#/leads/lead_o1' }),
          },
        ]);

      const actions = answerActions(context, 200, { ok: true, leadId: 'lead_o1' });
      await actions.ready;
      await clickNotification(worker, 'offer:o1', 'accept');
      // The token is the credential: JSON, no cookie.
      expect(actions.received).toEqual([{ method: 'POST', contentType: 'application/json', cookie: null, body: { token: 'token-one', action: 'accept' } }]);
      expect(await shownNotifications(page)).toEqual([]);
      // The open console was taken to the lead.
      await expect.poll(() => page.url()).toBe(`${server.url}/console/#/leads/lead_o1`);
      // Another offer for the lead the console shows: the console is just focused.
      await pushUntil(cdp, server.url, registrationId, { ...offer('o1b', 'token-one-b'), url: '/console/#/leads/lead_o1' }, showing(page, 'offer:o1b'));
      await expect.poll(async () => (await shownNotifications(page, 'offer:o1b')).length).toBe(1);
      await clickNotification(worker, 'offer:o1b', 'accept');
      expect(actions.received.at(-1)).toMatchObject({ body: { token: 'token-one-b', action: 'accept' } });
      actions.received.length = 1;

      // Decline answers without opening anything.
      await pushUntil(cdp, server.url, registrationId, offer('o2', 'token-two'), showing(page, 'offer:o2'));
      await expect.poll(async () => (await shownNotifications(page, 'offer:o2')).length).toBe(1);
      await clickNotification(worker, 'offer:o2', 'decline');
      expect(actions.received[1]).toMatchObject({ body: { token: 'token-two', action: 'decline' } });
      expect(await shownNotifications(page)).toEqual([]);

      // Taken elsewhere: the server's close push removes it from this device.
      await pushUntil(cdp, server.url, registrationId, offer('o3', 'token-three'), showing(page, 'offer:o3'));
      await expect.poll(async () => (await shownNotifications(page, 'offer:o3')).length).toBe(1);
      await pushUntil(cdp, server.url, registrationId, { v: 1, kind: 'close', offerId: 'o3' }, showing(page, 'offer:o3', false));
      await expect.poll(() => shownNotifications(page, 'offer:o3')).toEqual([]);
      expect(actions.received).toHaveLength(2);
      await actions.stop();
    } finally {
      await context.close();
    }
  });

  it('says "Already taken or expired" when Accept comes too late', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      await context.grantPermissions(['notifications'], { origin: server.url });
      const page = await context.newPage();
      await openControlledConsole(page, server.url);
      const cdp = await context.newCDPSession(page);
      const registrationId = await consoleRegistration(cdp, server.url);
      const worker = await consoleWorker(context, server.url);
      const actions = answerActions(context, 409, { error: { code: 'offer_closed', message: 'This offer is no longer open.' } });
      await actions.ready;

      await pushUntil(cdp, server.url, registrationId, offer('late', 'token-late'), showing(page, 'offer:late'));
      await expect.poll(async () => (await shownNotifications(page, 'offer:late')).length).toBe(1);
      await clickNotification(worker, 'offer:late', 'accept');
      expect(actions.received).toEqual([expect.objectContaining({ body: { token: 'token-late', action: 'accept' } })]);
      expect(await shownNotifications(page)).toEqual([
        expect.objectContaining({ title: 'Already taken or expired', body: 'Hot lead: Ada Lovelace', actions: [] }),
      ]);
      // The page stayed where it was: nothing to open.
      expect(page.url()).toBe(`${server.url}/console/`);
    } finally {
      await context.close();
    }
  });

  it('shows a notice (a follow-up due) and opens its link on a click', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      await context.grantPermissions(['notifications'], { origin: server.url });
      const page = await context.newPage();
      await openControlledConsole(page, server.url);
      const cdp = await context.newCDPSession(page);
      const registrationId = await consoleRegistration(cdp, server.url);
      const worker = await consoleWorker(context, server.url);
      const actions = answerActions(context, 200, { ok: true, leadId: 'x' });
      await actions.ready;
      const notice = (tag: string, title: string) => ({ v: 1, kind: 'notice', tag, title, body: 'Call back now', url: '/console/#/leads/lead_9' });
      await pushUntil(cdp, server.url, registrationId, notice('followup:lead_9', 'Follow-up due: Grace Hopper'), showing(page, 'followup:lead_9'));
      await expect
        .poll(() => shownNotifications(page, 'followup:lead_9'))
        .toEqual([expect.objectContaining({ title: 'Follow-up due: Grace Hopper', actions: [] })]);
      await clickNotification(worker, 'followup:lead_9', '');
      await expect.poll(() => page.url()).toBe(`${server.url}/console/#/leads/lead_9`);
      // A notice for where the console already is: focused, nothing to navigate.
      await pushUntil(cdp, server.url, registrationId, notice('callback:lead_9', 'Callback due'), showing(page, 'callback:lead_9'));
      await clickNotification(worker, 'callback:lead_9', '');
      expect(await shownNotifications(page)).toEqual([]);
      expect(actions.received).toEqual([]);
    } finally {
      await context.close();
    }
  });
  it('hands over to a new console version’s worker at once: the old cache goes, offers still show', async () => {
    // The browser checks for a new worker itself (no page or worker request to route), so the
    // console is opened through a proxy of the server that can serve the next build's sw.js.
    const proxy = await proxyOf(server.url);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      await context.grantPermissions(['notifications'], { origin: proxy.url });
      const page = await context.newPage();
      // The sign-in page is a console page too: the worker registers and controls it.
      await page.goto(`${proxy.url}/console/`);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10_000 });
      const [cache] = await page.evaluate(() => caches.keys());
      const version = cache!.slice('sixty-console-'.length);
      // The next build: the same worker with another build id, as a new console version makes.
      const current = await (await fetch(`${server.url}/console/sw.js`)).text();
      expect(current).toContain(version);
      proxy.serve('/console/sw.js', current.replaceAll(version, 'abcdef012345'));
      await page.evaluate(() => {
        navigator.serviceWorker.addEventListener('controllerchange', () => ((window as unknown as { handedOver: boolean }).handedOver = true));
        return navigator.serviceWorker.ready.then((r) => r.update());
      });
      // Taken over without a reload or a closed tab (skipWaiting + clients.claim), its old cache deleted.
      await page.waitForFunction(() => (window as unknown as { handedOver?: boolean }).handedOver === true, null, { timeout: 10_000 });
      await expect.poll(() => page.evaluate(() => caches.keys())).toEqual(['sixty-console-abcdef012345']);
      const cdp = await context.newCDPSession(page);
      await pushUntil(cdp, proxy.url, await consoleRegistration(cdp, proxy.url), offer('after-update', 'token-new'), showing(page, 'offer:after-update'));
      await expect.poll(async () => (await shownNotifications(page, 'offer:after-update')).map((n) => n.actions)).toEqual([['Accept', 'Decline']]);
    } finally {
      await context.close();
      await proxy.close();
    }
  });
});
