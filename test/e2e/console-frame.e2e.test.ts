// The console as one place (issue 16, item 11): managers and admins land on Numbers and reps on
// their queue; every page has one header bar and one content width at 1280 and 375 px; a rep in
// no team is flagged and added to one with a click; the time-zone picker starts at the browser's
// zone and is searched by typing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { axeRun } from '../helpers/page-watch';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { collectErrors, DESKTOP, openSignedIn, PHONE, shoot } from './console-admin.helpers';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** axe-core's serious and critical findings (the bar of console-axe.e2e.test.ts). */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await axeRun(page);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.targets.join(', ')}`);
}

async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: DESKTOP, ...options });
  return context.newPage();
}

/** Sticky or fixed boxes drawn at the top of the page, outside the one header bar. */
function otherTopBars(page: Page): Promise<number> {
  return page.evaluate(() => {
    const banner = document.querySelector('[role="banner"], body > * header:not(main header):not(section header)');
    return [...document.querySelectorAll<HTMLElement>('body *')].filter((el) => {
      const style = getComputedStyle(el);
      if (style.position !== 'sticky' && style.position !== 'fixed') return false;
      if (banner && (banner === el || banner.contains(el))) return false;
      const box = el.getBoundingClientRect();
      return box.height > 0 && box.top < 10;
    }).length;
  });
}

interface Frame {
  banners: number;
  barHeight: number;
  navs: number;
  /** Where the page's content column is: left edge and width. */
  left: number;
  width: number;
  otherBars: number;
  /** Pixels of page links scrolled out of sight. */
  navOverflow: number;
}

async function frameOf(page: Page): Promise<Frame> {
  const banners = await page.getByRole('banner').count();
  const barHeight = await page
    .getByRole('banner')
    .first()
    .evaluate((el) => Math.round(el.getBoundingClientRect().height));
  // The page links live in that one bar, not in a second one below it.
  const nav = page.getByRole('banner').getByRole('navigation', { name: 'Console' });
  const navs = await nav.count();
  const navOverflow = navs ? await nav.evaluate((el) => el.scrollWidth - el.clientWidth) : 0;
  // The column the page's boxes (panels, cards) fill: their leftmost and rightmost edges.
  const column = await page.locator('main').evaluate((main) => {
    const boxes = [...main.querySelectorAll('.panel')].map((el) => el.getBoundingClientRect()).filter((b) => b.width > 1);
    const left = Math.min(...boxes.map((b) => b.left));
    return { left: Math.round(left), width: Math.round(Math.max(...boxes.map((b) => b.right)) - left) };
  });
  return { banners, barHeight, navs, navOverflow, ...column, otherBars: await otherTopBars(page) };
}

describe('where people land', () => {
  it('takes an admin to Numbers at / and after sign-in, with the queue one link away', async () => {
    const page = await newPage();
    const errors = collectErrors(page);
    await openSignedIn(page, server.url, '/', 'admin@demo.sixty');
    await page.getByRole('heading', { name: 'Numbers', level: 1 }).waitFor();
    await expect.poll(() => page.url()).toBe(`${server.url}/console/numbers`);
    expect(await page.getByText('You are away').count()).toBe(0);
    // The address says Numbers: a reload or `/` again stays there.
    await page.goto(`${server.url}/console/`);
    await page.getByRole('heading', { name: 'Numbers', level: 1 }).waitFor();
    await expect.poll(() => page.url()).toBe(`${server.url}/console/numbers`);

    const nav = page.getByRole('navigation', { name: 'Console' });
    await expect.poll(() => nav.getByRole('link', { name: 'Numbers' }).getAttribute('aria-current')).toBe('page');
    await nav.getByRole('link', { name: 'Queue' }).click();
    await page.locator('[data-connection="live"]').waitFor();
    await expect.poll(() => page.url()).toBe(`${server.url}/console/queue`);
    await expect.poll(() => nav.getByRole('link', { name: 'Queue' }).getAttribute('aria-current')).toBe('page');
    await page.getByRole('group', { name: 'Your status' }).waitFor();
    // Back returns to Numbers.
    await page.goBack();
    await page.getByRole('heading', { name: 'Numbers', level: 1 }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('takes a rep to their queue at /, with no page links', async () => {
    const page = await newPage();
    await openSignedIn(page, server.url, '/', 'dana@demo.sixty');
    await page.locator('[data-connection="live"]').waitFor();
    await page.getByRole('group', { name: 'Your status' }).waitFor();
    expect(page.url()).toBe(`${server.url}/console/`);
    expect(await page.getByRole('navigation', { name: 'Console' }).count()).toBe(0);
    await page.context().close();
  });
});

describe('the router (preact-iso)', () => {
  it('moves between pages in the app, follows Back and Forward, and names what is not found', async () => {
    const siteId = (await server.deps.store.siteByKey(server.siteKey))!.id;
    const page = await newPage();
    const errors = collectErrors(page);
    await openSignedIn(page, server.url, '/sites', 'admin@demo.sixty');
    await page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor();
    // Set on this document: a full page load would lose it.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    const stayed = () => page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed === true);
    await page.getByRole('region', { name: 'Acme website' }).getByRole('link', { name: 'Routing', exact: true }).click();
    await page.getByRole('heading', { name: 'Routing rules', level: 1 }).waitFor();
    await expect.poll(() => page.url()).toBe(`${server.url}/console/sites/${siteId}/routing`);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Routing rules', level: 1 }).waitFor();
    await page.goForward();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    expect(await stayed()).toBe(true);

    // Addresses that are no page, including a broken %-escape, say so inside the console.
    for (const path of ['/no-such-page', '/sites/%E0%A4%A/rules']) {
      await page.goto(`${server.url}/console${path}`);
      await page.getByRole('heading', { name: 'Page not found', level: 1 }).waitFor();
      await page
        .getByRole('banner')
        .getByRole('link', { name: /Acme Commercial Kitchens/ })
        .waitFor();
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('one frame for every page', () => {
  it('has one header bar and the same content column on the queue, supervisor and admin pages, at 1280 and 375 px', async () => {
    const siteId = (await server.deps.store.siteByKey(server.siteKey))!.id;
    const page = await newPage();
    const errors = collectErrors(page);
    await openSignedIn(page, server.url, '/queue', 'admin@demo.sixty');
    await page.locator('[data-connection="live"]').waitFor();
    const pages: Array<[string, () => Promise<unknown>]> = [
      ['/queue', () => page.locator('[data-connection="live"]').waitFor()],
      ['/queue#supervisor', () => page.getByRole('region', { name: 'Reps' }).waitFor()],
      ['/numbers', () => page.getByRole('heading', { name: 'Numbers', level: 1 }).waitFor()],
      ['/teams', () => page.getByRole('heading', { name: 'Teams', level: 1 }).waitFor()],
      ['/users', () => page.getByRole('heading', { name: 'Users', level: 1 }).waitFor()],
      [`/sites/${siteId}/rules`, () => page.getByRole('heading', { level: 1 }).first().waitFor()],
    ];
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      const seen: Record<string, Frame> = {};
      for (const [path, ready] of pages) {
        await page.goto(`${server.url}/console${path}`);
        await ready();
        seen[path] = await frameOf(page);
      }
      const first = seen['/queue']!;
      for (const [path, frame] of Object.entries(seen)) {
        expect({ path, banners: frame.banners, navs: frame.navs, otherBars: frame.otherBars }).toEqual({ path, banners: 1, navs: 1, otherBars: 0 });
        expect({ path, left: frame.left, width: frame.width }).toEqual({ path, left: first.left, width: first.width });
      }
      if (viewport === DESKTOP) {
        // One row at 1280: the queue's controls sit in the same bar as the page links.
        for (const frame of Object.values(seen)) expect(frame.barHeight).toBe(first.barHeight);
        expect(first.barHeight).toBeLessThanOrEqual(64);
        expect(first.width).toBeGreaterThan(1100);
        // Every page link shows: none scrolled out of the bar.
        for (const [path, frame] of Object.entries(seen)) expect({ path, hiddenLinks: frame.navOverflow > 1 }).toEqual({ path, hiddenLinks: false });
      } else {
        expect(first.width).toBeGreaterThan(340);
      }
    }
    await page.setViewportSize(DESKTOP);
    await page.goto(`${server.url}/console/queue`);
    await page.locator('[data-connection="live"]').waitFor();
    await shoot(page, 'console-frame-queue-admin');
    await page.goto(`${server.url}/console/numbers`);
    await page.getByRole('heading', { name: 'Numbers', level: 1 }).waitFor();
    await page.locator('.loading, [aria-busy="true"]').first().waitFor({ state: 'detached' });
    await shoot(page, 'console-frame-numbers');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("puts a rep's queue controls in the same one bar", async () => {
    const page = await newPage();
    await openSignedIn(page, server.url, '/', 'sam@demo.sixty');
    await page.locator('[data-connection="live"]').waitFor();
    const banner = page.getByRole('banner');
    expect(await banner.count()).toBe(1);
    for (const name of ['Available', 'Away', 'Sign out']) await banner.getByRole('button', { name, exact: true }).waitFor();
    expect(await otherTopBars(page)).toBe(0);
    await shoot(page, 'console-frame-queue-rep');
    await page.context().close();
  });
});

describe('a rep in no team', () => {
  it('is flagged on Users and Teams and joins a team with one click', async () => {
    const admin = await signIn(server.url, 'admin@demo.sixty');
    const headers = { 'content-type': 'application/json', cookie: admin, origin: server.url };
    const invite = await fetch(`${server.url}/v1/console/users/invites`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: 'riley@demo.sixty', name: 'Riley Rookie', role: 'rep' }),
    });
    const { link } = (await invite.json()) as { link: string };
    const token = link.slice(link.lastIndexOf('/') + 1);
    const accepted = await fetch(`${server.url}/v1/console/invites/${token}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ password: 'riley-password-1' }),
    });
    expect(accepted.status).toBe(201);

    const page = await newPage();
    const errors = collectErrors(page);
    await openSignedIn(page, server.url, '/users', 'admin@demo.sixty');
    const flag = page.getByRole('region', { name: 'Reps in no team' });
    const row = flag.getByRole('listitem').filter({ hasText: 'Riley Rookie' });
    await row.getByText('In no team').waitFor();
    await page.getByRole('list', { name: 'Users' }).getByRole('listitem').filter({ hasText: 'riley@demo.sixty' }).getByText('In no team').waitFor();
    // The demo's reps are in Sales: not flagged.
    expect(await flag.getByRole('listitem').filter({ hasText: 'Dana Reyes' }).count()).toBe(0);
    await shoot(page, 'console-users-no-team');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Routing' }).click();
    await page.getByRole('heading', { name: 'Teams', level: 1 }).waitFor();
    await flag.getByRole('listitem').filter({ hasText: 'Riley Rookie' }).getByText('In no team').waitFor();
    await shoot(page, 'console-teams-no-team');
    expect(await seriousViolations(page)).toEqual([]);

    await flag.getByRole('button', { name: 'Add Riley Rookie to Sales' }).click();
    await flag.getByText('Riley Rookie is in Sales now.').waitFor();
    await expect.poll(() => flag.getByRole('listitem').count()).toBe(0);
    // What a person sees: Sales lists Riley; the Reps page says so too.
    await expect.poll(() => page.getByRole('region', { name: 'Sales' }).innerText()).toContain('Riley Rookie (weight 1)');
    await page.getByRole('link', { name: 'Reps' }).click();
    await page.getByRole('region', { name: 'Riley Rookie' }).getByText('rep · Sales').waitFor();
    // And what routing reads: the team's members.
    const teams = (await (await fetch(`${server.url}/v1/console/teams`, { headers })).json()) as Array<{ name: string; members: Array<{ name: string }> }>;
    const sales = teams.find((t) => t.name === 'Sales')!;
    expect(sales.members.map((m) => m.name)).toEqual(expect.arrayContaining(['Dana Reyes', 'Sam Okafor', 'Riley Rookie']));
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('time-zone picker', () => {
  it("starts at the browser's zone and is searched and picked from the keyboard", async () => {
    const page = await newPage({ timezoneId: 'Asia/Tokyo' });
    const errors = collectErrors(page);
    await openSignedIn(page, server.url, '/teams', 'admin@demo.sixty');
    await page.getByRole('button', { name: 'Add team' }).click();
    const form = page.getByRole('region', { name: 'Add a team' });
    const zone = form.getByRole('combobox', { name: 'Time zone' });
    await expect.poll(() => zone.inputValue()).toBe('Asia/Tokyo');

    // Type part of a city; the matches list; arrows and Enter pick without submitting the form.
    await zone.focus();
    await page.keyboard.type('new y');
    const list = form.getByRole('listbox', { name: 'Time zone: matches' });
    await expect.poll(() => list.getByRole('option').allTextContents()).toEqual(['America/New_York']);
    await expect.poll(() => zone.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Enter');
    await expect.poll(() => zone.inputValue()).toBe('America/New_York');
    await expect.poll(() => zone.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('europe/b');
    await expect.poll(() => list.getByRole('option').count()).toBeGreaterThan(2);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => zone.getAttribute('aria-activedescendant')).toBeTruthy();
    const second = await list.getByRole('option').nth(1).textContent();
    await expect.poll(() => list.getByRole('option', { selected: true }).textContent()).toBe(second);
    await shoot(page, 'console-tz-picker');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await expect.poll(() => zone.inputValue()).toBe(second);

    // Text that is no zone is refused on leaving the field, and the zone is kept.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Atlantis');
    await expect.poll(() => list.getByRole('option').allTextContents()).toEqual(['No time zone matches']);
    await page.keyboard.press('Tab');
    await form.getByText(`“Atlantis” is not a time zone; still ${second}.`, { exact: false }).waitFor();
    await expect.poll(() => zone.inputValue()).toBe(second);

    // What is saved is the picked zone.
    await form.getByLabel('Team name').fill('Night shift');
    await form.getByRole('button', { name: 'Create team' }).click();
    await page.getByRole('region', { name: 'Night shift' }).getByText(`(${second})`, { exact: false }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
