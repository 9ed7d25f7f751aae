// Everything a visitor typed, and the URL, referrer, UTM values and traits their browser sent,
// is rendered as text: a corpus of XSS payloads through every field executes nothing in the
// rep's queue, the lead card, the supervisor view or the numbers page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { BROWSER_UA, postEvents } from '../helpers/events';
import { HOST_ORIGIN, callbackBody, postCallback, startTestServer, type TestServer } from '../helpers/test-server';
import { DESKTOP, signIn, setAvailable, watch } from './rep-helpers';

const CORPUS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '"><svg onload="window.__xss=1">',
  'javascript:window.__xss=1',
  '<iframe srcdoc="<script>parent.__xss=1</script>">',
  '{{constructor.constructor("window.__xss=1")()}}',
  '<a href="javascript:window.__xss=1">click</a>',
  '\u003cimg src=x onerror=window.__xss=1\u003e',
];

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startTestServer({ offerTimeoutMs: 60_000 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('XSS corpus', () => {
  it('executes nothing anywhere a rep or manager looks', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const errors: string[] = [];
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await watch(page, errors);
    await signIn(page, server.url, 'admin@demo.sixty', '/queue');
    await setAvailable(page);

    for (const [i, payload] of CORPUS.entries()) {
      const visitorId = `visitor_xss_${i}`;
      await postEvents(
        server.url,
        {
          siteKey: server.siteKey,
          visitorId,
          events: [
            { type: 'page_view', url: `${HOST_ORIGIN}/${payload}`, at: Date.now(), props: { title: payload } },
            { type: 'custom', name: payload.slice(0, 100), at: Date.now() },
            { type: 'identify', at: Date.now(), props: { company: payload, jobTitle: payload } },
          ],
          context: { referrer: payload, utm: { source: payload, medium: payload, campaign: payload, term: payload, content: payload } },
        },
        { 'user-agent': `${BROWSER_UA} ${payload}` },
      );
      const res = await postCallback(
        server.url,
        callbackBody(server.siteKey, { name: `${payload}`.slice(0, 200), pageUrl: payload, visitorId, phone: `+1 415 555 01${10 + i}` }),
      );
      expect(res.status).toBe(201);
      const card = page
        .locator('article')
        .filter({ hasText: payload.slice(0, 20) })
        .first();
      await card.waitFor({ timeout: 10_000 });
      await card.getByRole('button', { name: 'Accept' }).click();
      // This lead's card: from the second payload on, the previous lead's card is open until this
      // one replaces it, and typing into it would miss this lead.
      const lead = page.locator(`section.lead[data-lead-id="${res.body.leadId}"]`);
      await lead.waitFor({ timeout: 5000 });
      // A note and an outcome with the payload too; the note is shown (as text) before the outcome
      // is logged, so neither save's answer can overtake the other's.
      await lead.getByLabel('Add a note').fill(payload);
      await lead.getByRole('button', { name: 'Add note' }).click();
      await lead.locator('.note-list .note-text', { hasText: payload }).first().waitFor({ timeout: 5000 });
      // Log the call so the rep's capacity (5 active leads) frees up for the next one.
      await lead.getByRole('radio', { name: 'Connected' }).check();
      await lead.getByLabel('Call notes (optional)').fill(payload);
      await lead.getByRole('button', { name: 'Save outcome' }).click();
      await lead.getByText(/Saved at/).waitFor({ timeout: 5000 });
    }
    await page.getByRole('button', { name: 'Supervisor' }).click();
    await page.waitForTimeout(2500);
    await page.goto(`${server.url}/console/numbers`);
    await page.waitForTimeout(1500);
    await page.goto(`${server.url}/console/queue`);
    await page.locator('#lead-heading, [data-connection="live"]').first().waitFor({ timeout: 5000 });

    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await context.close();
  }, 120_000);
});
