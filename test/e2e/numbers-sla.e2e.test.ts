// The saved marketing SLA and its targets against this month's pace, in Chromium against a real
// server: a browser's old calculator inputs are offered as a draft and not saved until the
// manager saves; a bad rate is refused at its field; once saved, the history names who saved it
// and Numbers shows the monthly MQL and SQL targets against the month so far; the digest opt-in.
import { copyFileSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { marketingSla } from '../../shared/marketing-sla';
import { callbackBody, postCallback, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { collectErrors, DESKTOP, openSignedIn, shoot } from './console-admin.helpers';

/** Where the session's notes keep the screenshots of this work. */
const NOTES_SHOTS = '/work/notes/s29/shots';

let server: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];
let admin: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  admin = await signIn(server.url, 'admin@demo.sixty');
  await postCallback(server.url, callbackBody(server.siteKey));
  await postCallback(server.url, callbackBody(server.siteKey, { phone: '+1 415 555 0188', email: 'second@example.com' }));
  const context = await browser.newContext({ viewport: DESKTOP });
  page = await context.newPage();
  errors = collectErrors(page);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const api = async (path: string) => (await fetch(`${server.url}${path}`, { headers: { cookie: admin } })).json() as Promise<any>;

describe('the marketing SLA on Numbers', () => {
  it('offers the old browser inputs as a draft without saving them', async () => {
    await openSignedIn(page, server.url, '/numbers', 'admin@demo.sixty');
    await page.getByText('No SLA agreed yet').waitFor();
    await page.evaluate(() =>
      localStorage.setItem(
        'sixty.marketingSla',
        JSON.stringify({ salesQuota: '200000', marketingShare: '40', averageDealSize: '8000', leadToMql: '25', mqlToSql: '0', sqlToCustomer: '20' }),
      ),
    );
    await page.reload();
    await page.locator('[data-sla-draft]').waitFor();
    expect(await page.getByLabel('Sales quota per month').inputValue()).toBe('200000');
    expect(await page.getByLabel('Share from marketing (%)').inputValue()).toBe('40');
    expect(await page.getByText('Not saved for the workspace yet').isVisible()).toBe(true);
    expect(await api('/v1/console/sla')).toEqual({ current: null, history: [] });
  });

  it('refuses a rate of 0 at its field, then saves and lists who saved it', async () => {
    await page.getByRole('button', { name: 'Save the SLA' }).click();
    const rate = page.getByLabel('MQL → SQL (%)');
    await page.getByText('Must be above 0: no stage converts nothing').waitFor();
    expect(await rate.getAttribute('aria-invalid')).toBe('true');
    expect((await api('/v1/console/sla')).current).toBeNull();
    // The draft notice and the refused field, as the manager sees them at both widths.
    mkdirSync(NOTES_SHOTS, { recursive: true });
    const calculator = page.locator('section[aria-labelledby="sla-heading"]');
    // The sticky bar would be drawn over an element shot (CSSOM, so CSP allows it).
    await page.evaluate(() => document.querySelectorAll<HTMLElement>('.console-bar').forEach((el) => (el.style.position = 'static')));
    await calculator.screenshot({ path: `${NOTES_SHOTS}/numbers-sla-draft-error-1280.png` });
    await page.setViewportSize({ width: 375, height: 740 });
    await calculator.screenshot({ path: `${NOTES_SHOTS}/numbers-sla-draft-error-375.png` });
    await page.setViewportSize(DESKTOP);
    await page.evaluate(() => document.querySelectorAll<HTMLElement>('.console-bar').forEach((el) => (el.style.position = '')));

    await rate.fill('40');
    await page.getByRole('button', { name: 'Save the SLA' }).click();
    await page.getByText('Saved: both teams now see this SLA and its targets.').waitFor();
    const saved = (await api('/v1/console/sla')).current;
    expect(saved).toMatchObject({ salesQuota: 200_000, marketingShare: 0.4, averageDealSize: 8000, leadToMql: 0.25, mqlToSql: 0.4, sqlToCustomer: 0.2 });
    const first = page.locator('[data-sla-change="0"]');
    expect(await first.textContent()).toContain('Alex Admin');
    expect(await first.textContent()).toContain('In force');
    expect(await page.locator('[data-sla-draft]').count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('sixty.marketingSla'))).toBeNull();
  });

  it("shows the monthly targets against this month's pace and who is behind", async () => {
    const targets = marketingSla({ salesQuota: 200_000, marketingShare: 0.4, averageDealSize: 8000, leadToMql: 0.25, mqlToSql: 0.4, sqlToCustomer: 0.2 })!;
    const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const { pace } = await api(`/v1/console/sla/pace?tz=${encodeURIComponent(zone)}`);
    await expect.poll(() => page.locator('[data-figure="pace-target-mqls"]').textContent()).toBe(targets.mqls.toLocaleString('en-US'));
    expect(await page.locator('[data-figure="pace-target-sqls"]').textContent()).toBe(targets.sqls.toLocaleString('en-US'));
    expect(await page.locator('[data-figure="pace-actual-mqls"]').textContent()).toBe(String(pace.mqls.actual));
    expect(pace.mqls.actual).toBeGreaterThanOrEqual(2);
    const verdict = await page.locator('[data-verdict]').textContent();
    if (pace.behind.marketing) expect(verdict).toContain('Marketing is behind on volume');
    if (pace.behind.sales) expect(verdict).toContain('Sales is behind on follow-up');
    if (!pace.behind.marketing && !pace.behind.sales) expect(verdict).toBe('Both teams are on pace.');
  });

  it('switches on the daily digest for this manager only', async () => {
    await page.getByLabel('Daily (the day before)').check();
    await page.getByRole('button', { name: 'Save digest choice' }).click();
    await page.getByText(/Saved: daily at 08:00/).waitFor();
    expect((await api('/v1/console/sla/digest')).frequency).toBe('daily');
    await page.locator('[data-section="sla-pace"]').scrollIntoViewIfNeeded();
    await shoot(page, 'numbers-sla');
    mkdirSync(NOTES_SHOTS, { recursive: true });
    for (const width of [1280, 375]) copyFileSync(screenshotPath(`numbers-sla-${width}`), `${NOTES_SHOTS}/numbers-sla-${width}.png`);
    expect(errors).toEqual([]);
  });
});
