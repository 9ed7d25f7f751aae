// A booked callback in real Chromium: nobody could take a visitor's call, so they booked a time;
// the rep of the team it will be offered to sees it under "Upcoming" with the visitor's time and
// their own, the supervisor view lists it, and when its time comes (a fake clock moved past it)
// it is offered to the rep like any hot lead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { HOST_ORIGIN, rows, startTestServer, type TestServer } from '../helpers/test-server';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { DESKTOP, PHONE, offerFor, postLead, setAvailable, settle, signIn, watch } from './rep-helpers';

let server: TestServer;
let browser: Browser;
/** The server's clock runs this far ahead of real time (moved to make the booked time come). */
let ahead = 0;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ offerTimeoutMs: 20_000, clock: () => Date.now() + ahead }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** "14:00" in a zone, as en-GB writes it: the part of a booked time both ends must agree on. */
const clock = (at: number, timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(at);

describe('booked callbacks', () => {
  it('shows the booking to the team under Upcoming in both local times, lists it for the supervisor, and offers it at its time', async () => {
    // The rep works from Berlin; the visitor is in New York.
    const context = await browser.newContext({ ...DESKTOP, timezoneId: 'Europe/Berlin', locale: 'en-GB' });
    const page = await context.newPage();
    const errors: string[] = [];
    await watch(page, errors);
    await signIn(page, server.url, 'dana@demo.sixty');

    // Nobody is available (Dana is signed in but away): the visitor is offered times and books one.
    const lead = (await postLead(server, 'Bea Booked', { timeZone: 'America/New_York' })) as {
      leadId: string;
      visitorToken: string;
      status: { state: string; slots: string[] };
    };
    expect(lead.status.state).toBe('no_rep');
    const slot = lead.status.slots[1]!;
    const booked = await fetch(`${server.url}/v1/callbacks/${lead.leadId}/slot`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: HOST_ORIGIN },
      body: JSON.stringify({ token: lead.visitorToken, slot }),
    });
    expect(booked.status).toBe(200);
    const at = Date.parse(slot);

    await page.getByRole('tab', { name: /Upcoming/ }).click();
    const item = page.getByRole('list', { name: 'Upcoming callbacks' }).locator('[data-upcoming-lead="Bea Booked"]');
    await item.waitFor({ timeout: 5000 });
    await expect.poll(() => item.locator('time').getAttribute('datetime')).toBe(new Date(at).toISOString());
    const theirs = await item.locator('.booked-theirs').innerText();
    const yours = await item.locator('.booked-yours').innerText();
    expect(theirs).toContain(clock(at, 'America/New_York'));
    expect(theirs).toMatch(/their time \(New York\)/);
    expect(yours).toContain(clock(at, 'Europe/Berlin'));
    expect(yours).toMatch(/your time/);
    // What they answered and why they are hot, before the call.
    const text = await item.innerText();
    expect(text).toContain('How many employees?');
    expect(text).toContain('51-200');
    expect(text).toContain('Asked for a callback');
    expect(text).toContain('Sales');
    await settle(page);
    await page.screenshot({ path: screenshotPath('rep-upcoming-1280') });
    await page.setViewportSize(PHONE.viewport);
    await settle(page);
    await page.locator('.worklists').screenshot({ path: screenshotPath('rep-upcoming-375') });
    await page.setViewportSize(DESKTOP.viewport);

    // The supervisor view lists it among the booked callbacks.
    const adminContext = await browser.newContext({ ...DESKTOP, timezoneId: 'Europe/Berlin', locale: 'en-GB' });
    const admin = await adminContext.newPage();
    await watch(admin, errors);
    await signIn(admin, server.url, 'admin@demo.sixty', '/queue');
    await admin.getByRole('button', { name: 'Supervisor' }).click();
    const bookedList = admin.getByRole('region', { name: 'Booked callbacks' });
    await bookedList.locator('[data-booked-lead="Bea Booked"]').waitFor({ timeout: 5000 });
    await expect.poll(() => bookedList.locator('[data-booked-lead="Bea Booked"]').innerText()).toMatch(/their time \(New York\)/);
    await admin.screenshot({ path: screenshotPath('rep-supervisor-booked-1280'), fullPage: true });

    // Available before the time: not offered early.
    await setAvailable(page);
    expect(await rows<{ routing: string }>(server, 'select routing from leads where id = ?', lead.leadId)).toEqual([{ routing: 'scheduled' }]);
    // The time comes: the work due then (what the sweeper acts on) offers it, as any hot lead.
    ahead = at - Date.now() + 1000;
    await server.deps.router.sweep();
    await offerFor(page, 'Bea Booked').waitFor({ timeout: 5000 });
    await expect.poll(() => item.count(), { timeout: 5000 }).toBe(0);

    expect(errors).toEqual([]);
    await Promise.all([context.close(), adminContext.close()]);
  });
});
