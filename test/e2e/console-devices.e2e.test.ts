// Alerts on this device (issue 22), from the rep's side in Chromium: the page is one click from
// the queue, asks for notification permission only on the click, subscribes with the server's
// VAPID key, saves the device under a name that defaults to the browser ("Chrome on Linux"),
// lists the rep's devices with this one marked, and removes them. Headless Chromium reaches no
// push service (its PushManager.subscribe never settles), so the test plays that service: the
// page's PushManager hands out a subscription the test made (its own P-256 key and auth secret),
// and the real devices API stores it.
import { createECDH, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { axeRun } from '../helpers/page-watch';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { signIn } from './rep-helpers';
import { playPushService } from './console-app.helpers';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The subscription the test's push service hands this browser. */
const browserKeys = createECDH('prime256v1');
browserKeys.generateKeys();
const subscription = {
  endpoint: 'https://push.test.example/send/device-1',
  keys: { p256dh: browserKeys.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
};

/** The console's writes to the devices API, as sent. */
function devicesWrites(page: Page) {
  const sent: { method: string; path: string; body: unknown }[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/v1/console/devices') && request.method() !== 'GET') sent.push({ method: request.method(), path, body: request.postDataJSON() });
  });
  return sent;
}

async function userId(email: string): Promise<string> {
  return (await server.deps.store.userByEmail(email))!.id;
}

/** A device a rep turned alerts on for earlier, on another phone or computer. */
async function earlierDevice(email: string, name: string, ageHours: number, last: { deliveredHoursAgo?: number; failure?: string }) {
  const user = (await server.deps.store.userByEmail(email))!;
  const keys = createECDH('prime256v1');
  keys.generateKeys();
  const { device } = await server.deps.push.saveDevice(
    {
      userId: user.id,
      workspaceId: user.workspaceId,
      name,
      endpoint: `https://push.test.example/send/${encodeURIComponent(name)}`,
      p256dh: keys.getPublicKey().toString('base64url'),
      auth: randomBytes(16).toString('base64url'),
    },
    Date.now() - ageHours * 3_600_000,
  );
  if (last.deliveredHoursAgo !== undefined) await server.deps.push.deliveryOk(device.id, Date.now() - last.deliveredHoursAgo * 3_600_000);
  if (last.failure) await server.deps.push.deliveryFailed(device.id, last.failure);
  return device;
}

/**
 * From the queue, as a rep gets there: the bar's Device alerts link, shown in the bell's place
 * once notifications are allowed (`queueShots`: screenshots of the queue at 1280 and 375 px first).
 */
async function openDevicesPage(page: Page, queueShots = false, email = 'dana@demo.sixty') {
  await signIn(page, server.url, email);
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
async function openDevicesPageByAddress(page: Page, email: string) {
  await signIn(page, server.url, email);
  await page.getByRole('button', { name: 'Enable notifications' }).waitFor();
  expect(await page.getByRole('link', { name: 'Device alerts' }).count()).toBe(0);
  await page.goto(`${server.url}/console/devices`);
  await page.getByRole('heading', { name: 'Alerts on this device', level: 1 }).waitFor();
}

describe('alerts on this device', () => {
  it('turns on with a click, names the device after the browser, lists it as this device and removes devices', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      await context.grantPermissions(['notifications'], { origin: server.url });
      await earlierDevice('dana@demo.sixty', 'Pixel 8', 30, { deliveredHoursAgo: 2 });
      const tablet = await earlierDevice('dana@demo.sixty', 'Old tablet', 80, { deliveredHoursAgo: 50, failure: 'Push service said 429 Too Many Requests' });
      await playPushService(context, subscription);
      const page = await context.newPage();
      const sent = devicesWrites(page);
      await openDevicesPage(page, true);

      const list = page.getByRole('list', { name: 'Your devices' });
      await list.getByRole('listitem', { name: 'Pixel 8' }).waitFor();
      await expect.poll(() => list.getByRole('listitem', { name: 'Old tablet' }).innerText()).toContain('Push service said 429 Too Many Requests');
      expect(await page.getByText('Alerts are off for this device.').count()).toBe(1);
      // The default name comes from the browser (the tests' Chrome on Linux User-Agent); the rep may change it.
      const name = page.getByLabel('Device name');
      expect(await name.inputValue()).toBe('Chrome on Linux');
      await name.fill('Work laptop');
      await page.getByRole('button', { name: 'Turn on alerts on this device' }).click();
      await page.getByText('Alerts are on for Work laptop.').waitFor();

      expect(sent).toEqual([{ method: 'POST', path: '/v1/console/devices', body: { name: 'Work laptop', subscription } }]);
      // Subscribed with the server's VAPID key, and stored by the server as this rep's device.
      const usedKey = await page.evaluate(() => JSON.parse(localStorage.getItem('test.pushSubscription') ?? '[]') as number[]);
      expect(Buffer.from(usedKey).toString('base64url')).toBe(server.deps.vapidPublicKey);
      const stored = (await server.deps.push.devicesOf(await userId('dana@demo.sixty'))).find((d) => d.name === 'Work laptop');
      expect(stored).toMatchObject({ endpoint: subscription.endpoint, p256dh: subscription.keys.p256dh, auth: subscription.keys.auth });
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
      expect(sent.at(-1)).toMatchObject({ method: 'DELETE', path: `/v1/console/devices/${tablet.id}` });

      // Removing this device also ends its subscription in the browser.
      await list.getByRole('button', { name: 'Remove Work laptop' }).click();
      await page.getByText('Work laptop removed: it gets no more alerts.').waitFor();
      await page.getByText('Alerts are off for this device.').waitFor();
      expect(await page.evaluate(() => localStorage.getItem('test.pushSubscription'))).toBeNull();
      expect(await list.getByRole('listitem').count()).toBe(1);
      expect((await server.deps.push.devicesOf(await userId('dana@demo.sixty'))).map((d) => d.name)).toEqual(['Pixel 8']);
    } finally {
      await context.close();
    }
  });

  it('ends this browser’s alerts when the rep signs out, and keeps their other devices', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      await context.grantPermissions(['notifications'], { origin: server.url });
      await earlierDevice('dana@demo.sixty', 'Phone at home', 5, {});
      const before = (await server.deps.push.devicesOf(await userId('dana@demo.sixty'))).map((d) => d.name);
      await playPushService(context, subscription);
      const page = await context.newPage();
      const sent = devicesWrites(page);
      await openDevicesPage(page);
      await page.getByRole('button', { name: 'Turn on alerts on this device' }).click();
      await page.getByText('Alerts are on for Chrome on Linux.').waitFor();
      const saved = (await server.deps.push.devicesOf(await userId('dana@demo.sixty'))).find((d) => d.name === 'Chrome on Linux')!;

      // A shared computer: the next person to use it must not get this rep's hot leads.
      await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Email').waitFor();
      expect(sent.at(-1)).toMatchObject({ method: 'DELETE', path: `/v1/console/devices/${saved.id}` });
      expect(await page.evaluate(() => localStorage.getItem('test.pushSubscription'))).toBeNull();
      expect(await page.evaluate(() => localStorage.getItem('sixty.pushDevice'))).toBeNull();
      expect((await server.deps.push.devicesOf(await userId('dana@demo.sixty'))).map((d) => d.name)).toEqual(before);
      expect(before).toContain('Phone at home');
    } finally {
      await context.close();
    }
  });

  it('says so when the rep blocks notifications, and saves nothing', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    try {
      await playPushService(context, subscription);
      const page = await context.newPage();
      const sent = devicesWrites(page);
      await openDevicesPageByAddress(page, 'sam@demo.sixty');
      await page.getByText('No devices yet').waitFor();
      // Headless Chromium answers the prompt with "denied", as a rep who blocks it would.
      await page.getByRole('button', { name: 'Turn on alerts on this device' }).click();
      await page.getByText('Notifications are blocked for Sixty in this browser.').waitFor();
      expect(await page.getByRole('button', { name: 'Turn on alerts on this device' }).count()).toBe(0);
      expect(sent).toEqual([]);
      expect(await server.deps.push.devicesOf(await userId('sam@demo.sixty'))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('explains what to do in a browser without the Push API', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    try {
      // As Safari on an iPhone outside a Home Screen app: no Push API, no notifications.
      await context.addInitScript(() => {
        delete (window as { PushManager?: unknown }).PushManager;
        delete (window as { Notification?: unknown }).Notification;
      });
      const page = await context.newPage();
      await openDevicesPage(page, false, 'sam@demo.sixty');
      await page.getByText('This browser cannot receive alerts while the console is closed.').waitFor();
      expect(await page.getByRole('button', { name: 'Turn on alerts on this device' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
