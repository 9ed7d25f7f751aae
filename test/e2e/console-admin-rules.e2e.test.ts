// The rules editor in a real browser against a real server: a refused save shows the server's
// message at the field, a draft is backtested against the stored history, published and seen
// live in the widget on /demo, then rolled back. Also the site's tracking settings and sites list.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { callbackBody, postCallback, startTestServer, type TestServer } from '../helpers/test-server';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { collectErrors, DESKTOP, openSignedIn, shoot } from './console-admin.helpers';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let siteId: string;
let errors: string[];

const NEW_LABEL = 'How many people work at your company?';

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const workspaceId = (await server.deps.store.userByEmail('admin@demo.sixty'))!.workspaceId;
  siteId = (await server.deps.store.sitesOfWorkspace(workspaceId))[0]!.id;
  // History for the backtest: a small company that passes today, and a bigger one.
  await postCallback(
    server.url,
    callbackBody(server.siteKey, { name: 'Kim Small', phone: '+1 415 555 0120', answers: { projects: 'commercial', size: '1-10', role: 'decision' } }),
  );
  await postCallback(server.url, callbackBody(server.siteKey, { name: 'Lee Large', phone: '+1 415 555 0121' }));
  context = await browser.newContext({ viewport: DESKTOP });
  page = await context.newPage();
  errors = collectErrors(page);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The question labels the widget shows on /demo now (fresh context: no HTTP cache). */
async function widgetShows(text: string): Promise<boolean> {
  const visitor = await browser.newContext({ viewport: DESKTOP });
  try {
    const demo = await visitor.newPage();
    await demo.goto(`${server.url}/demo`);
    await demo.getByRole('button', { name: 'Talk to sales in 60 seconds' }).click();
    const panel = demo.getByRole('dialog', { name: 'Talk to sales' });
    await panel.getByText('What kind of projects do you do?').waitFor({ timeout: 5000 });
    const shown = await panel.getByText(text, { exact: true }).count();
    if (shown) await demo.screenshot({ path: screenshotPath('console-admin-demo-live') });
    return shown > 0;
  } finally {
    await visitor.close();
  }
}

describe('rules editor', () => {
  it('shows the server’s message next to the field it is about', async () => {
    await openSignedIn(page, server.url, `/sites/${siteId}/rules`, 'admin@demo.sixty');
    await page.getByRole('heading', { name: 'Questions and scoring', level: 1 }).waitFor();
    await shoot(page, 'console-admin-rules');

    await page.getByLabel('Hot threshold').fill('10');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => page.locator('#r-hotThreshold-error').textContent()).toMatch(/at least the MQL/);
    await expect.poll(() => page.getByLabel('Hot threshold').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.locator('.error-summary').textContent()).toMatch(/Hot threshold: The hot score must be at least the MQL score/);
    await page.locator('#r-hotThreshold').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('console-admin-rules-field-error') });
    await page.getByLabel('Hot threshold').fill('60');
  });

  it('backtests a draft against the history: counts now and with the draft, and who flips', async () => {
    await page.locator('#r-questions-1-label').fill(NEW_LABEL);
    // Rule out the smallest companies: the seeded small lead would flip to disqualified.
    const option = page.locator('#r-questions-1-options-0-disqualify');
    await option.check();
    await page.locator('#r-questions-1-options-0-disqualify-reason').fill('Too small for commercial lines');
    await page.getByRole('button', { name: 'Backtest draft' }).click();
    const panel = page.locator('section', { has: page.getByRole('heading', { name: 'Backtest of the draft' }) });
    await panel.waitFor();

    const db = new Database(server.deps.config.dbPath, { readonly: true });
    const leads = (db.prepare('select count(*) as n from leads where site_id = ?').get(siteId) as { n: number }).n;
    const ruledOut = (db.prepare("select count(*) as n from leads where site_id = ? and fit = 'fails'").get(siteId) as { n: number }).n;
    db.close();
    const cells = async (row: string) => panel.locator(`tr[data-count="${row}"] td`).allTextContents();
    expect(await cells('leads')).toEqual([String(leads), String(leads), '0']);
    expect(await cells('disqualified')).toEqual([String(ruledOut), String(ruledOut + 1), '+1']);
    await expect.poll(() => panel.getByRole('row', { name: /Kim Small/ }).textContent()).toMatch(/Hot MQL.*Disqualified/);
    await panel.scrollIntoViewIfNeeded();
    await shoot(page, 'console-admin-rules-backtest');
  });

  it('saves the draft, shows its diff, publishes it, and the widget on /demo asks the new question', async () => {
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Saved as draft version 2.', { exact: false }).waitFor();
    const v2 = page.locator('li[data-version="2"]');
    await expect.poll(() => v2.locator('.version-diff').textContent()).toContain(`Question “${NEW_LABEL}” › question`);
    await expect.poll(() => v2.locator('.version-diff').textContent()).toContain('disqualified: Too small for commercial lines');

    await v2.getByRole('button', { name: 'Review and publish' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish version 2?' });
    await dialog.locator('tr[data-count="disqualified"]').waitFor();
    await dialog.screenshot({ path: screenshotPath('console-admin-publish-dialog') });
    await dialog.getByRole('button', { name: 'Publish version 2' }).click();
    await page.getByText('Version 2 is live.', { exact: false }).waitFor();
    await expect.poll(() => page.locator('.editor-basis').textContent()).toContain('Live: version 2');

    // Version 1 keeps its own dates: made (and live) with the site, retired by this publish.
    const db = new Database(server.deps.config.dbPath, { readonly: true });
    const siteMadeAt = (db.prepare('select created_at as at from sites where id = ?').get(siteId) as { at: number }).at;
    const v1Row = db
      .prepare('select created_at as createdAt, published_at as publishedAt, retired_at as retiredAt from rules_versions where site_id = ? and version = 1')
      .get(siteId) as Record<string, number>;
    db.close();
    expect(v1Row).toEqual({ createdAt: siteMadeAt, publishedAt: siteMadeAt, retiredAt: expect.any(Number) });
    const v1 = page.locator('li[data-version="1"]');
    const when = (moment: string) => v1.locator(`[data-moment="${moment}"] time`).getAttribute('datetime');
    await expect.poll(() => when('retired')).toBe(new Date(v1Row.retiredAt!).toISOString());
    expect(await when('created')).toBe(new Date(siteMadeAt).toISOString());
    expect(await when('published')).toBe(new Date(siteMadeAt).toISOString());
    await expect.poll(() => v1.locator('.version-meta').textContent()).toMatch(/^Saved .+ · Published .+ · Retired .+$/);
    await page.locator('.versions').screenshot({ path: screenshotPath('console-admin-rules-version-dates') });

    // The public config is cached up to 2 s on the server.
    await expect.poll(() => widgetShows(NEW_LABEL), { timeout: 10_000, interval: 500 }).toBe(true);
  });

  it('rolls back by publishing version 1 again, and the widget asks the old question', async () => {
    const v1 = page.locator('li[data-version="1"]');
    await v1.getByRole('button', { name: 'Roll back to this' }).click();
    const dialog = page.getByRole('dialog', { name: 'Roll back to version 1?' });
    await dialog.getByText(`Question “How many employees?” › question`).waitFor();
    await dialog.getByRole('button', { name: 'Roll back to version 1' }).click();
    await page.getByText('Version 1 is live.', { exact: false }).waitFor();
    const rules = (await (await page.request.get(`${server.url}/v1/sites/${siteId}/rules`)).json()) as {
      current: { version: number; questions: Array<{ label: string }> };
    };
    expect(rules.current.version).toBe(1);
    expect(rules.current.questions[1]!.label).toBe('How many employees?');
    await expect.poll(() => widgetShows('How many employees?'), { timeout: 10_000, interval: 500 }).toBe(true);
    await shoot(page, 'console-admin-rules-versions');
  });

  it('continues a draft made on Sites › Forms, so saving here keeps the form’s mapping', async () => {
    // A form mapped on Sites › Forms is a new, unpublished draft of the rules.
    const site = (await server.deps.store.sitesOfWorkspace((await server.deps.store.userByEmail('admin@demo.sixty'))!.workspaceId))[0]!;
    const fields = [{ name: 'tel', label: 'Phone', type: 'tel' }];
    await server.deps.forms.seen(site, { key: 'quote', name: 'Quote', page: 'https://acme.example/quote', fields }, Date.now());
    const mapping = { action: 'offer', fields: { tel: { kind: 'trait', trait: 'phone' } } };
    const put = await page.request.put(`${server.url}/v1/console/sites/${siteId}/forms/quote/mapping`, { data: mapping });
    expect(put.status()).toBe(200);
    const draftVersion = ((await put.json()) as { draft: { version: number } }).draft.version;

    await page.reload();
    await expect.poll(() => page.locator('.editor-basis').textContent()).toContain(`Editing a copy of version ${draftVersion}.`);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText(`Saved as draft version ${draftVersion + 1}.`, { exact: false }).waitFor();
    const rules = (await (await page.request.get(`${server.url}/v1/sites/${siteId}/rules`)).json()) as {
      versions: Array<{ version: number; rules: { forms?: Record<string, unknown> } }>;
    };
    expect(rules.versions.find((v) => v.version === draftVersion + 1)?.rules.forms).toEqual({ quote: mapping });
  });
});

describe('site pages', () => {
  it('saves tracking settings', async () => {
    await page.getByRole('link', { name: 'Tracking settings' }).click();
    await page.getByRole('heading', { name: 'Tracking settings', level: 1 }).waitFor();
    await page.getByLabel('Most events per second, per visitor').fill('25');
    await page.getByRole('button', { name: 'Add a tracked click' }).click();
    await page.getByLabel('CSS selector').fill("a[href*='/demo']");
    await page.getByLabel('Event name').fill('demo_click');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.', { exact: false }).waitFor();
    const saved = (await (await page.request.get(`${server.url}/v1/sites/${siteId}/settings`)).json()) as {
      maxEventsPerSecond: number;
      trackSelectors: unknown[];
    };
    expect(saved).toMatchObject({ maxEventsPerSecond: 25, trackSelectors: [{ selector: "a[href*='/demo']", name: 'demo_click' }] });
    await shoot(page, 'console-admin-settings');
  });

  it('edits the widget appearance with a live preview and a contrast warning, and visitors see it', async () => {
    await page.getByRole('link', { name: 'Widget appearance' }).click();
    await page.getByRole('heading', { name: 'Widget appearance', level: 1 }).waitFor();
    const preview = page.getByRole('figure', { name: 'Preview of the widget on a page' });
    const launcher = preview.locator('.preview-launcher');
    const colours = () => launcher.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]);
    // Pure red: neither white nor dark text reaches 4.5:1 on it, and the page says so.
    await page.getByLabel('Accent colour', { exact: true }).fill('#ff0000');
    await page.getByText('Neither white nor dark text is readable enough on #ff0000', { exact: false }).waitFor();
    await expect.poll(colours).toEqual(['rgb(255, 0, 0)', 'rgb(26, 29, 35)']);
    await shoot(page, 'console-admin-appearance-warning');
    await page.getByLabel('Accent colour', { exact: true }).fill('#0f766e');
    await page.getByText('The widget writes white text on it', { exact: false }).waitFor();
    expect(await page.getByText('Neither white nor dark text', { exact: false }).count()).toBe(0);
    await expect.poll(colours).toEqual(['rgb(15, 118, 110)', 'rgb(255, 255, 255)']);
    await page.getByLabel('Bottom left').check();
    await page.getByLabel('Launcher button').fill('Call me in a minute');
    await expect.poll(() => launcher.textContent()).toBe('Call me in a minute');
    await expect.poll(() => preview.locator('.preview-page').getAttribute('class')).toContain('preview-left');
    await expect.poll(() => page.getByLabel('Stacking order (z-index)').inputValue()).toBe('10000');
    // What visitors the site will not call read instead: a link that is not a web address is refused at its field.
    await page.getByLabel('Message', { exact: true }).fill('We only equip commercial kitchens; our guide for home cooks may help.');
    await page.getByLabel('Link text', { exact: true }).fill('Home-cook guide');
    await page.getByLabel('Link address (optional)').fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Save appearance' }).click();
    await expect.poll(() => page.locator('#endingUrl-error').textContent()).toBe('Use a web address starting with https://');
    await page.getByLabel('Link address (optional)').fill('https://acme.example/home-cooks');
    await page.getByRole('button', { name: 'Save appearance' }).click();
    await page.getByText('Appearance saved.', { exact: false }).waitFor();
    await shoot(page, 'console-admin-appearance');

    // A visitor's fresh browser: the launcher in the saved colour, corner and words.
    const visitor = await browser.newContext({ viewport: DESKTOP });
    try {
      const demo = await visitor.newPage();
      await demo.goto(`${server.url}/demo`);
      const button = demo.getByRole('button', { name: 'Call me in a minute' });
      await button.waitFor({ timeout: 5000 });
      expect(await button.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color])).toEqual([
        'rgb(15, 118, 110)',
        'rgb(255, 255, 255)',
      ]);
      expect((await button.boundingBox())!.x).toBeLessThan(40);
      // A visitor ruled out by their answer reads the saved message and link.
      await button.click();
      const panel = demo.getByRole('dialog', { name: 'Talk to sales' });
      await panel.getByLabel('Name', { exact: true }).fill('Robin Home');
      await panel.getByLabel('Phone', { exact: true }).fill('+1 415 555 0130');
      for (const value of ['residential', '1-10', 'decision']) await panel.locator(`input[type=radio][value="${value}"]`).check();
      await panel.getByRole('button', { name: 'Call me now' }).click();
      await expect
        .poll(() => panel.locator('[data-sixty-status]').textContent(), { timeout: 5000 })
        .toBe('We only equip commercial kitchens; our guide for home cooks may help.');
      await expect.poll(() => panel.getByRole('link', { name: 'Home-cook guide' }).getAttribute('href')).toBe('https://acme.example/home-cooks');
    } finally {
      await visitor.close();
    }
  });

  it('lists the sites with the snippet and the way to their rules', async () => {
    await page.getByRole('link', { name: 'All sites' }).click();
    await page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Acme website' }).waitFor();
    await expect.poll(() => page.getByLabel(/Embed snippet/).inputValue()).toContain(server.siteKey);
    await shoot(page, 'console-admin-sites');
  });

  it('edits a site and rotates its key with a grace period', async () => {
    await page.getByRole('button', { name: 'Edit site' }).click();
    // One launcher text, on the appearance page (per language): the site form has none.
    expect(await page.getByLabel('Launcher text').count()).toBe(0);
    await page.getByLabel('Phone region').fill('ca');
    await page.getByLabel('Allowed origins').fill('not an origin');
    await page.getByRole('button', { name: 'Save site' }).click();
    await expect.poll(() => page.locator(`#site-${siteId}-origins-error`).textContent()).toMatch(/origin like/);
    await page.getByLabel('Allowed origins').fill('http://localhost:*\nhttp://127.0.0.1:*');
    await page.getByRole('button', { name: 'Save site' }).click();
    await expect.poll(() => page.locator('.site-facts').textContent()).toContain('CA');
    // The English launcher text saved on the appearance page.
    await expect.poll(() => page.locator('.site-facts').textContent()).toContain('Call me in a minute');

    await page.getByRole('button', { name: 'Rotate key…' }).click();
    await page.getByRole('dialog', { name: 'Rotate the key of Acme website?' }).getByRole('button', { name: 'Rotate key' }).click();
    await page.getByText('New key in place.', { exact: false }).waitFor();
    await expect.poll(() => page.getByLabel(/Embed snippet/).inputValue()).not.toContain(server.siteKey);
    await shoot(page, 'console-admin-sites-rotated');
    expect(errors).toEqual([]);
  });
});
