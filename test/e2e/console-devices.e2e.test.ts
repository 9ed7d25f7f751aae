// Alerts on this device (issue 22), from the rep's side in Chromium: the page is one click from
// the queue, asks for notification permission only on the click, subscribes with the server's
// VAPID key, saves the device under a name that defaults to the browser ("Chrome on Linux"),
// lists the rep's devices with this one marked, and removes them. Headless Chromium reaches no
// push service (its PushManager.subscribe never settles), so the test plays that service: the
// page's PushManager hands out a subscription the test made (its own P-256 key and auth secret).
// The devices API is built by the `pushsrv` branch of issue 22: until it is merged a stand-in
// of the contract's routes answers here and records what the console sent (STAND-IN below).
import { createECDH, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { axeRun } from '../helpers/page-watch';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { signIn } from './rep-helpers';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const VAPID_PUBLIC = createECDH('prime256v1');
VAPID_PUBLIC.generateKeys();
const publicKey = VAPID_PUBLIC.getPublicKey().toString('base64url');

/** The subscription the test's push service hands this browser. */
const browserKeys = createECDH('prime256v1');
browserKeys.generateKeys();
const subscription = {
  endpoint: 'https://push.test.example/send/device-1',
  keys: { p256dh: browserKeys.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
};

interface Device {
  id: string;
  name: string;
  createdAt: string;
  lastDeliveryAt: string | null;
  lastFailure: string | null;
}

/** STAND-IN for pushsrv's routes (the contract's shapes), with what the console sent. */
async function standInDevicesApi(context: BrowserContext, devices: Device[]) {
  const sent: { method: string; path: string; body: unknown }[] = [];
  let next = 1;
  await context.route(`${server.url}/v1/console/**`, async (route: Route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    const json = (status: number, body?: unknown) =>
      route.fulfill({ status, contentType: 'application/json', body: body === undefined ? '' : JSON.stringify(body) });
    if (path === '/v1/console/push/key') return json(200, { publicKey });
    if (!path.startsWith('/v1/console/devices')) return route.fallback();
    sent.push({ method: request.method(), path, body: request.postDataJSON() });
    if (request.method() === 'GET') return json(200, { devices });
    if (request.method() === 'POST') {
      const body = request.postDataJSON() as { name: string; subscription: typeof subscription };
      const device: Device = { id: `dev_${next++}`, name: body.name, createdAt: new Date().toISOString(), lastDeliveryAt: null, lastFailure: null };
      devices.push(device);
      return json(201, { device });
    }
    const at = devices.findIndex((d) => path === `/v1/console/devices/${d.id}`);
    if (request.method() === 'DELETE' && at >= 0) {
      devices.splice(at, 1);
      return route.fulfill({ status: 204 });
    }
    return json(404, { error: { code: 'not_found', message: 'No such device' } });
  });
  return sent;
}

/** The test as the browser's push service: PushManager gives out the test's subscription,
 * kept across reloads as a browser keeps its own. */
async function playPushService(context: BrowserContext) {
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

/**
 * From the queue, as a rep gets there: the bar's Device alerts link, shown in the bell's place
 * once notifications are allowed (`queueShots`: screenshots of the queue at 1280 and 375 px first).
 */
async function openDevicesPage(page: Page, queueShots = false) {
  await signIn(page, server.url, 'dana@demo.sixty');
  const link = page.getByRole('banner').getByRole('link', { name: 'Device alerts' });
  await link.waitFor();
  expect(await page.getByRole('button', { name: 'Enable notifications' }).count()).toBe(0);
  if (queueShots) {
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: width === 375 ? 740 : 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: screenshotPath(`console-queue-${width}`) });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  }
  await link.click();
  await page.getByRole('heading', { name: 'Alerts on this device', level: 1 }).waitFor();
}

/** Before notifications are allowed the bar shows the bell instead: the page by its address. */
async function openDevicesPageByAddress(page: Page) {
  await signIn(page, server.url, 'dana@demo.sixty');
  await page.getByRole('button', { name: 'Enable notifications' }).waitFor();
  expect(await page.getByRole('link', { name: 'Device alerts' }).count()).toBe(0);
  await page.goto(`${server.url}/console/devices`);
  await page.getByRole('heading', { name: 'Alerts on this device', level: 1 }).waitFor();
}

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

describe('alerts on this device', () => {
  it('turns on with a click, names the device after the browser, lists it as this device and removes devices', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      await context.grantPermissions(['notifications'], { origin: server.url });
      const phone: Device = { id: 'dev_phone', name: 'Pixel 8', createdAt: hoursAgo(30), lastDeliveryAt: hoursAgo(2), lastFailure: null };
      const tablet: Device = {
        id: 'dev_tablet',
        name: 'Old tablet',
        createdAt: hoursAgo(80),
        lastDeliveryAt: hoursAgo(50),
        lastFailure: 'Push service said 410 Gone',
      };
      const sent = await standInDevicesApi(context, [phone, tablet]);
      await playPushService(context);
      const page = await context.newPage();
      await openDevicesPage(page, true);

      const list = page.getByRole('list', { name: 'Your devices' });
      await list.getByRole('listitem', { name: 'Pixel 8' }).waitFor();
      await expect.poll(() => list.getByRole('listitem', { name: 'Old tablet' }).innerText()).toContain('Push service said 410 Gone');
      expect(await page.getByText('Alerts are off for this device.').count()).toBe(1);
      // The default name comes from the browser (the tests' Chrome on Linux User-Agent); the rep may change it.
      const name = page.getByLabel('Device name');
      expect(await name.inputValue()).toBe('Chrome on Linux');
      await name.fill('Work laptop');
      await page.getByRole('button', { name: 'Turn on alerts on this device' }).click();
      await page.getByText('Alerts are on for Work laptop.').waitFor();

      expect(sent.filter((s) => s.method === 'POST')).toEqual([{ method: 'POST', path: '/v1/console/devices', body: { name: 'Work laptop', subscription } }]);
      // Subscribed with the server's VAPID key.
      const usedKey = await page.evaluate(() => JSON.parse(localStorage.getItem('test.pushSubscription') ?? '[]') as number[]);
      expect(Buffer.from(usedKey).toString('base64url')).toBe(publicKey);
      const mine = list.getByRole('listitem', { name: 'Work laptop' });
      await mine.getByText('This device').waitFor();
      expect(await list.getByText('This device').count()).toBe(1);
      expect(await mine.innerText()).toContain('None yet');

      const { violations } = await axeRun(page);
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      await page.screenshot({ path: screenshotPath('console-devices-1280'), fullPage: true });
      await page.setViewportSize({ width: 375, height: 740 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await page.screenshot({ path: screenshotPath('console-devices-375'), fullPage: true });

      // Still this device after a reload.
      await page.reload();
      await list.getByRole('listitem', { name: 'Work laptop' }).getByText('This device').waitFor();
      expect(await page.getByRole('button', { name: 'Save name' }).count()).toBe(1);

      await list.getByRole('button', { name: 'Remove Old tablet' }).click();
      await page.getByText('Old tablet removed: it gets no more alerts.').waitFor();
      expect(sent.at(-1)).toMatchObject({ method: 'DELETE', path: '/v1/console/devices/dev_tablet' });

      // Removing this device also ends its subscription in the browser.
      await list.getByRole('button', { name: 'Remove Work laptop' }).click();
      await page.getByText('Work laptop removed: it gets no more alerts.').waitFor();
      await page.getByText('Alerts are off for this device.').waitFor();
      expect(await page.evaluate(() => localStorage.getItem('test.pushSubscription'))).toBeNull();
      expect(await list.getByRole('listitem').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('says so when the rep blocks notifications, and saves nothing', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    try {
      const sent = await standInDevicesApi(context, []);
      await playPushService(context);
      const page = await context.newPage();
      await openDevicesPageByAddress(page);
      await page.getByText('No devices yet').waitFor();
      // Headless Chromium answers the prompt with "denied", as a rep who blocks it would.
      await page.getByRole('button', { name: 'Turn on alerts on this device' }).click();
      await page.getByText('Notifications are blocked for Sixty in this browser.').waitFor();
      expect(await page.getByRole('button', { name: 'Turn on alerts on this device' }).count()).toBe(0);
      expect(sent.filter((s) => s.method !== 'GET')).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('explains what to do in a browser without the Push API', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    try {
      await standInDevicesApi(context, []);
      // As Safari on an iPhone outside a Home Screen app: no Push API, no notifications.
      await context.addInitScript(() => {
        delete (window as { PushManager?: unknown }).PushManager;
        delete (window as { Notification?: unknown }).Notification;
      });
      const page = await context.newPage();
      await openDevicesPage(page);
      await page.getByText('This browser cannot receive alerts while the console is closed.').waitFor();
      expect(await page.getByRole('button', { name: 'Turn on alerts on this device' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
