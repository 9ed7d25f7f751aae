// Numbers in a real browser on the demo with its history (what `npm start` seeds): the manager
// opens it and, for the last 30 days, attribution shows revenue by channel, speed pays has counts
// in every bucket, the reps table shows who missed offers, and the SLA targets have their pace;
// each section screenshotted at 1280 and 375 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CALL_BUCKET_LABELS } from '../../shared/call-buckets';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { collectErrors, DESKTOP, openSignedIn, PHONE } from './console-admin.helpers';

let server: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ demoHistory: true }), launchBrowser()]);
  const context = await browser.newContext({ viewport: DESKTOP, timezoneId: 'UTC' });
  page = await context.newPage();
  errors = collectErrors(page);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const figure = (name: string) => page.locator(`[data-figure="${name}"]`).first().innerText();
const SECTIONS = { attribution: 'attribution-heading', 'speed-pays': 'speed-pays-heading', reps: 'reps-heading', 'sla-pace': 'pace-heading' } as const;

describe('numbers on the demo history', () => {
  it('shows last month at once: revenue by channel, speed-pays counts, reps who missed offers, SLA pace', async () => {
    await openSignedIn(page, server.url, '/numbers', 'admin@demo.sixty');
    const attribution = page.getByRole('table', { name: 'Attribution by channel' });
    await attribution.waitFor();
    const channels = await attribution.locator('tbody tr[data-group]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-group')));
    expect(channels).toEqual(expect.arrayContaining(['paid_search', 'organic_search', 'email', 'paid_social', 'referral', 'direct']));
    // The total row's revenue is money, not nothing.
    expect(await attribution.locator('tr[data-group="total"]').innerText()).toMatch(/\$[1-9][\d,]*/);

    for (const bucket of Object.keys(CALL_BUCKET_LABELS)) await expect.poll(async () => Number(await figure(`bucket-${bucket}-leads`))).toBeGreaterThan(0);

    const reps = page.getByRole('table', { name: 'Fairness and reps' });
    await reps.waitFor();
    const names = await reps.locator('tr[data-rep]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-rep')));
    expect(new Set(names)).toEqual(new Set(['Dana Reyes', 'Sam Okafor', 'Priya Nair', 'Tom Becker']));
    const expired = await reps.locator('tr[data-rep] [data-figure$="-expired"]').allInnerTexts();
    expect(expired.filter((t) => Number(t) > 0).length).toBeGreaterThanOrEqual(3);

    const pace = page.locator('section[data-section="sla-pace"]');
    await pace.getByRole('table').first().waitFor();
    expect(Number((await pace.locator('[data-figure^="pace-target-"]').first().innerText()).replace(/[^\d.]/g, ''))).toBeGreaterThan(0);

    // The sticky console bar would be drawn over a section's shot: pin it for the shots.
    await page.evaluate(() => document.querySelectorAll<HTMLElement>('.console-bar').forEach((el) => (el.style.position = 'static')));
    for (const [width, viewport] of [
      [1280, DESKTOP],
      [375, PHONE],
    ] as const) {
      await page.setViewportSize(viewport);
      // Charts redraw on resize (ResizeObserver), one frame later.
      await page.waitForTimeout(150);
      for (const [name, heading] of Object.entries(SECTIONS))
        await page.locator(`section[aria-labelledby="${heading}"]`).screenshot({ path: screenshotPath(`demo-${name}-${width}`) });
    }
    await page.setViewportSize(DESKTOP);
    expect(errors).toEqual([]);
  });
});
