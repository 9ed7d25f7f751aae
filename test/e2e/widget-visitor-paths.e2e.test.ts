// Where a visitor ends up when nobody can call them now (issue 16, item 1), seen in a real browser
// on a customer's page (another origin): queued and busy say different things; a closed team says
// when it opens and offers times, both in the visitor's own zone (Tokyo, for a New York team) and
// naming it; the booking is confirmed with the zone; the header's 60-second promise gives way once
// it no longer holds; a disqualified visitor gets the site's own ending and link, set by an admin
// through the API. The server runs on a clock set to Sunday 03:00 in New York, moving on in real
// time, so the closed screen reads the same at any real hour. Screenshots of the closed, booked
// and ending screens at 1280 and 375 px go to test/.artifacts/widget-visitor-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { connected, repSocket, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { launchBrowser, screenshotPath, serveHostPage, type HostPage } from '../helpers/browser';
import { expectNoAxeViolations, readWatch, watchPages } from '../helpers/page-watch';

/** Sunday 2026-12-13 03:00 in New York (08:00 UTC): Monday 09:00 there is Monday 23:00 in Tokyo. */
const SUNDAY_NIGHT_NY = Date.parse('2026-12-13T08:00:00Z');
const NY_WEEKDAYS = { timeZone: 'America/New_York', weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:00' })), holidays: [] };
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };
const PROMISE = 'Acme website will call you back within 60 seconds.';

let server: TestServer;
let host: HostPage;
let browser: Browser;
let admin: string;
let siteId: string;
let teamId: string;

beforeAll(async () => {
  const started = Date.now();
  [server, browser] = await Promise.all([startTestServer({ clock: () => SUNDAY_NIGHT_NY + (Date.now() - started), offerTimeoutMs: 60_000 }), launchBrowser()]);
  host = await serveHostPage('host-basic.html', server.url, server.siteKey);
  admin = await signIn(server.url, 'admin@demo.sixty');
  const workspaceId = (await server.deps.store.userByEmail('admin@demo.sixty'))!.workspaceId;
  siteId = (await server.deps.store.sitesOfWorkspace(workspaceId))[0]!.id;
  teamId = (await server.deps.store.teams(workspaceId))[0]!.id;
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
  await server?.stop();
});

/** What an admin does through the console's API. */
async function asAdmin(method: string, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json', cookie: admin }, body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(200);
}

interface Visit {
  context: BrowserContext;
  page: Page;
  panel: Locator;
  status: Locator;
  header: Locator;
}

/** A fresh visitor asks for a call with these answers (projects, size, role). */
async function askForCall(options: Parameters<Browser['newContext']>[0], phone: string, answers = ['commercial', '51-200', 'decision']): Promise<Visit> {
  const context = await browser.newContext({ locale: 'en-US', ...options });
  await watchPages(context);
  const page = await context.newPage();
  await page.goto(host.origin);
  await page.getByRole('button', { name: 'Talk to sales in 60 seconds' }).click();
  const panel = page.getByRole('dialog', { name: 'Talk to sales' });
  await panel.getByLabel('Name', { exact: true }).fill('Kei Visitor');
  await panel.getByLabel('Phone', { exact: true }).fill(phone);
  for (const value of answers) await panel.locator(`input[type=radio][value="${value}"]`).check();
  const header = panel.locator('header p');
  await expect.poll(() => header.innerText()).toBe(PROMISE);
  await panel.getByRole('button', { name: 'Call me now' }).click();
  return { context, page, panel, status: panel.locator('[data-sixty-status]'), header };
}

const text = (el: Locator) => el.innerText().then((t) => t.replace(/\s+/g, ' ').trim());

describe('when the team is open but nobody can take the call', () => {
  it('tells queued (nobody on) from busy (the rep who is on is occupied), and neither keeps the 60-second promise', async () => {
    const queued = await askForCall(DESKTOP, '+1 415 555 0101');
    await queued.panel.locator('[data-sixty-live="no_rep"]').waitFor({ timeout: 5000 });
    await expect.poll(() => text(queued.status)).toBe("You're in the queue. We'll call you as soon as someone is free. Or pick a time for us to call you:");
    await expect.poll(() => text(queued.header)).toBe('Acme website will call you as soon as someone is free.');

    // Dana comes on: the queued visitor is offered to her at once and sees the countdown again, and who is asked.
    const dana = repSocket(server.url, await signIn(server.url, 'dana@demo.sixty'));
    try {
      await connected(dana);
      await dana.emitWithAck('presence:set', 'available');
      await expect.poll(() => text(queued.status), { timeout: 5000 }).toBe('Finding someone for you… Asking Dana…');
      await expect.poll(() => text(queued.header)).toBe(PROMISE);

      // Her one offer slot is taken: the next visitor hears that everyone is busy.
      const busy = await askForCall(DESKTOP, '+1 415 555 0102');
      await expect
        .poll(() => text(busy.status), { timeout: 5000 })
        .toBe("Everyone is busy right now. We'll call you as soon as someone is free. Or pick a time for us to call you:");
      await expect.poll(() => text(busy.header)).toBe('Acme website will call you as soon as someone is free.');
      expect((await readWatch(busy.page)).errors).toEqual([]);
      await busy.context.close();
    } finally {
      dana.close();
    }
    await queued.context.close();
  });
});

describe('when the team is closed', () => {
  beforeAll(() => asAdmin('PUT', `/v1/console/teams/${teamId}`, { name: 'Sales', hours: NY_WEEKDAYS }));

  for (const [size, options] of [
    ['1280', DESKTOP],
    ['375', PHONE],
  ] as const) {
    it(`says when it opens and offers times in the visitor's zone, named; the booking names it too (${size} px)`, async () => {
      // A visitor in Tokyo; the team works 9 to 5 in New York.
      const visit = await askForCall({ ...options, timezoneId: 'Asia/Tokyo' }, `+1 415 555 02${size.slice(0, 2)}`);
      const { panel, status, header, page } = visit;
      await panel.locator('[data-sixty-live="no_rep"]').waitFor({ timeout: 5000 });
      await expect
        .poll(() => text(status))
        .toBe("We're closed right now. We open Mon, Dec 14, 11:00 PM Japan Standard Time. Or pick a time for us to call you:");
      await expect.poll(() => text(header)).toBe('Acme website is closed right now.');
      expect(await text(panel.locator('[data-sixty-zone]'))).toBe('Times in Japan Standard Time');
      // New York's Monday 9:00 to 11:30 AM, as Tokyo sees it: the evening, then past midnight.
      const days = await panel
        .locator('[data-sixty-slots] [role=group]')
        .evaluateAll((groups) => groups.map((g) => [g.querySelector('.slot-day')!.textContent, ...[...g.querySelectorAll('.slot')].map((b) => b.textContent)]));
      expect(days).toEqual([
        ['Monday, Dec 14', '11:00 PM', '11:30 PM'],
        ['Tuesday, Dec 15', '12:00 AM', '12:30 AM', '1:00 AM', '1:30 AM'],
      ]);
      await expectNoAxeViolations(page, 'closed');
      await page.screenshot({ path: screenshotPath(`widget-visitor-closed-${size}`) });

      await panel.getByRole('button', { name: '11:00 PM' }).click();
      await panel.locator('[data-sixty-live="scheduled"]').waitFor({ timeout: 5000 });
      // A meeting with one of the team's reps, named, at the time in the visitor's zone.
      await expect.poll(() => text(status)).toMatch(/^(Dana Reyes|Sam Okafor) will call you on Mon, Dec 14, 11:00 PM Japan Standard Time$/);
      await expect.poll(() => panel.getByRole('link', { name: 'Add to calendar' }).getAttribute('href')).toContain('/meeting.ics?token=');
      await expect.poll(() => text(header)).toBe('Acme website will call you at the time you picked.');
      await page.screenshot({ path: screenshotPath(`widget-visitor-booked-${size}`) });
      expect((await readWatch(page)).errors).toEqual([]);
      await visit.context.close();
    });
  }
});

describe('when the visitor is ruled out', () => {
  it("shows the site's own courteous ending and link, set by an admin, never 'your request is closed'", async () => {
    await asAdmin('PUT', `/v1/console/sites/${siteId}/appearance`, {
      accentColor: '#1746d1',
      position: 'right',
      zIndex: 10000,
      texts: {
        en: { ended: 'Thanks! We only equip commercial kitchens, so we will not call, but our home-cook guide may help.', endedLink: 'Read the guide' },
      },
      endingUrl: 'https://acme.example/home-cooks',
    });
    for (const [size, options] of [
      ['1280', DESKTOP],
      ['375', PHONE],
    ] as const) {
      // "Residential only" rules the lead out.
      const { context, page, panel, status, header } = await askForCall(options, `+1 415 555 03${size.slice(0, 2)}`, ['residential', '1-10', 'decision']);
      await panel.locator('[data-sixty-live="ended"]').waitFor({ timeout: 5000 });
      expect(await text(status)).toBe('Thanks! We only equip commercial kitchens, so we will not call, but our home-cook guide may help.');
      const link = panel.getByRole('link', { name: 'Read the guide' });
      await expect.poll(() => link.getAttribute('href')).toBe('https://acme.example/home-cooks');
      await expect.poll(() => link.getAttribute('rel')).toBe('noopener noreferrer');
      await expect.poll(() => text(header)).toBe('Thanks for reaching out to Acme website.');
      expect(await text(panel)).not.toMatch(/closed|we'll call/i);
      if (size === '1280') await expectNoAxeViolations(page, 'ended');
      await page.screenshot({ path: screenshotPath(`widget-visitor-ended-${size}`) });
      await context.close();
    }
  });
});
