// Every console page passes axe-core's WCAG 2.0-2.2 A and AA rules with no serious or critical
// violation: the sign-in and first-run pages, the queue, the supervisor view, every admin and
// manager page in console/routes.ts, and the one-time link landing pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_ROUTES } from '../../console/routes';
import { launchBrowser } from '../helpers/browser';
import { axeRun, type AxeViolation } from '../helpers/page-watch';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { openSignedIn } from './console-admin.helpers';

let server: TestServer;
let browser: Browser;
let siteId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  siteId = (await server.deps.store.siteByKey(server.siteKey))!.id;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Serious and critical violations only: the bar (moderate ones are reported by the run but not failed). */
async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const { violations, checkedNodes } = await axeRun(page);
  expect(checkedNodes).toBeGreaterThan(20);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A page is drawn once its main content has a heading and nothing says it is loading. */
async function settled(page: Page) {
  await page.locator('main h1, main h2, h1').first().waitFor();
  await expect.poll(() => page.locator('[aria-busy="true"], .loading').count()).toBe(0);
}

describe('console accessibility', () => {
  it('sign-in page', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/console/`);
    await page.getByLabel('Email').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  // One axe run per admin page (about 2 s each on a busy machine), and the list grows with each page added.
  it('every page an admin opens', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await openSignedIn(page, server.url, '/queue', 'admin@demo.sixty');
    await page.getByRole('heading').first().waitFor();
    const found: Record<string, AxeViolation[]> = {};
    const paths = ['/queue', ...ADMIN_ROUTES.map((r) => r.path.replace(':siteId', siteId))];
    for (const path of paths) {
      await page.goto(`${server.url}/console${path}`);
      await settled(page);
      const serious = await seriousViolations(page);
      if (serious.length) found[path] = serious;
    }
    // The supervisor view, a tab of the queue for managers and admins.
    await page.goto(`${server.url}/console/queue`);
    await page.getByRole('button', { name: 'Supervisor' }).click();
    await page.getByRole('region', { name: 'Reps' }).getByRole('rowheader', { name: 'Dana Reyes' }).waitFor();
    const supervisor = await seriousViolations(page);
    if (supervisor.length) found.supervisor = supervisor;
    expect(found).toEqual({});
    await page.close();
  }, 90_000);

  it('one-time link landing pages', async () => {
    const admin = await signIn(server.url, 'admin@demo.sixty');
    const invite = await fetch(`${server.url}/v1/console/users/invites`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin, origin: server.url },
      body: JSON.stringify({ email: 'axe@demo.sixty', name: 'Axe Tester', role: 'rep' }),
    });
    const { link } = (await invite.json()) as { link: string };
    const page = await browser.newPage();
    await page.goto(link);
    await page.getByLabel('Password', { exact: false }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
