// Shared steps of the host-form browser tests: the fixture quote form (test/fixtures/forms-quote.html)
// opened on its own origin, filled in, and a rep signed in and available.
import { expect, vi } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { TEST_DEMO_PASSWORD } from '../helpers/test-server';

/** What the visitor types that Sixty must never store: the form's secrets and its unmapped text. */
export const SECRETS = ['hunter2-Secret!', '4242424242424242', 'hidden-csrf-value-9c1f'];

export async function signInRep(context: BrowserContext, url: string, email: string): Promise<Page> {
  const rep = await context.newPage();
  await rep.goto(`${url}/console/`);
  await rep.getByLabel('Email').fill(email);
  await rep.getByLabel('Password').fill(TEST_DEMO_PASSWORD);
  await rep.getByRole('button', { name: 'Sign in' }).click();
  await rep.getByRole('button', { name: 'Available', exact: true }).click();
  await expect.poll(() => rep.getByText('Live', { exact: true }).count(), { timeout: 5000 }).toBeGreaterThan(0);
  return rep;
}

/** Waits until the tracker has loaded and been handed which forms are mapped (from the loader's config: the tracker reads it no more). */
export async function trackerReady(page: Page, siteKey: string, goto: () => Promise<unknown>): Promise<void> {
  await goto();
  // Counted by the page's own resource timing, so a page that started loading before this call (a popup) counts too.
  const configs = () =>
    page.evaluate((key) => performance.getEntriesByType('resource').filter((e) => e.name.includes(`/v1/sites/${key}/config`)).length, siteKey);
  // vi.waitFor, not expect.poll: this also runs in beforeAll.
  await vi.waitFor(async () => expect(await configs()).toBeGreaterThanOrEqual(1), { timeout: 5000, interval: 50 });
  await vi.waitFor(async () => expect(await page.evaluate(() => !!(window as unknown as { sixty?: { _track?: unknown } }).sixty?._track)).toBe(true), {
    timeout: 5000,
    interval: 50,
  });
  // The tracker starts in an idle callback after its file has loaded: one more idle callback has it started.
  await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 2000 })));
  expect(await configs()).toBe(1);
}

/** Fills the quote form; `phone: null` when the page has no phone field (`?nophone`). */
export async function fillQuote(page: Page, who: { name: string; phone: string | null; role?: string }) {
  await page.getByPlaceholder('Your name').fill(who.name);
  await page.getByPlaceholder('Work email').fill('robin@northwind.test');
  if (who.phone !== null) await page.getByPlaceholder('Phone').fill(who.phone);
  await page.getByPlaceholder('Company').fill('Northwind Kitchens');
  await page.getByLabel('Company size').selectOption({ label: '51-200' });
  await page.getByLabel('Commercial').check();
  await page.getByLabel(who.role ?? 'I decide or sign off on purchases').check();
  await page.getByPlaceholder('Tell us about your kitchen').fill('Two ovens for a new canteen');
  await page.getByPlaceholder('Choose a password').fill(SECRETS[0]!);
  await page.getByPlaceholder('Card number (for the deposit)').fill(SECRETS[1]!);
  await page.getByPlaceholder('CVC').fill('987');
}
