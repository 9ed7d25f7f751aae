// Shared steps of the console admin browser tests: sign in where a page is asked for, and
// screenshots of a page at desktop and phone widths.
import { TEST_DEMO_PASSWORD } from '../helpers/test-server';
import type { Page } from 'playwright-core';
import { screenshotPath } from '../helpers/browser';

export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 375, height: 740 };

/** Opens a console path; the sign-in form shows first, then the page asked for. */
export async function openSignedIn(page: Page, url: string, path: string, email: string, password = TEST_DEMO_PASSWORD) {
  await page.goto(`${url}/console${path}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Sticky bars would be drawn mid-page in a full-page capture: pin them for the shot (CSSOM, so CSP allows it). */
const STICKY = '.console-bar, .action-bar, .rules-side, .appearance-side';

async function fullPage(page: Page, path: string) {
  await page.evaluate((sel) => document.querySelectorAll<HTMLElement>(sel).forEach((el) => (el.style.position = 'static')), STICKY);
  await page.screenshot({ path, fullPage: true });
  await page.evaluate((sel) => document.querySelectorAll<HTMLElement>(sel).forEach((el) => (el.style.position = '')), STICKY);
}

/** A full-page screenshot at 1280 px, then at 375 px; the viewport is left at 1280. */
export async function shoot(page: Page, name: string) {
  await page.setViewportSize(DESKTOP);
  await fullPage(page, screenshotPath(`${name}-1280`));
  await page.setViewportSize(PHONE);
  // Charts redraw on resize (ResizeObserver), one frame later.
  await page.waitForTimeout(100);
  await fullPage(page, screenshotPath(`${name}-375`));
  await page.setViewportSize(DESKTOP);
}

/** Errors a page threw or logged (CSP violations show up as console errors). */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  return errors;
}
