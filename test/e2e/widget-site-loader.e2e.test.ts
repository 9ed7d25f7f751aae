// The per-site loader, `<script async src="SIXTY/s/KEY.js">` (the console's snippet, issue 24),
// seen from the visitor's side in Chromium on a customer's page (another origin): the launcher is
// drawn in the site's saved look and words from that one file, with no config request before it
// (none at all until something needs the mapped forms); the panel gets the site's questions from
// it; the consent mode it carries holds (no tracker, no storage before consent where consent is
// required); a page enforcing a nonce CSP and Trusted Types still gets the launcher and the panel;
// the tag's data-z-index still wins and the page's language still picks the launcher's words. The generic `sixty.js` keeps its own
// tests (widget-appearance, widget-guest, tracking, host-forms...), which this file does not repeat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEFAULT_APPEARANCE, type Appearance } from '../../shared/appearance';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { serveFixtures, type FixtureSite } from '../helpers/fixture-site';
import { readWatch, watchPages } from '../helpers/page-watch';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let site: FixtureSite;
let browser: Browser;
let admin: string;
let siteId: string;

const VIOLET = { hex: '#6d28d9', rgb: 'rgb(109, 40, 217)' };
const WHITE = 'rgb(255, 255, 255)';

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  site = await serveFixtures(server.url, server.siteKey, { loader: 'site' });
  admin = await signIn(server.url, 'admin@demo.sixty');
  const workspaceId = (await server.deps.store.userByEmail('admin@demo.sixty'))!.workspaceId;
  siteId = (await server.deps.store.sitesOfWorkspace(workspaceId))[0]!.id;
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.stop();
});

async function put(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${server.url}/v1${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie: admin },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}
const saveAppearance = (appearance: Appearance) => put(`/console/sites/${siteId}/appearance`, appearance);
const saveConsent = (consent: 'required' | 'implied') =>
  put(`/sites/${siteId}/settings`, {
    consent,
    formsCountAsContactRequest: false,
    trackSelectors: [],
    browserCalls: false,
    botFilter: true,
    maxEventsPerSecond: 20,
    minSubmitMs: 0,
  });

/** A fresh visitor on a fixture page: the paths of every request to Sixty, and every storage key written. */
async function visit(fixture: string): Promise<{ context: BrowserContext; page: Page; sent: string[]; stored: () => Promise<string[]> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await watchPages(context);
  const sent: string[] = [];
  context.on('request', (r) => void (r.url().startsWith(server.url) && sent.push(new URL(r.url()).pathname)));
  const page = await context.newPage();
  await page.goto(site.url(fixture));
  const stored = () => page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.startsWith('sixty')));
  return { context, page, sent, stored };
}

const colours = (page: Page) =>
  page.evaluate(() => {
    const button = document.querySelector('[data-sixty-widget]')!.shadowRoot!.querySelector('[data-sixty-launcher]')!;
    return [getComputedStyle(button).backgroundColor, getComputedStyle(button).color];
  });
const dockZ = (page: Page) => page.evaluate(() => getComputedStyle(document.querySelector('[data-sixty-widget]')!.shadowRoot!.querySelector('.dock')!).zIndex);

describe('the per-site loader', () => {
  beforeAll(() => saveConsent('implied'));

  it('draws the launcher in the site’s saved look and words from its one file: no config request, the panel shows the site’s questions', async () => {
    await saveAppearance({ accentColor: VIOLET.hex, position: 'left', zIndex: 12345, texts: { en: { launcher: 'Ring me back', title: 'Ring us' } } });
    const { context, page, sent } = await visit('guest-plain');
    const launcher = page.getByRole('button', { name: 'Ring me back' });
    await launcher.waitFor({ timeout: 5000 });
    // Never drawn in the default look first: the first launcher the page shows is the site's.
    expect(await colours(page)).toEqual([VIOLET.rgb, WHITE]);
    const box = (await launcher.boundingBox())!;
    expect(box.x).toBeLessThan(40);
    expect(await dockZ(page)).toBe('12345');
    expect(sent[0]).toBe(`/s/${server.siteKey}.js`);
    await page.screenshot({ path: screenshotPath('widget-site-loader-1280') });

    await launcher.click();
    const panel = page.getByRole('dialog', { name: 'Ring us' });
    await panel.getByLabel('Name', { exact: true }).waitFor({ timeout: 5000 });
    // The default must-haves, from the config the file carries.
    expect(await panel.locator('input[type=radio][value="decision"]').count()).toBe(1);
    expect(sent.filter((p) => p.endsWith('/config'))).toEqual([]);
    expect(sent).toContain('/sixty-panel.js');
    expect((await readWatch(page)).errors).toEqual([]);
    await context.close();
    await saveAppearance(DEFAULT_APPEARANCE);
  });

  it('serves a changed appearance at once to a new visitor (a new ETag), in the default look again', async () => {
    const { context, page } = await visit('guest-plain');
    await page.getByRole('button', { name: 'Talk to sales in 60 seconds' }).waitFor({ timeout: 5000 });
    expect(await colours(page)).toEqual(['rgb(23, 70, 209)', WHITE]);
    await context.close();
  });

  it('keeps consent required: no tracker and nothing stored until the site says yes, then tracking starts', async () => {
    await saveConsent('required');
    const { context, page, sent, stored } = await visit('guest-plain');
    await page.getByRole('button', { name: 'Talk to sales in 60 seconds' }).waitFor({ timeout: 5000 });
    // Past the idle callback (at the latest 2 s) in which the loader decides.
    await page.waitForTimeout(2500);
    expect(sent.filter((p) => p !== `/s/${server.siteKey}.js`)).toEqual([]);
    expect(await stored()).toEqual([]);
    await page.evaluate(() => (window as unknown as { sixty(c: string, a: boolean): void }).sixty('consent', true));
    await expect.poll(() => sent.includes('/sixty-track.js'), { timeout: 5000 }).toBe(true);
    await expect.poll(() => sent.includes('/v1/events'), { timeout: 10000 }).toBe(true);
    expect(await stored()).toContain('sixty_vid');
    await context.close();
  });

  it('starts tracking by itself where consent is implied', async () => {
    await saveConsent('implied');
    const { context, sent } = await visit('guest-plain');
    await expect.poll(() => sent.includes('/sixty-track.js'), { timeout: 5000 }).toBe(true);
    await context.close();
  });

  it('works on a page enforcing a nonce CSP and Trusted Types: launcher, then the panel through the `sixty` policy', async () => {
    const { context, page } = await visit('guest-csp');
    const launcher = page.getByRole('button', { name: 'Talk to sales in 60 seconds' });
    await launcher.waitFor({ timeout: 5000 });
    await launcher.click();
    await page.getByRole('dialog').getByLabel('Name', { exact: true }).waitFor({ timeout: 5000 });
    expect((await readWatch(page)).errors).toEqual([]);
    await context.close();
  });

  it('lets the tag’s own data-z-index win, and draws the launcher in the page’s language and direction', async () => {
    const z = await visit('guest-z-index');
    await z.page.locator('[data-sixty-launcher]').waitFor({ timeout: 5000 });
    expect(await dockZ(z.page)).toBe('777');
    await z.context.close();
    const rtl = await visit('guest-rtl');
    await rtl.page.getByRole('button', { name: 'تحدّث مع المبيعات خلال 60 ثانية' }).waitFor({ timeout: 5000 });
    expect(await rtl.page.evaluate(() => document.querySelector('[data-sixty-widget]')!.shadowRoot!.querySelector('.frame')!.getAttribute('dir'))).toBe('rtl');
    await rtl.context.close();
  });
});
