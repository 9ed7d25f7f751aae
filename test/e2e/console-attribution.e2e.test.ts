// Numbers → Attribution in a real browser over the known month (test/fixtures/attribution-history.ts):
// switching the model (first, last, linear) and the grouping changes the figures the table shows
// to those the fixture states, revenue reads in the workspace's currency, the funnel ends at won
// and the CSV links carry the choice. Screenshots at 1280 and 375 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHANNEL_LABELS, type Channel } from '../../shared/channel';
import { creditText, moneyText } from '../../console/admin/numbers/figures';
import { DAY, EXPECTED, RANGE, T0 } from '../fixtures/attribution-history';
import { replayOverHttp } from '../helpers/attribution-replay';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { rows, startTestServer, type TestServer } from '../helpers/test-server';
import { collectErrors, DESKTOP, openSignedIn, PHONE, shoot } from './console-admin.helpers';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let now = T0 - 20 * DAY;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ clock: () => now }), launchBrowser()]);
  await replayOverHttp(server, (t) => (now = t));
  await rows(server, "update workspaces set currency = 'EUR'");
  now = RANGE.to + DAY;
  // The range picker counts whole local days: in UTC they are the fixture's days.
  context = await browser.newContext({ viewport: DESKTOP, timezoneId: 'UTC' });
  page = await context.newPage();
  errors = collectErrors(page);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const section = () => page.locator('section.attribution');

/** The attribution table as the page shows it: row label -> [leads, won, revenue]. */
async function shownTable(): Promise<Record<string, string[]>> {
  const table: Record<string, string[]> = {};
  for (const row of await section().locator('[data-table="attribution"] tbody tr').all()) {
    const cell = (col: string) => row.locator(`[data-col="${col}"]`).textContent();
    table[(await row.locator('th').textContent())!] = [(await cell('leads'))!, (await cell('won'))!, (await cell('revenue'))!];
  }
  return table;
}

/** What the table must show for a model by channel, formatted as the page formats it. */
function wanted(model: keyof typeof EXPECTED.byChannel): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(EXPECTED.byChannel[model]).map(([channel, f]) => [
      CHANNEL_LABELS[channel as Channel],
      [creditText(f.leads), creditText(f.won), moneyText(f.revenue, 'EUR')],
    ]),
  );
}

async function choose(group: string, option: string, model: string, by: string) {
  await section().getByRole('group', { name: group }).getByRole('button', { name: option }).click();
  await page.locator(`section.attribution[data-model="${model}"][data-by="${by}"]`).waitFor();
  await page.locator('section.attribution [aria-busy="false"]').waitFor();
}

describe('numbers: attribution', () => {
  it('shows the known figures, and the model switch changes them', async () => {
    await openSignedIn(page, server.url, '/numbers', 'admin@demo.sixty');
    await page.locator('#range-from').fill(new Date(RANGE.from).toISOString().slice(0, 10));
    await page.locator('#range-to').fill(new Date(RANGE.to - DAY).toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator(`section.attribution[data-model="first"][data-by="channel"]`).waitFor();
    await expect.poll(() => shownTable()).toEqual(wanted('first'));

    const first = await shownTable();
    await choose('Model', 'Last touch', 'last', 'channel');
    await expect.poll(() => shownTable()).toEqual(wanted('last'));
    expect(await shownTable()).not.toEqual(first);

    await choose('Model', 'Linear', 'linear', 'channel');
    await expect.poll(() => shownTable()).toEqual(wanted('linear'));
    // Linear splits leads: Cai's three touches make a third each.
    expect((await shownTable())['Direct']![0]).toBe('1.3');
    const total = section().locator('[data-group="total"]');
    expect(await total.locator('[data-col="revenue"]').textContent()).toBe(moneyText(EXPECTED.total.revenue, 'EUR'));

    // The CSV link follows the switches.
    const csv = await section().getByRole('link', { name: 'This table (CSV)' }).getAttribute('href');
    expect(csv).toMatch(/model=linear&by=channel&table=groups$/);

    // Cohorts by week of first touch, whatever the model.
    const weeks = await section().locator('[data-table="cohorts"] tbody tr th').allTextContents();
    expect(weeks).toEqual(Object.keys(EXPECTED.cohorts));

    // The funnel ends at won, with the won revenue in the workspace's currency.
    expect(await page.locator('[data-figure="step-won"]').textContent()).toBe(String(EXPECTED.total.won));
    expect(await page.locator('[data-figure="won-revenue"]').textContent()).toBe(moneyText(EXPECTED.total.revenue, 'EUR'));
    await expect.poll(() => page.getByRole('heading', { name: 'Lost deal reasons' }).isVisible()).toBe(true);

    await choose('Model', 'First touch', 'first', 'channel');
    await section().scrollIntoViewIfNeeded();
    await shoot(page, 'numbers-attribution-first-channel');
    await choose('Model', 'Linear', 'linear', 'channel');
    await shoot(page, 'numbers-attribution-linear-channel');
    // The section alone, at both widths, to read its figures (the console bar pinned, or it covers the section's top).
    await page.evaluate(() => document.querySelectorAll<HTMLElement>('.console-bar').forEach((el) => (el.style.position = 'static')));
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(100);
      await section().screenshot({ path: screenshotPath(`numbers-attribution-section-linear-${viewport.width}`) });
    }
    await page.setViewportSize(DESKTOP);
    // At 375 px every column of the table fits: nothing scrolls sideways.
    await page.setViewportSize(PHONE);
    const fits = await section()
      .locator('.table-scroll')
      .evaluateAll((els) => els.every((el) => el.scrollWidth <= el.clientWidth + 1));
    expect(fits).toBe(true);
    await page.setViewportSize(DESKTOP);
  });

  it('groups by source and by campaign', async () => {
    await choose('Model', 'First touch', 'first', 'channel');
    await choose('By', 'Source', 'first', 'source');
    const bySource = await shownTable();
    expect(Object.keys(bySource).sort()).toEqual(Object.keys(EXPECTED.firstBySource).sort());
    expect(bySource['google']).toEqual([creditText(3), creditText(2), moneyText(1500, 'EUR')]);
    await choose('Model', 'Last touch', 'last', 'source');
    await choose('By', 'Campaign', 'last', 'campaign');
    const byCampaign = await shownTable();
    expect(byCampaign['brand']).toEqual([creditText(3), creditText(2), moneyText(3000, 'EUR')]);
    expect(byCampaign['(no campaign)']).toEqual([creditText(3), creditText(1), moneyText(3000, 'EUR')]);
    expect(errors).toEqual([]);
  });
});
