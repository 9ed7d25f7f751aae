// Behaviour tracking end to end against a REAL Sixty server (no interception), on a fixture site
// of another origin: a visitor identified through `sixty('identify', ...)` with a phone and traits
// that pass the demo site's must-haves views the pricing page twice and is offered to a rep as a
// hot lead without ever opening the widget; an anonymous visitor who crosses the hot threshold
// gets the invitation on the launcher, with the rep's first name.
// The bot filter stays on: the browser presents a desktop Chrome User-Agent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { OfferView } from '../../shared/api';
import { BROWSER_UA } from '../helpers/events';
import { connected, repSocket, signIn, startTestServer, type RepClient, type TestServer } from '../helpers/test-server';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { serveFixtures, type FixtureSite } from '../helpers/fixture-site';
import { readWatch, watchPages } from '../helpers/page-watch';

let server: TestServer;
let site: FixtureSite;
let browser: Browser;
let reps: RepClient[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  site = await serveFixtures(server.url, server.siteKey);
  // Both demo reps signed in and available, as the console would have them.
  reps = await Promise.all(
    ['dana@demo.sixty', 'sam@demo.sixty'].map(async (email) => {
      const socket = repSocket(server.url, await signIn(server.url, email));
      await connected(socket);
      await socket.emitWithAck('presence:set', 'available');
      return socket;
    }),
  );
});
afterAll(async () => {
  for (const rep of reps) rep.close();
  await browser?.close();
  await site?.close();
  await server?.stop();
});

/** The first offer, to any rep, for the lead with this phone; offers for other leads are accepted. */
function offerForPhone(phone: string, ms: number): Promise<OfferView> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no offer for ${phone} within ${ms} ms`)), ms);
    for (const rep of reps)
      rep.on('offer:new', (offer) => {
        if (offer.lead.phone !== phone) return void rep.emitWithAck('offer:accept', { offerId: offer.offerId });
        clearTimeout(timer);
        resolve(offer);
      });
  });
}

describe('behaviour turns into a hot lead, live', () => {
  it('routes an identified visitor who views pricing twice to a rep as hot, without the widget being opened', async () => {
    const context = await browser.newContext({ userAgent: BROWSER_UA });
    await watchPages(context);
    const page = await context.newPage();
    const offered = offerForPhone('+14155550142', 15_000);

    await page.goto(site.url('guest-spa'));
    await page.getByRole('button', { name: 'Talk to sales in 60 seconds' }).waitFor({ timeout: 5000 });
    // Traits named like the demo site's must-have questions answer them.
    await page.evaluate(() =>
      (window as unknown as { sixty(...args: unknown[]): void }).sixty('identify', {
        phone: '+1 415 555 0142',
        name: 'Ida Identified',
        projects: 'commercial',
        size: '201+',
        role: 'decision',
      }),
    );
    // Pricing twice, by single-page-app navigation.
    for (const route of ['Pricing', 'Features', 'Pricing']) {
      await page.getByRole('link', { name: route }).click();
      await page.waitForTimeout(300);
    }

    const offer = await offered;
    expect(offer.lead).toMatchObject({ name: 'Ida Identified', stage: 'hot', qualification: { fit: { status: 'passes' }, hot: true } });
    expect(offer.lead.qualification.reasons.map((r) => r.text)).toContainEqual(expect.stringMatching(/pricing page x2/i));
    // The visitor never opened the widget.
    expect(await page.getByRole('dialog').count()).toBe(0);
    const watch = await readWatch(page);
    expect([...watch.errors, ...watch.rejections]).toEqual([]);
    await context.close();
  });

  it('invites an anonymous visitor who crosses the hot threshold, by the rep’s first name', async () => {
    const context = await browser.newContext({ userAgent: BROWSER_UA });
    await watchPages(context);
    const page = await context.newPage();
    await page.goto(site.url('guest-spa'));
    await page.getByRole('button', { name: 'Talk to sales in 60 seconds' }).waitFor({ timeout: 5000 });
    // Four views of pricing (+15 each) and a few other pages (+1 each): past 60, with fit unknown.
    // Spaced out: more than four page views within a second is a bot to the server.
    for (const route of ['Pricing', 'Features', 'Pricing', 'Features', 'Pricing', 'Features', 'Pricing']) {
      await page.getByRole('link', { name: route }).click();
      await page.waitForTimeout(300);
    }
    const invitation = page.getByRole('button', { name: /^Questions\? (Dana|Sam) can call you in under a minute$/ });
    await invitation.waitFor({ timeout: 8000 });
    await page.screenshot({ path: screenshotPath('widget-invite-live-desktop') });
    // The same news for screen readers, once.
    expect(await page.evaluate(() => document.querySelector('[data-sixty-widget]')!.shadowRoot!.querySelector('[role=status]')!.textContent)).toMatch(
      /^Questions\?/,
    );

    // Accepting opens the panel with the must-have questions.
    await invitation.click();
    const panel = page.getByRole('dialog', { name: 'Talk to sales' });
    await panel.getByText('How many employees?').waitFor({ timeout: 5000 });
    const watch = await readWatch(page);
    expect([...watch.errors, ...watch.rejections]).toEqual([]);
    await context.close();
  });
});
