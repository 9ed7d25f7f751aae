// The widget as a guest on customers' pages (issue 7), in Chromium, on fixture pages served from
// another origin than a real Sixty server: plain, hostile CSS, strict CSP with Trusted Types, a
// single-page app, a page with its own forms, a page running another framework, and a page in
// Arabic. On each: no error or unhandled rejection reaches the page, no CSP violation, no task
// that blocks the page, no layout shift, no global but `sixty`, no cookie; the launcher and panel are
// where they belong and pass axe-core's WCAG 2.2 AA rules. Screenshots go to test/.artifacts/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { OfferView } from '../../shared/api';
import { FLUSH_MS } from '../../widget/track/batch';
import { connected, nextEvent, repSocket, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { serveFixtures, type FixtureSite } from '../helpers/fixture-site';
import { expectNoAxeViolations, pageLongTasks, readWatch, watchPages, type PageWatch } from '../helpers/page-watch';

let server: TestServer;
let site: FixtureSite;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  site = await serveFixtures(server.url, server.siteKey);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.stop();
});

const LAUNCHER = 'Talk to sales in 60 seconds';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

async function visit(fixture: string, options: Parameters<Browser['newContext']>[0] = { viewport: DESKTOP }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  await watchPages(context);
  const page = await context.newPage();
  await page.goto(site.url(fixture));
  return { context, page };
}

/**
 * Everything a host page could hold against the widget, as one object to compare. The longest
 * task leaves out the test's own (evaluating and running axe-core, hundreds of ms on a busy
 * machine): the widget's work, the page's and anything else the test did still count.
 */
async function manners(
  page: Page,
  pageGlobals: RegExp = /^$/,
): Promise<Omit<PageWatch, 'longTasks' | 'testWindows'> & { longestTaskMs: number; cookies: number }> {
  const watch = await readWatch(page);
  const cookies = (await page.context().cookies()).length;
  const { longTasks, testWindows, ...rest } = watch;
  const longestTaskMs = Math.max(0, ...pageLongTasks({ longTasks, testWindows }).map((t) => t.duration));
  return { ...rest, newGlobals: watch.newGlobals.filter((g) => g !== 'axe' && !pageGlobals.test(g)), longestTaskMs, cookies };
}

/**
 * The widget's own re-flows that no input caused (a live status arriving late on a busy machine)
 * still add to the page's CLS in a browser. The panel is positioned by a transform, so its box
 * growing or shrinking shifts nothing; what is left is its content moving inside it, a few
 * thousandths. A tenth of CLS's "good" limit (0.1) leaves room for that and fails a panel
 * that jumps (the whole panel moving measured 0.11 before).
 */
const WIDGET_SHIFT_LIMIT = 0.01;
const belowWidgetShiftLimit = {
  asymmetricMatch: (v: unknown) => typeof v === 'number' && v < WIDGET_SHIFT_LIMIT,
  toString: () => `below ${WIDGET_SHIFT_LIMIT}`,
};
/**
 * A long task here is wall-clock time: on a 2-core machine shared with other work, a 90 ms task
 * measured 450-600 ms. What the snippet costs the page is measured by `npm run bench`, as a ratio
 * against the bare page in the same run; this only catches a widget that blocks the page (a
 * second's work even on a machine shared five ways).
 */
const BLOCKING_TASK_MS = 1000;
const GOOD_MANNERS = { errors: [], rejections: [], cspViolations: [], layoutShift: 0, widgetShift: belowWidgetShiftLimit, newGlobals: ['sixty'], cookies: 0 };

async function expectLauncherInCorner(page: Page, corner: 'right' | 'left', name = LAUNCHER): Promise<void> {
  const launcher = page.getByRole('button', { name });
  await launcher.waitFor({ timeout: 5000 });
  const box = (await launcher.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.y + box.height).toBeGreaterThan(viewport.height - 40);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  if (corner === 'right') expect(viewport.width - (box.x + box.width)).toBeLessThan(40);
  else expect(box.x).toBeLessThan(40);
  // Nothing of the page covers it: the point under its middle belongs to the widget.
  const onTop = await page.evaluate(
    ([x, y]) => !!document.elementFromPoint(x!, y!)?.closest('[data-sixty-widget]'),
    [box.x + box.width / 2, box.y + box.height / 2],
  );
  expect(onTop).toBe(true);
}

/** Opens the panel and waits for the form, with focus moved into it. */
async function openPanel(page: Page, launcherName = LAUNCHER, title = 'Talk to sales', firstField = 'Name') {
  await page.getByRole('button', { name: launcherName }).click();
  const panel = page.getByRole('dialog', { name: title });
  await panel.getByLabel(firstField, { exact: true }).waitFor({ timeout: 5000 });
  await expect.poll(() => page.evaluate(() => document.querySelector('[data-sixty-widget]')?.shadowRoot?.activeElement?.id)).toBe('sixty-name');
  return panel;
}

const PAGES: Array<{ fixture: string; about: string; pageGlobals?: RegExp; axe?: boolean; exercise?: (page: Page) => Promise<void> }> = [
  { fixture: 'guest-plain', about: 'a plain page', axe: true },
  { fixture: 'guest-hostile', about: 'hostile CSS (all: unset, hidden buttons, huge fonts, transforms on every div)', axe: true },
  // axe itself is not written for Trusted Types; the same widget is checked on the other pages.
  { fixture: 'guest-csp', about: "a strict CSP: nonces only, no 'unsafe-inline', no eval, Trusted Types" },
  {
    fixture: 'guest-spa',
    about: 'a single-page app',
    exercise: async (page) => {
      await page.getByRole('link', { name: 'Pricing' }).click();
      await page.getByRole('heading', { name: 'Pricing' }).waitFor();
      await expectLauncherInCorner(page, 'right');
    },
  },
  {
    fixture: 'guest-forms',
    about: 'a page with its own forms (using the same ids as the widget)',
    axe: true,
    exercise: async (page) => {
      await page.locator('#quote-form #sixty-name').fill('Page Form');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText('Thanks!').waitFor();
    },
  },
  {
    fixture: 'guest-framework',
    about: 'another framework (its own Preact), an AMD loader and a patched Array.prototype',
    pageGlobals: /^(preact|preactHooks|define|h|useState|App|pageFetch|pageFetchCalls)$/,
    exercise: async (page) => {
      await page.getByRole('button', { name: 'Clicked 0 times' }).click();
      await page.getByRole('button', { name: 'Clicked 1 times' }).waitFor();
    },
  },
];

describe('a perfect guest on every fixture page', () => {
  for (const p of PAGES) {
    it(`on ${p.about}`, async () => {
      const { context, page } = await visit(p.fixture);
      await expectLauncherInCorner(page, 'right');
      if (p.axe) await expectNoAxeViolations(page, `${p.fixture}: launcher`);
      if (p.exercise) await p.exercise(page);

      const panel = await openPanel(page);
      // The panel keeps its own look whatever the page's CSS: a 380 px card in the corner, 15 px text.
      const box = (await panel.boundingBox())!;
      expect(Math.round(box.width)).toBe(380);
      expect(await panel.getByLabel('Name', { exact: true }).evaluate((el) => getComputedStyle(el).fontSize)).toBe('15px');
      if (p.axe) await expectNoAxeViolations(page, `${p.fixture}: panel`);
      await page.screenshot({ path: screenshotPath(`${p.fixture}-desktop`) });
      await page.keyboard.press('Escape');
      await expect
        .poll(() => page.evaluate(() => document.querySelector('[data-sixty-widget]')?.shadowRoot?.activeElement?.hasAttribute('data-sixty-launcher')))
        .toBe(true);

      // Let the tracker's first flush happen, then judge.
      await page.waitForTimeout(300);
      const seen = await manners(page, p.pageGlobals);
      expect(seen).toMatchObject(GOOD_MANNERS);
      expect(seen.longestTaskMs).toBeLessThan(BLOCKING_TASK_MS);
      await context.close();

      // 375 px: the panel takes the whole screen.
      const phone = await visit(p.fixture, PHONE);
      await phone.page.getByRole('button', { name: LAUNCHER }).waitFor({ timeout: 5000 });
      const small = await openPanel(phone.page);
      expect(await small.boundingBox()).toEqual({ x: 0, y: 0, width: 375, height: 740 });
      await phone.page.screenshot({ path: screenshotPath(`${p.fixture}-375`) });
      expect(await manners(phone.page, p.pageGlobals)).toMatchObject(GOOD_MANNERS);
      await phone.context.close();
    });
  }
});

describe('in a right-to-left language', () => {
  // An Arabic site: the page says `lang="ar"`, and the site's own questions are in Arabic.
  const ARABIC_QUESTIONS = [
    {
      id: 'projects',
      label: 'ما نوع مشاريعك؟',
      type: 'single',
      options: [
        { value: 'commercial', label: 'تجارية' },
        { value: 'residential', label: 'سكنية فقط' },
      ],
    },
    {
      id: 'size',
      label: 'كم عدد الموظفين؟',
      type: 'single',
      options: [
        { value: '1-10', label: '1-10' },
        { value: '51-200', label: '51-200' },
      ],
    },
  ];

  it('speaks Arabic, mirrors the layout, and passes axe, at desktop and 375 px', async () => {
    for (const options of [{ viewport: DESKTOP }, PHONE]) {
      const context = await browser.newContext(options);
      await watchPages(context);
      await context.route('**/v1/sites/*/config', async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, json: { ...(await response.json()), siteName: 'مطابخ أكمي', questions: ARABIC_QUESTIONS } });
      });
      const page = await context.newPage();
      await page.goto(site.url('guest-rtl'));
      const launcherText = 'تحدّث مع المبيعات خلال 60 ثانية';
      await expectLauncherInCorner(page, 'left', launcherText);
      const panel = await openPanel(page, launcherText, 'تحدّث مع المبيعات', 'الاسم');
      expect(await panel.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
      const box = (await panel.boundingBox())!;
      if (options === PHONE) expect(box).toEqual({ x: 0, y: 0, width: 375, height: 740 });
      else expect(Math.round(box.x)).toBe(20);
      // Labels sit at the right edge of their fields, radios to the right of their text.
      const label = (await panel.getByText('الاسم', { exact: true }).boundingBox())!;
      const input = (await panel.getByLabel('الاسم', { exact: true }).boundingBox())!;
      expect(label.x + label.width).toBeCloseTo(input.x + input.width, 0);
      const radio = (await panel.getByRole('radio', { name: 'تجارية' }).boundingBox())!;
      const option = (await panel.getByText('تجارية', { exact: true }).boundingBox())!;
      expect(radio.x).toBeGreaterThan(option.x);
      await expectNoAxeViolations(page, `rtl ${options.viewport.width}: panel`);
      // The check's own messages come from the Arabic pack.
      await panel.getByRole('button', { name: 'اتصلوا بي الآن' }).click();
      await panel.getByText('يرجى كتابة اسمك').waitFor();
      await page.screenshot({ path: screenshotPath(`guest-rtl-${options.viewport.width === 375 ? '375' : 'desktop'}`) });
      expect(await manners(page)).toMatchObject(GOOD_MANNERS);
      await context.close();
    }
  });
});

describe('never throws into the page, whatever the Sixty server does', () => {
  const garbage = JSON.stringify({
    siteName: 5,
    questions: 'none',
    consent: 7,
    trackSelectors: 'x',
    promiseSeconds: 'soon',
    appearance: { accentColor: 'red;}*{display:none', textColor: 5, accentOnWhite: null, position: 7, zIndex: 'top', texts: { en: 'y', ar: [1] } },
  });
  const servers: Array<{ what: string; route: (page: Page) => Promise<unknown>; launcher: boolean }> = [
    { what: 'the API is down', launcher: true, route: (page) => page.route(`${server.url}/v1/**`, (r) => r.abort('connectionrefused')) },
    { what: 'the whole server is down', launcher: false, route: (page) => page.route(`${server.url}/**`, (r) => r.abort('connectionrefused')) },
    {
      what: 'a proxy answers 502 pages',
      launcher: true,
      route: (page) => page.route(`${server.url}/v1/**`, (r) => r.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' })),
    },
    {
      what: 'the API answers garbage with 200',
      launcher: true,
      route: (page) =>
        page.route(`${server.url}/v1/**`, (r) =>
          r.fulfill({
            status: 200,
            contentType: 'application/json',
            headers: { 'access-control-allow-origin': '*' },
            body: r.request().url().includes('/config') ? garbage : '{"accepted":"many","invite":{"repName":{"evil":true}}}',
          }),
        ),
    },
    {
      what: 'the API answers with broken JSON',
      launcher: true,
      route: (page) =>
        page.route(`${server.url}/v1/**`, (r) =>
          r.fulfill({
            status: 200,
            contentType: 'application/json',
            headers: { 'access-control-allow-origin': '*' },
            body: '{"siteName": "Acme", "questions": [',
          }),
        ),
    },
  ];

  it.each(servers)('when $what', async ({ route, launcher }) => {
    const context = await browser.newContext({ viewport: DESKTOP });
    await watchPages(context);
    const page = await context.newPage();
    await route(page);
    await page.goto(site.url('guest-plain'));
    if (launcher) {
      await page.getByRole('button', { name: LAUNCHER }).click();
      const panel = page.getByRole('dialog', { name: 'Talk to sales' });
      await panel.getByText("Sorry, we can't take requests right now.").waitFor({ timeout: 5000 });
      await panel.getByRole('button', { name: 'Try again' }).click();
      await panel.getByText("Sorry, we can't take requests right now.").waitFor({ timeout: 5000 });
    } else {
      await page.waitForLoadState('load');
      expect(await page.locator('[data-sixty-widget]').count()).toBe(0);
    }
    // Past the tracker's first flush, whose answer is garbage too in one case.
    await page.waitForTimeout(FLUSH_MS + 200);
    expect(await manners(page)).toMatchObject({ ...GOOD_MANNERS, newGlobals: launcher ? ['sixty'] : [] });
    await context.close();
  });
});

describe('keyboard only, with reduced motion, under the strict CSP', () => {
  it('reaches the launcher, fills and sends the form, hears the live status over the socket, and gives focus back', async () => {
    const rep = repSocket(server.url, await signIn(server.url, 'dana@demo.sixty'));
    await connected(rep);
    await rep.emitWithAck('presence:set', 'available');

    const context = await browser.newContext({ viewport: DESKTOP, reducedMotion: 'reduce' });
    await watchPages(context);
    const page = await context.newPage();
    await page.goto(site.url('guest-csp'));
    await page.getByRole('button', { name: LAUNCHER }).waitFor({ timeout: 5000 });
    const focused = () =>
      page.evaluate(() => {
        const el = document.querySelector('[data-sixty-widget]')?.shadowRoot?.activeElement;
        return el ? el.getAttribute('aria-label') || el.id || el.getAttribute('value') || el.textContent : null;
      });
    for (let i = 0; i < 10 && (await focused()) !== LAUNCHER; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe(LAUNCHER);
    await page.keyboard.press('Enter');
    await expect.poll(focused, { timeout: 5000 }).toBe('sixty-name');

    await page.keyboard.type('Kim Keyboard');
    await page.keyboard.press('Tab');
    await page.keyboard.type('+1 415 555 0199');
    await page.keyboard.press('Tab'); // email, optional
    await page.keyboard.press('Tab'); // first project option
    await page.keyboard.press('Space');
    expect(await focused()).toBe('commercial');
    await page.keyboard.press('Tab'); // company size: arrows move and choose
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('51-200');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Call me now');
    // Listening before the request goes: the offer can reach the rep within milliseconds.
    const offered = nextEvent<OfferView>(rep, 'offer:new');
    await page.keyboard.press('Enter');

    const offer = await offered;
    expect(offer.lead.name).toBe('Kim Keyboard');
    const panel = page.getByRole('dialog', { name: 'Talk to sales' });
    // Reduced motion: the countdown ring does not animate.
    const ring = panel.locator('.ring-progress');
    await ring.waitFor({ timeout: 5000 });
    expect(await ring.evaluate((el) => getComputedStyle(el).transitionDuration)).toBe('0s');
    // The status line took focus, and announces itself.
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-sixty-widget]')?.shadowRoot?.activeElement?.getAttribute('role'))).toBe('status');
    expect(await rep.emitWithAck('offer:accept', { offerId: offer.offerId })).toMatchObject({ ok: true });
    await expect.poll(() => panel.locator('[data-sixty-status]').innerText(), { timeout: 5000 }).toContain('Dana Reyes accepted');
    await expectNoAxeWithoutTrustedTypes(page);

    await page.keyboard.press('Escape');
    await expect.poll(focused).toBe(LAUNCHER);
    expect(await manners(page)).toMatchObject({ ...GOOD_MANNERS, newGlobals: ['sixty'] });
    rep.close();
    await context.close();
  });
});

/** The accepted state, checked by axe on a copy of the widget's markup in a page without Trusted Types. */
async function expectNoAxeWithoutTrustedTypes(page: Page): Promise<void> {
  const html = await page.evaluate(() => {
    const root = document.querySelector('[data-sixty-widget]')!.shadowRoot!;
    const css = root.adoptedStyleSheets.map((sheet) => Array.from(sheet.cssRules, (r) => r.cssText).join('\n')).join('\n');
    return { css, body: root.innerHTML };
  });
  const copy = await page.context().newPage();
  await copy.goto(site.url('guest-plain'));
  await copy.evaluate(({ css, body }) => {
    const host = document.createElement('div');
    host.setAttribute('data-sixty-widget', '');
    const root = host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    root.innerHTML = body;
    document.querySelectorAll('[data-sixty-widget]').forEach((el) => el.remove());
    document.body.append(host);
  }, html);
  await expectNoAxeViolations(copy, 'accepted status');
  await copy.close();
}
