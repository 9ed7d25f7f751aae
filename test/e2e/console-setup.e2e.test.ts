// The first-run page, which the console loads on demand (it is seen once per install, so it is
// not in the bundle every rep downloads): an empty install shows it, and filling it in with the
// printed setup token signs the new admin in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { SETUP_TOKEN } from '../../server/console/setup-token';
import { launchBrowser } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/test-server';

let browser: Browser;
let s: TestServer;

beforeAll(async () => {
  browser = await launchBrowser();
  s = await startTestServer({ demo: false, allowEmpty: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

describe('first-run setup in the console', () => {
  it('shows the setup form on an empty install and signs the first admin in', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${s.url}/console/`);
    await page.getByRole('heading', { name: 'Create the first admin' }).waitFor({ timeout: 10_000 });
    await page.getByLabel('Workspace name').fill('Beta Ltd');
    await page.getByLabel('Your name').fill('Bea Admin');
    await page.getByLabel('Email').fill('bea@beta.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByLabel('Setup token').fill(await s.deps.store.secret(SETUP_TOKEN));
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByText('Bea Admin').first().waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
  }, 60_000);
});
