// Booking a meeting outside hours in real Chromium, on a customer's page: the visitor (in Tokyo)
// is offered only the times Dana is free for (her calendar is busy at 09:00 UTC), is told when the
// time they picked was just taken and picks another, and the confirmation names Dana, the time in
// the visitor's zone and offers the meeting to add to their calendar; at 1280 and 375 px. Dana
// sees the meeting under Upcoming with the visitor's answers, gets her calendar feed address, and
// the lead card's link from the invite opens the card. Screenshots: test/.artifacts/widget-booking-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { weeklyHours } from '../../server/routing/hours.core';
import { launchBrowser, screenshotPath, serveHostPage, type HostPage } from '../helpers/browser';
import { FakeCalendar } from '../helpers/fake-calendar';
import { watchPages, readWatch } from '../helpers/page-watch';
import { callbackBody, HOST_ORIGIN, postCallback, startTestServer, type TestServer } from '../helpers/test-server';
import { DESKTOP, PHONE, settle, signIn, watch } from './rep-helpers';

/** The next Monday, 07:00 UTC (16:00 in Tokyo, which keeps no daylight saving): Sales opens at 09:00 UTC. */
const DAY = 24 * 3600_000;
const today = Math.floor(Date.now() / DAY) * DAY;
const MONDAY_7 = today + ((8 - new Date(today).getUTCDay()) % 7 || 7) * DAY + 7 * 3600_000;
const at = (hhmm: string) => MONDAY_7 - 7 * 3600_000 + Date.parse(`1970-01-01T${hhmm}:00Z`);
/** "Mon, Dec 14": the meeting's day as the widget writes it. */
const DAY_TEXT = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Tokyo', weekday: 'short', month: 'short', day: 'numeric' }).format(MONDAY_7);

let server: TestServer;
let host: HostPage;
let browser: Browser;
const calendar = new FakeCalendar();

beforeAll(async () => {
  const started = Date.now();
  [server, browser] = await Promise.all([startTestServer({ clock: () => MONDAY_7 + (Date.now() - started), calendar }), launchBrowser()]);
  host = await serveHostPage('host-basic.html', server.url, server.siteKey);
  const dana = (await server.deps.store.userByEmail('dana@demo.sixty'))!;
  const [team] = await server.deps.store.teams(dana.workspaceId);
  await server.deps.store.updateTeam(team!.id, { hours: weeklyHours('UTC', [1, 2, 3, 4, 5], '09:00', '17:00') });
  await server.deps.store.setTeamMembers(team!.id, [{ repId: dana.id }]);
  calendar.busy.set(dana.id, [{ start: at('09:00'), end: at('09:30') }]);
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
  await server?.stop();
});

const text = (page: Page, selector: string) =>
  page
    .locator(selector)
    .innerText()
    .then((t) => t.replace(/\s+/g, ' ').trim());

async function askForCall(options: Parameters<Browser['newContext']>[0], phone: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Tokyo', ...options });
  await watchPages(context);
  const page = await context.newPage();
  await page.goto(host.origin);
  await page.getByRole('button', { name: 'Talk to sales in 60 seconds' }).click();
  const panel = page.getByRole('dialog', { name: 'Talk to sales' });
  await panel.getByLabel('Name', { exact: true }).fill('Kim Visitor');
  await panel.getByLabel('Phone', { exact: true }).fill(phone);
  for (const value of ['commercial', '51-200', 'decision']) await panel.locator(`input[type=radio][value="${value}"]`).check();
  await panel.getByRole('button', { name: 'Call me now' }).click();
  await panel.locator('[data-sixty-slots]').waitFor({ timeout: 5000 });
  return { context, page };
}

describe('a visitor books a meeting outside hours', () => {
  it('sees only free times, retries a taken one, and gets a confirmation naming the rep with add-to-calendar (1280 px)', async () => {
    const { context, page } = await askForCall(DESKTOP, '+1 415 555 0401');
    const slots = page.locator('[data-sixty-slot]');
    // 09:00 UTC is busy in Dana's calendar: the first time is 09:30 UTC, 6:30 PM in Tokyo.
    await expect.poll(() => slots.first().getAttribute('data-sixty-slot')).toBe(new Date(at('09:30')).toISOString());
    expect(await slots.first().innerText()).toBe('6:30 PM');
    await page.screenshot({ path: screenshotPath('widget-booking-times-1280') });

    // Another visitor books 09:30 first: the click is refused with fresh times, and says so.
    const other = await postCallback(server.url, callbackBody(server.siteKey, { phone: '+1 415 555 0499', email: 'other@example.com' }));
    const taken = await fetch(`${server.url}/v1/callbacks/${other.body.leadId}/slot`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: HOST_ORIGIN },
      body: JSON.stringify({ token: other.body.visitorToken, slot: new Date(at('09:30')).toISOString() }),
    });
    expect(taken.status).toBe(200);
    await slots.first().click();
    await expect.poll(() => text(page, '[data-sixty-booking-error]')).toBe('That time was just taken. Please pick another:');
    await expect.poll(() => slots.first().innerText()).toBe('7:00 PM');
    await settle(page);
    await page.screenshot({ path: screenshotPath('widget-booking-taken-1280') });

    await slots.first().click();
    await page.locator('[data-sixty-live="scheduled"]').waitFor({ timeout: 5000 });
    await expect.poll(() => text(page, '[data-sixty-status]')).toBe(`Dana Reyes will call you on ${DAY_TEXT}, 7:00 PM Japan Standard Time`);
    const add = page.getByRole('link', { name: 'Add to calendar' });
    const href = (await add.getAttribute('href'))!;
    // The file the link downloads is the meeting, in iCalendar.
    const ics = await (await fetch(href)).text();
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().getTime()).toBe(at('10:00'));
    expect(event.summary).toBe('Call with Dana Reyes (Acme website)');
    await settle(page);
    await page.screenshot({ path: screenshotPath('widget-booking-booked-1280') });
    expect((await readWatch(page)).errors).toEqual([]);
    await context.close();
  });

  it('books at 375 px too', async () => {
    const { context, page } = await askForCall(PHONE, '+1 415 555 0402');
    await page.screenshot({ path: screenshotPath('widget-booking-times-375') });
    const slot = page.locator('[data-sixty-slot]').first();
    const iso = (await slot.getAttribute('data-sixty-slot'))!;
    await slot.click();
    await page.locator('[data-sixty-live="scheduled"]').waitFor({ timeout: 5000 });
    await expect.poll(() => text(page, '[data-sixty-status]')).toMatch(/^Dana Reyes will call you on .* Japan Standard Time$/);
    await page.getByRole('link', { name: 'Add to calendar' }).waitFor();
    await settle(page);
    await page.screenshot({ path: screenshotPath('widget-booking-booked-375') });
    expect(Date.parse(iso)).toBeGreaterThan(at('10:00'));
    await context.close();
  });
});

describe('the rep', () => {
  it('sees the meetings booked with her under Upcoming, gets her calendar feed address, and the invite link opens the lead card', async () => {
    const context = await browser.newContext({ ...DESKTOP, timezoneId: 'Europe/Berlin', locale: 'en-GB' });
    const page = await context.newPage();
    const errors: string[] = [];
    await watch(page, errors);
    await signIn(page, server.url, 'dana@demo.sixty');
    await page.getByRole('tab', { name: /Upcoming/ }).click();
    const item = page.getByRole('list', { name: 'Upcoming callbacks' }).locator('[data-upcoming-lead="Kim Visitor"]').first();
    await item.waitFor({ timeout: 5000 });
    await expect.poll(() => item.locator('.meeting-with').innerText()).toBe('Meeting with you');
    const row = await item.innerText();
    expect(row).toContain('51-200');

    await page.getByRole('button', { name: 'Get my feed address' }).click();
    const address = page.getByRole('textbox', { name: 'Calendar feed address' });
    await expect.poll(() => address.inputValue()).toMatch(/\/feeds\/[\w-]+\.ics$/);
    const feed = await (await fetch(await address.inputValue())).text();
    expect(new ICAL.Component(ICAL.parse(feed)).getAllSubcomponents('vevent').length).toBe(3);
    await settle(page);
    await page.screenshot({ path: screenshotPath('widget-booking-rep-upcoming-1280') });
    await page.setViewportSize(PHONE.viewport);
    await settle(page);
    await page.locator('.worklists').screenshot({ path: screenshotPath('widget-booking-rep-upcoming-375') });

    // The lead card link in the invite and the calendar event.
    const leadId = (await server.deps.store.upcomingMeetings((await server.deps.store.userByEmail('dana@demo.sixty'))!.id, MONDAY_7, 10))[0]!.leadId;
    await page.setViewportSize(DESKTOP.viewport);
    await page.goto(`${server.url}/console/?lead=${leadId}`);
    await expect.poll(() => page.locator(`[data-lead-id="${leadId}"]`).innerText(), { timeout: 5000 }).toContain('Pat Lee');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("the visitor's page from the invite", () => {
  it('moves the meeting, then cancels it, at 1280 and 375 px', async () => {
    const dana = (await server.deps.store.userByEmail('dana@demo.sixty'))!;
    const booking = (await server.deps.store.upcomingMeetings(dana.id, MONDAY_7, 10)).at(-1)!;
    for (const [size, options] of [
      ['1280', DESKTOP],
      ['375', PHONE],
    ] as const) {
      const context = await browser.newContext({ locale: 'en-US', ...options });
      const page = await context.newPage();
      const current = (await server.deps.store.bookingById(booking.id))!;
      await page.goto(server.deps.meetings.manageUrl(current, server.url));
      await expect.poll(() => page.locator('h1').first().innerText()).toBe('Your call with Dana Reyes');
      await page.screenshot({ path: screenshotPath(`widget-booking-manage-${size}`), fullPage: true });
      const target = page.locator('button[name=slot]').first();
      const slot = (await target.getAttribute('value'))!;
      await target.click();
      await expect.poll(() => page.locator('h1').first().innerText()).toBe('Moved: your call with Dana Reyes');
      expect((await server.deps.store.bookingById(booking.id))!.start).toBe(Date.parse(slot));
      await context.close();
    }
    const context = await browser.newContext({ locale: 'en-US', ...PHONE });
    const page = await context.newPage();
    await page.goto(server.deps.meetings.manageUrl((await server.deps.store.bookingById(booking.id))!, server.url));
    await page.getByRole('button', { name: 'Cancel the call' }).click();
    await expect.poll(() => page.locator('h1').first().innerText()).toBe('Your call is cancelled');
    await page.screenshot({ path: screenshotPath('widget-booking-cancelled-375') });
    expect((await server.deps.store.bookingById(booking.id))!.status).toBe('cancelled');
    await context.close();
  });
});
