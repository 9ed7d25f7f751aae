// Helpers for the rep queue browser tests: sign a rep in, set them available, make a hot lead
// with a behaviour history, and read what the queue shows.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { postEvents, pageView } from '../helpers/events';
import { TEST_DEMO_PASSWORD, HOST_ORIGIN, callbackBody, postCallback, type TestServer } from '../helpers/test-server';

export const DESKTOP = { viewport: { width: 1280, height: 800 } };
export const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

export interface Rep {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** Records page errors, and keeps `tel:` links from leaving the page (a click on one in headless
 * Chromium blocks later input): the click handler still runs, the navigation does not. */
export async function watch(page: Page, errors: string[]) {
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    document.addEventListener(
      'click',
      (e) => {
        const link = (e.target as Element | null)?.closest?.('a[href^="tel:"]');
        if (link) e.preventDefault();
      },
      true,
    );
  });
}

/** Signs in where the queue is: `/` for a rep; managers and admins land on Numbers there, so they ask for `/queue`. */
export async function signIn(page: Page, url: string, email: string, path = '/') {
  await page.goto(`${url}/console${path}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(TEST_DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('[data-connection="live"]').waitFor({ timeout: 5000 });
}

export async function setAvailable(page: Page) {
  const button = page.getByRole('button', { name: 'Available', exact: true });
  await button.click();
  await page.waitForFunction(() => document.querySelector('.presence-available')?.getAttribute('aria-pressed') === 'true', null, { timeout: 5000 });
}

export async function openRep(browser: Browser, url: string, email: string, options = DESKTOP): Promise<Rep> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors: string[] = [];
  await watch(page, errors);
  await signIn(page, url, email);
  await setAvailable(page);
  return { context, page, errors };
}

/** An open (not closed) offer card for this lead on the page. */
export function offerFor(page: Page, name: string) {
  return page.locator('article.offer:not(.offer-closed)').filter({ has: page.getByRole('heading', { name, exact: true }) });
}

let phoneSuffix = 100;
/** A distinct valid number per lead, so repeat-request protections never merge two test leads. */
export function nextPhone(): string {
  phoneSuffix += 1;
  return `(415) 555-0${phoneSuffix}`;
}

/**
 * A hot lead with a history: three page views (pricing twice), a whitepaper download and UTM
 * tags, then a callback from the same visitor in Chicago.
 */
export async function hotLeadWithHistory(server: TestServer, name: string, extra: Record<string, unknown> = {}) {
  const visitorId = `visitor_${name.replace(/\W/g, '_').toLowerCase()}_${Date.now()}`;
  const t = Date.now() - 10 * 60_000;
  await postEvents(server.url, {
    siteKey: server.siteKey,
    visitorId,
    events: [
      pageView('/blog/walk-in-coolers', t),
      pageView('/pricing', t + 60_000),
      { type: 'download', name: 'Cold-room buyer guide', url: `${HOST_ORIGIN}/guide.pdf`, at: t + 120_000 },
      pageView('/pricing', t + 180_000),
    ],
    context: { referrer: 'https://www.google.com/', utm: { source: 'google', medium: 'cpc', campaign: 'walk-in-2026' } },
  });
  return postLead(server, name, { visitorId, timeZone: 'America/Chicago', ...extra });
}

export async function postLead(server: TestServer, name: string, extra: Record<string, unknown> = {}) {
  const res = await postCallback(server.url, callbackBody(server.siteKey, { name, phone: nextPhone(), ...extra }));
  if (res.status !== 201) throw new Error(`callback refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { leadId: string };
}

/** Waits for an entrance animation to end so screenshots show what a rep reads. */
export function settle(page: Page) {
  return page.waitForTimeout(300);
}

/** Where an element's top is on the page (scroll included): to check nothing moves. */
export function topOf(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
}
