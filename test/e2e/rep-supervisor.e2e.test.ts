// The supervisor view in real Chromium: an admin sees who is online and in what state, the open
// offer with its timer and the waiting queue, and force-offers a waiting lead to a rep.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { DESKTOP, PHONE, offerFor, openRep, postLead, signIn, watch } from './rep-helpers';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // Offers stay open long enough for the view (polled every 2 s) to be looked at calmly.
  [server, browser] = await Promise.all([startTestServer({ offerTimeoutMs: 15_000 }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('supervisor view', () => {
  it('shows reps, the open offer and the waiting queue, and force-offers a waiting lead', async () => {
    const dana = await openRep(browser, server.url, 'dana@demo.sixty');
    const sam = await openRep(browser, server.url, 'sam@demo.sixty', PHONE);
    await sam.page.getByRole('button', { name: 'Away', exact: true }).click();
    await sam.page.waitForFunction(() => document.querySelector('.presence-away')?.getAttribute('aria-pressed') === 'true');
    // Reps have no supervisor view.
    expect(await dana.page.getByRole('button', { name: 'Supervisor' }).count()).toBe(0);

    await postLead(server, 'Olga Offered');
    await offerFor(dana.page, 'Olga Offered').waitFor({ timeout: 5000 });
    // Dana holds an open offer (one at a time) and Sam is away: the next lead waits.
    await postLead(server, 'Walt Waiting');

    const context = await browser.newContext(DESKTOP);
    const admin = await context.newPage();
    const errors: string[] = [];
    await watch(admin, errors);
    await signIn(admin, server.url, 'admin@demo.sixty', '/queue');
    await admin.getByRole('button', { name: 'Supervisor' }).click();
    const reps = admin.getByRole('region', { name: 'Reps' });
    await reps.getByRole('rowheader', { name: 'Dana Reyes' }).waitFor({ timeout: 5000 });
    await expect.poll(() => reps.locator('tr[data-rep="Sam Okafor"]').innerText()).toContain('Away');
    await expect.poll(() => reps.locator('tr[data-rep="Dana Reyes"]').innerText()).toMatch(/Busy|Available/);
    const offers = admin.getByRole('region', { name: 'Open offers' });
    await offers.locator('[data-offer-lead="Olga Offered"]').waitFor({ timeout: 5000 });
    await expect.poll(() => offers.locator('[data-offer-lead="Olga Offered"]').innerText()).toContain('Dana Reyes');
    expect(await offers.getByRole('timer').count()).toBe(1);
    const waiting = admin.getByRole('region', { name: 'Waiting queue' });
    await waiting.locator('[data-waiting-lead="Walt Waiting"]').waitFor({ timeout: 5000 });
    await admin.waitForTimeout(300);
    await admin.screenshot({ path: screenshotPath('rep-supervisor-1280'), fullPage: true });

    // Force-offer the waiting lead to Sam, though he is away: it reaches his screen.
    const row = waiting.locator('[data-waiting-lead="Walt Waiting"]');
    await row.getByLabel('Rep for Walt Waiting').selectOption({ label: 'Sam Okafor (away)' });
    // Nobody owns it yet, so it cannot be reassigned: the server says so.
    await row.getByRole('button', { name: 'Reassign' }).click();
    await row.getByText(/offer it instead/i).waitFor({ timeout: 5000 });
    await row.getByRole('button', { name: 'Offer', exact: true }).click();
    await offerFor(sam.page, 'Walt Waiting').waitFor({ timeout: 5000 });
    await offers.locator('[data-offer-lead="Walt Waiting"]').waitFor({ timeout: 5000 });

    await admin.setViewportSize(PHONE.viewport);
    await admin.waitForTimeout(300);
    await admin.screenshot({ path: screenshotPath('rep-supervisor-375'), fullPage: true });
    await sam.page.screenshot({ path: screenshotPath('rep-forced-offer-375') });

    expect([...errors, ...dana.errors, ...sam.errors]).toEqual([]);
    await Promise.all([context.close(), dana.context.close(), sam.context.close()]);
  });
});
