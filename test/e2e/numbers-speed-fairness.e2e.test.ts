// Numbers in a real browser: the speed-pays chart and the rep fairness table of a generated
// history whose answers its fixture states (test/helpers/speed-fairness-history.ts), counts
// beside every rate, teams grouping their members with the weights beside the spread, money in
// the workspace's currency; readable at 375 px (no chart text cut at the canvas edge).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { moneyText, percentText } from '../../console/admin/numbers/figures';
import { CALL_BUCKET_LABELS } from '../../shared/call-buckets';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import {
  EXPECTED_REPS,
  EXPECTED_SPEED_PAYS,
  EXPECTED_TEAMS,
  HISTORY_CURRENCY,
  insertHistory,
  REP_NAMES,
  speedFairnessHistory,
} from '../helpers/speed-fairness-history';
import { rows, startTestServer, type TestServer } from '../helpers/test-server';
import { chartTexts, recordChartTexts } from './chart-texts';
import { collectErrors, DESKTOP, openSignedIn, PHONE, shoot } from './console-admin.helpers';

let server: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const site = (await server.deps.store.siteByKey(server.siteKey))!;
  await insertHistory(server.deps.config, speedFairnessHistory(site.workspaceId, site.id));
  await rows(server, 'update workspaces set currency = ? where id = ?', HISTORY_CURRENCY, site.workspaceId);
  // Whole days in UTC, so the picked days are the history's range exactly.
  const context = await browser.newContext({ viewport: DESKTOP, timezoneId: 'UTC' });
  await recordChartTexts(context);
  page = await context.newPage();
  errors = collectErrors(page);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const figure = (name: string) => page.locator(`[data-figure="${name}"]`).first().textContent();

describe('numbers: speed pays and fairness', () => {
  it('shows the speed-pays buckets with their counts and the rep fairness table of the history', async () => {
    await openSignedIn(page, server.url, '/numbers', 'admin@demo.sixty');
    await page.getByRole('heading', { name: 'Speed-to-lead' }).waitFor();
    await page.locator('#range-from').fill('2026-10-01');
    await page.locator('#range-to').fill('2026-10-30');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => figure('bucket-under_1m-leads')).toBe('10');

    for (const b of EXPECTED_SPEED_PAYS.buckets) {
      expect(await figure(`bucket-${b.bucket}-leads`)).toBe(String(b.leads));
      // Each rate over the count it is out of.
      const cell = (name: string) => page.locator(`[data-figure="${name}"]`).innerText();
      expect(await cell(`bucket-${b.bucket}-sql`)).toBe(b.leads ? `${percentText(b.sql / b.leads)}\n${b.sql} of ${b.leads}` : '—');
      expect(await cell(`bucket-${b.bucket}-won`)).toBe(b.leads ? `${percentText(b.won / b.leads)}\n${b.won} of ${b.leads}` : '—');
    }
    expect(await figure('lift-sql')).toBe('To SQL: 3× as likely (60% of 10 against 20% of 5).');
    expect(await figure('lift-won')).toBe('To won: 30% (3 of 10) against none of 5.');
    // The chart: one row per bucket, labelled with its count, in the buckets' order.
    const labels = async () =>
      (await chartTexts(page))
        .filter((t) => t.chart.startsWith('Conversion by first call'))
        .filter((t) => /\(\d+\)$/.test(t.text))
        .sort((a, b) => a.y - b.y)
        .map((t) => t.text);
    await expect.poll(labels).toEqual(EXPECTED_SPEED_PAYS.buckets.map((b) => `${CALL_BUCKET_LABELS[b.bucket]} (${b.leads})`));

    const table = page.getByRole('table', { name: 'Fairness and reps' });
    await table.waitFor();
    // Teams group their members; Jo (deactivated) is not among them.
    expect(await table.locator('tbody[data-team="Inbound"] tr[data-rep]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-rep')))).toEqual([
      'Fay Fast',
      'Gil Green',
      'Hal Hart',
    ]);
    for (const m of EXPECTED_TEAMS.Inbound.members) {
      const id = `inbound-${m.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
      expect(await figure(`${id}-weight`)).toBe(String(m.weight));
      expect(await figure(`${id}-expected`)).toBe(percentText(m.expectedShare));
      expect(await figure(`${id}-share`)).toBe(`${percentText(m.rotationOffers / EXPECTED_TEAMS.Inbound.rotationOffers)} (${m.rotationOffers})`);
    }
    const fay = EXPECTED_REPS.fay;
    expect(await figure('inbound-fay-fast-received')).toBe(String(fay.offers.received));
    expect(await figure('inbound-fay-fast-declined')).toBe(String(fay.offers.declined));
    expect(await figure('inbound-fay-fast-expired')).toBe(String(fay.offers.expired));
    expect(await figure('inbound-fay-fast-sql-rate')).toBe(`${percentText(fay.sqlLeads / fay.leadsOwned)} (${fay.sqlLeads})`);
    expect(await figure('inbound-fay-fast-revenue')).toBe(`${moneyText(fay.wonRevenue, 'EUR')} (${fay.wonDeals})`);
    expect(await figure('inbound-fay-fast-revenue')).toMatch(/^€19,501/);
    expect(await figure('team-inbound-received')).toBe(String(EXPECTED_TEAMS.Inbound.offers.received));
    expect(await figure('team-inbound-revenue')).toBe(`${moneyText(EXPECTED_TEAMS.Inbound.wonRevenue, 'EUR')} (${EXPECTED_TEAMS.Inbound.wonDeals})`);
    // Fay got 44% of Inbound's rotation against 50% expected: within ten points, not marked; Ivy is Backup's only member.
    expect(await page.locator('[data-figure="inbound-fay-fast-share"].share-off').count()).toBe(0);
    expect(await figure('backup-ivy-inge-share')).toBe('100% (5)');
    await expect.poll(() => page.locator(`[data-declines="${REP_NAMES.gil}"]`).textContent()).toBe('Gil Green: (no reason given) 1, Lunch 1, On a call 1');

    // Each table downloads as CSV for the same range.
    const spread = await page.getByRole('link', { name: 'Spread CSV' }).getAttribute('href');
    expect(spread).toMatch(/^\/v1\/console\/reports\/spread\.csv\?from=2026-10-01T00%3A00%3A00\.000Z&to=2026-10-31T00%3A00%3A00\.000Z$/);
    const csv = await page.request.get(`${server.url}${spread}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('Inbound,Fay Fast,2,0.5,19,');

    await shoot(page, 'numbers-speed-fairness');
    for (const [name, viewport] of [
      ['1280', DESKTOP],
      ['375', PHONE],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(150);
      // The sticky console bar would cover a section's top in an element capture.
      await page.evaluate(() => document.querySelectorAll<HTMLElement>('.console-bar').forEach((el) => (el.style.position = 'static')));
      await page.locator('section', { has: page.getByRole('heading', { name: 'Speed pays' }) }).screenshot({ path: screenshotPath(`speed-pays-${name}`) });
      await page
        .locator('section', { has: page.getByRole('heading', { name: 'Fairness and reps' }) })
        .screenshot({ path: screenshotPath(`rep-fairness-${name}`) });
      if (name === '375') {
        // Scrolled sideways to the offers, the rep's name stays in view.
        await page.locator('.fairness-table').evaluate((t) => t.parentElement!.scrollTo({ left: 330 }));
        await page
          .locator('section', { has: page.getByRole('heading', { name: 'Fairness and reps' }) })
          .screenshot({ path: screenshotPath('rep-fairness-375-scrolled') });
        const box = await page.locator('tr[data-rep="Fay Fast"] th').first().boundingBox();
        const scroller = await page.locator('.fairness-table').evaluate((t) => t.parentElement!.getBoundingClientRect().left);
        expect(Math.round(box!.x)).toBe(Math.round(scroller));
      }
      // At either width no chart text runs past its canvas.
      for (const t of await chartTexts(page))
        expect({ text: t.text, left: t.left >= 0, right: t.right <= t.canvasWidth + 0.5 }).toEqual({ text: t.text, left: true, right: true });
    }
    await page.setViewportSize(DESKTOP);
    expect(errors).toEqual([]);
  });

  it('downloads every table on Numbers as CSV: from the server for its own reports, from the browser for the rest', async () => {
    // Runs after the test above: the page shows October's history.
    await page.getByRole('heading', { name: 'Funnel' }).waitFor();
    // uPlot draws its legend as a table: it is the chart's key, not figures.
    const tables = page.locator('.numbers table:not(.u-legend)');
    const total = await tables.count();
    expect(total).toBeGreaterThan(8);
    // Every table either has a CSV button of its own or sits in a section with a server CSV link.
    const uncovered = await tables.evaluateAll((ts) =>
      ts
        .filter((t) => !t.closest('.table-csv') && !t.closest('section')?.querySelector('a[href*=".csv"]'))
        .map((t) => t.getAttribute('aria-label') ?? t.className),
    );
    expect(uncovered).toEqual([]);

    const funnel = page.locator('.table-csv', { has: page.getByRole('table', { name: 'Funnel steps' }) });
    const [download] = await Promise.all([page.waitForEvent('download'), funnel.getByRole('button', { name: 'Funnel steps as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('sixty-funnel.csv');
    const { readFile } = await import('node:fs/promises');
    const lines = (await readFile((await download.path())!, 'utf8')).split('\r\n');
    expect(lines[0]).toBe('Step,Count,From previous,Median time from previous');
    // One line per step, as the table shows it.
    const shown = await funnel
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells).map((c) => c.textContent!.trim())));
    expect(lines.slice(1, 1 + shown.length).map((l) => l.split(','))).toEqual(shown);
    expect(lines[1 + shown.length]).toBe('');
    expect(errors).toEqual([]);
  });
});
