// The widget appearance an admin saves, seen from the visitor's side (issue 15, item 1): in fresh
// browser contexts on a customer's page (another origin), the launcher takes the accent colour,
// the text colour that reads on it, the corner and the stacking order; the panel's header and
// buttons and the live and slot screens use the accent too; the texts follow the page's language;
// a page's own data-z-index wins. The screens pass axe with a custom colour. Screenshots of the
// widget in a custom colour on the left go to test/.artifacts/widget-appearance-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { OfferView } from '../../shared/api';
import { DEFAULT_APPEARANCE } from '../../shared/appearance';
import { connected, nextEvent, repSocket, signIn, startTestServer, type RepClient, type TestServer } from '../helpers/test-server';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { serveFixtures, type FixtureSite } from '../helpers/fixture-site';
import { expectNoAxeViolations, readWatch, watchPages } from '../helpers/page-watch';

let server: TestServer;
let site: FixtureSite;
let browser: Browser;
let admin: string;
let siteId: string;

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

/** Violet: white text on it reaches 5.7:1, and it reads on white, so it is used there too. */
const VIOLET = { hex: '#6d28d9', rgb: 'rgb(109, 40, 217)' };
const WHITE = 'rgb(255, 255, 255)';
const INK = 'rgb(26, 29, 35)';
const TEXTS = {
  en: { launcher: 'Ring me back', title: 'Ring us', submit: 'Ring me now' },
  fr: { launcher: 'Appelez-moi', title: 'Parlons-en', submit: 'Rappelez-moi' },
};

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  site = await serveFixtures(server.url, server.siteKey);
  admin = await signIn(server.url, 'admin@demo.sixty');
  const workspaceId = (await server.deps.store.userByEmail('admin@demo.sixty'))!.workspaceId;
  siteId = (await server.deps.store.sitesOfWorkspace(workspaceId))[0]!.id;
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.stop();
});

/** What an admin saves on the appearance page, through the same console API. */
async function saveAppearance(appearance: typeof DEFAULT_APPEARANCE): Promise<void> {
  const res = await fetch(`${server.url}/v1/console/sites/${siteId}/appearance`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie: admin },
    body: JSON.stringify(appearance),
  });
  expect(res.status).toBe(200);
}

async function visit(fixture: string, options: Parameters<Browser['newContext']>[0]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  await watchPages(context);
  const page = await context.newPage();
  await page.goto(site.url(fixture));
  return { context, page };
}

const colours = (el: Locator) => el.evaluate((e) => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]);
const dockZ = (page: Page) => page.evaluate(() => getComputedStyle(document.querySelector('[data-sixty-widget]')!.shadowRoot!.querySelector('.dock')!).zIndex);

async function expectCorner(page: Page, el: Locator, corner: 'left' | 'right'): Promise<void> {
  const box = (await el.boundingBox())!;
  const width = page.viewportSize()!.width;
  if (corner === 'left') expect(box.x).toBeLessThan(40);
  else expect(width - (box.x + box.width)).toBeLessThan(40);
  expect(box.y + box.height).toBeGreaterThan(page.viewportSize()!.height - 40);
}

async function fillForm(panel: Locator): Promise<void> {
  await panel.getByLabel('Name', { exact: true }).fill('Vi Olet');
  await panel.getByLabel('Phone', { exact: true }).fill('+1 415 555 0177');
  for (const value of ['commercial', '51-200', 'decision']) await panel.locator(`input[type=radio][value="${value}"]`).check();
}

describe('a custom accent, on the left', () => {
  let rep: RepClient;
  beforeAll(async () => {
    await saveAppearance({ accentColor: VIOLET.hex, position: 'left', zIndex: 12345, texts: TEXTS });
    rep = repSocket(server.url, await signIn(server.url, 'dana@demo.sixty'));
    await connected(rep);
  });
  afterAll(() => rep?.close());

  it('colours the launcher, the panel’s header and buttons and the live screens, at 1280 px', async () => {
    await rep.emitWithAck('presence:set', 'available');
    const { context, page } = await visit('guest-plain', DESKTOP);
    const launcher = page.getByRole('button', { name: 'Ring me back' });
    await launcher.waitFor({ timeout: 5000 });
    expect(await colours(launcher)).toEqual([VIOLET.rgb, WHITE]);
    await expectCorner(page, launcher, 'left');
    expect(await dockZ(page)).toBe('12345');
    await page.screenshot({ path: screenshotPath('widget-appearance-left-1280') });

    await launcher.click();
    const panel = page.getByRole('dialog', { name: 'Ring us' });
    await panel.getByLabel('Name', { exact: true }).waitFor({ timeout: 5000 });
    expect(Math.round((await panel.boundingBox())!.x)).toBe(20);
    expect(await panel.evaluate((el) => getComputedStyle(el).zIndex)).toBe('12345');
    expect(await colours(panel.locator('.head'))).toEqual([VIOLET.rgb, WHITE]);
    const submit = panel.getByRole('button', { name: 'Ring me now' });
    expect(await colours(submit)).toEqual([VIOLET.rgb, WHITE]);
    await fillForm(panel);
    // A chosen answer is outlined in the accent, where it reads on white.
    expect(
      await panel
        .locator('.option:has(:checked)')
        .first()
        .evaluate((el) => getComputedStyle(el).borderColor),
    ).toBe(VIOLET.rgb);
    await expectNoAxeViolations(page, 'panel');
    await page.screenshot({ path: screenshotPath('widget-appearance-left-panel-1280') });

    const offered = nextEvent<OfferView>(rep, 'offer:new');
    await submit.click();
    const offer = await offered;
    const ring = panel.locator('.ring-progress');
    await ring.waitFor({ timeout: 5000 });
    expect(await ring.evaluate((el) => getComputedStyle(el).stroke)).toBe(VIOLET.rgb);
    await expectNoAxeViolations(page, 'live: waiting');
    expect(await rep.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true });
    const name = panel.locator('[data-sixty-live="accepted"] strong');
    await name.waitFor({ timeout: 5000 });
    expect(await name.evaluate((el) => getComputedStyle(el).color)).toBe(VIOLET.rgb);
    await expectNoAxeViolations(page, 'live: accepted');
    await page.screenshot({ path: screenshotPath('widget-appearance-left-live-1280') });
    expect((await readWatch(page)).errors).toEqual([]);
    await context.close();
  });

  it('stays on the left at 375 px, and the slot screen uses the accent too', async () => {
    await rep.emitWithAck('presence:set', 'away');
    const { context, page } = await visit('guest-plain', PHONE);
    const launcher = page.getByRole('button', { name: 'Ring me back' });
    await launcher.waitFor({ timeout: 5000 });
    expect(await colours(launcher)).toEqual([VIOLET.rgb, WHITE]);
    await expectCorner(page, launcher, 'left');
    await page.screenshot({ path: screenshotPath('widget-appearance-left-375') });

    await launcher.click();
    const panel = page.getByRole('dialog', { name: 'Ring us' });
    await panel.getByLabel('Name', { exact: true }).waitFor({ timeout: 5000 });
    // The phone layout still takes the whole screen, whichever corner the launcher is in.
    expect(await panel.boundingBox()).toEqual({ x: 0, y: 0, width: 375, height: 740 });
    await page.screenshot({ path: screenshotPath('widget-appearance-left-panel-375') });
    await fillForm(panel);
    await panel.getByRole('button', { name: 'Ring me now' }).click();
    // Nobody is available: the visitor picks a time.
    await panel.locator('[data-sixty-live="no_rep"]').waitFor({ timeout: 5000 });
    const slot = panel.locator('.slot').first();
    await slot.waitFor({ timeout: 5000 });
    await slot.hover();
    expect(await slot.evaluate((el) => getComputedStyle(el).borderColor)).toBe(VIOLET.rgb);
    expect(await panel.locator('.badge').evaluate((el) => getComputedStyle(el).color)).toBe(VIOLET.rgb);
    await expectNoAxeViolations(page, 'live: pick a slot');
    await page.screenshot({ path: screenshotPath('widget-appearance-left-slots-375') });
    await context.close();
  });

  it('lets the page’s own data-z-index win over the site’s', async () => {
    const { context, page } = await visit('guest-z-index', DESKTOP);
    await page.getByRole('button', { name: 'Ring me back' }).waitFor({ timeout: 5000 });
    expect(await dockZ(page)).toBe('777');
    await context.close();
  });
});

describe('texts by language, and a light accent', () => {
  beforeAll(() => saveAppearance({ accentColor: '#ffd400', position: 'left', zIndex: DEFAULT_APPEARANCE.zIndex, texts: TEXTS }));

  it('shows a French page the French texts, with dark text on the yellow', async () => {
    const { context, page } = await visit('guest-fr', DESKTOP);
    const launcher = page.getByRole('button', { name: 'Appelez-moi' });
    await launcher.waitFor({ timeout: 5000 });
    expect(await colours(launcher)).toEqual(['rgb(255, 212, 0)', INK]);
    expect(await dockZ(page)).toBe(String(DEFAULT_APPEARANCE.zIndex));
    await launcher.click();
    const panel = page.getByRole('dialog', { name: 'Parlons-en' });
    const submit = panel.getByRole('button', { name: 'Rappelez-moi' });
    await submit.waitFor({ timeout: 5000 });
    expect(await colours(submit)).toEqual(['rgb(255, 212, 0)', INK]);
    // Yellow does not read on white: a chosen answer is outlined in ink instead.
    await panel.locator('input[type=radio][value="commercial"]').check();
    expect(await panel.locator('.option:has(:checked)').evaluate((el) => getComputedStyle(el).borderColor)).toBe(INK);
    await expectNoAxeViolations(page, 'panel, yellow');
    await page.screenshot({ path: screenshotPath('widget-appearance-fr-yellow-1280') });
    await context.close();
  });

  it('leaves an Arabic page its built-in Arabic, mirroring the corner', async () => {
    const { context, page } = await visit('guest-rtl', DESKTOP);
    const launcher = page.getByRole('button', { name: 'تحدّث مع المبيعات خلال 60 ثانية' });
    await launcher.waitFor({ timeout: 5000 });
    await expectCorner(page, launcher, 'right');
    await context.close();
  });
});
