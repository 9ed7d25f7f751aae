// A rep connects their own calendar in the console, against a real CalDAV server (Radicale on
// loopback, allowed by SIXTY_FETCH_ALLOW): a refused password shows on its field, several
// calendars ask for a pick, the connected one shows, an unreachable server shows as such (with
// the time since) on the Calendar page and the queue, and disconnecting removes it. Screenshots at 1280 and 375 px.
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { makeCalendar } from '../helpers/caldav-seed';
import { startRadicale, type Radicale } from '../helpers/radicale';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { collectErrors, openSignedIn, shoot } from './console-admin.helpers';

const PASSWORD = `app-pw-${randomBytes(6).toString('hex')}`;

let radicale: Radicale;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  radicale = await startRadicale([{ name: 'dana', password: PASSWORD }]);
  const dana = { url: radicale.url, username: 'dana', password: PASSWORD };
  await makeCalendar(dana, 'work', { displayName: 'Work', timeZone: 'Europe/Berlin' });
  await makeCalendar(dana, 'family', { displayName: 'Family' });
  [server, browser] = await Promise.all([startTestServer({ fetchAllow: ['127.0.0.1'], calendarKey: randomBytes(32) }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await radicale?.close();
});

async function fillLogin(page: Page, password: string) {
  await page.getByLabel('Server address').fill(radicale.url);
  await page.getByLabel('Username').fill('dana');
  await page.getByLabel('App password').fill(password);
}

describe('the Calendar page', () => {
  it('connects a rep’s CalDAV calendar, shows when it is unreachable, and disconnects it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const errors = collectErrors(page);
    await openSignedIn(page, server.url, '/', 'dana@demo.sixty');
    await page.locator('[data-connection="live"]').waitFor();
    // A rep has no page links, but their own Calendar is in the bar.
    await page.getByRole('banner').getByRole('link', { name: 'Calendar' }).click();
    await page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();

    await fillLogin(page, 'not-the-password');
    await page.getByRole('button', { name: 'Find my calendars' }).click();
    await expect.poll(() => page.locator('#password-error').textContent()).toBe('The server refused this username and app password');

    await page.getByLabel('App password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Find my calendars' }).click();
    await page.getByRole('group', { name: 'Which calendar?' }).waitFor();
    await page.getByLabel('Work').check();
    await shoot(page, 'calendar-pick');
    await page.getByRole('button', { name: 'Connect this calendar' }).click();
    await page.getByText('Connected: Work.').waitFor();
    await expect.poll(() => page.locator('.calendar-name').textContent()).toBe('Work Connected');
    // The password is nowhere on the page once connected.
    expect(await page.content()).not.toContain(PASSWORD);
    await shoot(page, 'calendar-connected');

    await radicale.stop();
    try {
      await page.getByRole('button', { name: 'Test connection' }).click();
      await page.getByText(/^Calendar unreachable since /).waitFor();
      await page.getByText('Could not connect to the calendar server.').waitFor();
      await shoot(page, 'calendar-down');
      // The queue, where the rep works, says so too.
      await page.locator('.console-brand').click();
      await page.getByText(/^Your calendar is unreachable since /).waitFor();
      await shoot(page, 'calendar-down-queue');
      await page.getByRole('link', { name: 'Check your calendar' }).click();
      await page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
    } finally {
      await radicale.start();
    }
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Connection works: your calendar was read just now.').waitFor();
    await expect.poll(() => page.getByText(/^Calendar unreachable/).count()).toBe(0);

    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disconnect' }).click();
    await page.getByText('Calendar disconnected.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Find my calendars' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
    // Radicale stops and starts in it, and it walks five screens with screenshots at two widths.
  }, 60_000);
});
