// Behaviour tracking in a real browser, on fixture pages served from another origin than a real
// Sixty server. `POST /v1/events` is answered by the test (context.route), which is also how the
// privacy promises are checked at the network level: every request the page makes is counted.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { eventBatchSchema, type EventBatch } from '../../shared/schemas/events.schema';
import { FLUSH_MS } from '../../widget/track/batch';
import { DIST, startTestServer, type TestServer } from '../helpers/test-server';
import { launchBrowser, screenshotPath, serveHostPage, type HostPage } from '../helpers/browser';

let server: TestServer;
let browser: Browser;
let basic: HostPage;
let form: HostPage;
let spa: HostPage;

beforeAll(async () => {
  // The loader injects the tracker only when tracking is allowed; without the file every
  // tracking test would fail the same puzzling way.
  if (!existsSync(join(DIST, 'widget', 'sixty-track.js')))
    throw new Error('dist/widget/sixty-track.js is missing: run npm run build (widget/track/index.ts is a widget entry)');
  server = await startTestServer();
  [basic, form, spa] = await Promise.all(
    ['tracking-basic.html', 'tracking-form.html', 'tracking-spa.html'].map((f) => serveHostPage(f, server.url, server.siteKey)),
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([basic, form, spa].map((h) => h?.close()));
  await server?.stop();
});

/** Longer than the tracker's flush interval (imported, so raising it cannot make a "nothing was sent" check pass vacuously). */
const QUIET_MS = FLUSH_MS + 600;
const LAUNCHER = 'Talk to sales in 60 seconds';
const INVITATION = 'Questions? Dana can call you in under a minute';

interface Visit {
  context: BrowserContext;
  page: Page;
  /** Every batch the tracker sent, validated against the shared schema. */
  batches: EventBatch[];
  /** The raw request bodies, to search for values that must never leave the page. */
  bodies: string[];
  /** Requests to /v1/events, counted at the network level. */
  eventRequests: Request[];
  /** Requests for the tracker bundle itself. */
  trackerLoads: number;
  schemaErrors: string[];
  pageErrors: string[];
  callbackBodies: Record<string, unknown>[];
}

interface VisitOptions {
  config?: Record<string, unknown>;
  privacy?: 'gpc' | 'dnt';
  /** What POST /v1/events answers, per batch. */
  respond?: (batch: EventBatch, n: number) => Record<string, unknown>;
  viewport?: { width: number; height: number };
}

async function newVisit(options: VisitOptions = {}): Promise<Visit> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
  const visit: Visit = {
    context,
    page: undefined as unknown as Page,
    batches: [],
    bodies: [],
    eventRequests: [],
    trackerLoads: 0,
    schemaErrors: [],
    pageErrors: [],
    callbackBodies: [],
  };
  if (options.privacy === 'gpc') await context.addInitScript(() => Object.defineProperty(navigator, 'globalPrivacyControl', { get: () => true }));
  if (options.privacy === 'dnt') await context.addInitScript(() => Object.defineProperty(navigator, 'doNotTrack', { get: () => '1' }));
  if (options.config) {
    const extra = options.config;
    await context.route('**/v1/sites/*/config', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), ...extra } });
    });
  }
  await context.route('**/v1/events', async (route) => {
    const body = route.request().postData() ?? '';
    visit.bodies.push(body);
    let batch: EventBatch | undefined;
    try {
      batch = eventBatchSchema.parse(JSON.parse(body));
      visit.batches.push(batch);
    } catch (error) {
      visit.schemaErrors.push(String(error));
    }
    const answer = batch && options.respond ? options.respond(batch, visit.batches.length) : { accepted: batch?.events.length ?? 0 };
    await route.fulfill({
      status: 200,
      headers: { 'access-control-allow-origin': '*', 'content-type': 'application/json' },
      body: JSON.stringify(answer),
    });
  });
  context.on('request', (request) => {
    const url = request.url();
    if (url.includes('/v1/events')) visit.eventRequests.push(request);
    if (url.endsWith('/sixty-track.js')) visit.trackerLoads++;
    if (url.includes('/v1/callbacks?')) visit.callbackBodies.push(JSON.parse(request.postData() ?? '{}'));
  });
  visit.page = await context.newPage();
  visit.page.on('pageerror', (error) => visit.pageErrors.push(error.message));
  return visit;
}

const events = (visit: Visit) => visit.batches.flatMap((b) => b.events);
const ofType = (visit: Visit, type: string) => events(visit).filter((e) => e.type === type);

async function storedKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.startsWith('sixty')));
}

async function waitForLauncher(page: Page): Promise<void> {
  await page.getByRole('button', { name: LAUNCHER }).waitFor({ timeout: 5000 });
}

/** Interactions that would each produce events if tracking were on. */
async function interact(page: Page): Promise<void> {
  await page.locator('#marked-inner').click();
  await page.locator('#pdf').click();
  await page.locator('#outbound').click();
  await page.evaluate(() => {
    window.scrollTo(0, document.body.scrollHeight);
    history.pushState({}, '', '/somewhere-else');
    const sixty = (window as unknown as { sixty(...args: unknown[]): void }).sixty;
    sixty('track', 'api_event', { a: 1 });
    sixty('identify', { email: 'pat@northwind.test' });
  });
}

async function expectNoCookies(visit: Visit, origin: string): Promise<void> {
  expect(await visit.context.cookies(origin)).toEqual([]);
}

/** The widget's own form, filled with values that must never show up as tracked traits. */
async function requestCallback(page: Page): Promise<void> {
  await page.getByRole('button', { name: LAUNCHER }).click();
  const panel = page.getByRole('dialog', { name: 'Talk to sales' });
  await panel.getByLabel('Name').fill('Widget Person');
  await panel.getByLabel('Phone').fill('(415) 555-2671');
  await panel.getByLabel('Email').fill('widget.person@northwind.test');
  await panel.getByRole('radio', { name: 'Commercial', exact: true }).check();
  await panel.getByRole('radio', { name: '51-200' }).check();
  await panel.getByRole('radio', { name: 'I decide or sign off on purchases' }).check();
  await panel.getByRole('button', { name: 'Call me now' }).click();
  await expect.poll(() => panel.locator('[data-sixty-status]').first().innerText(), { timeout: 5000 }).not.toMatch(/Sending/);
}

describe('behaviour tracking on a host page', () => {
  it('sends page views, queued API calls, marked and configured clicks, downloads and outbound links, with clean URLs and the first touch', async () => {
    const visit = await newVisit({
      config: {
        // The broken selector comes first: it must not stop the next one from matching.
        trackSelectors: [
          { selector: '::not-a-selector((', name: 'broken' },
          { selector: '.demo-request', name: 'demo_request' },
        ],
      },
    });
    const { page } = visit;
    await page.goto(`${basic.origin}/landing?utm_source=google&utm_medium=cpc&utm_campaign=spring&email=pat%40x.test`, {
      referer: 'https://www.google.com/search?q=commercial+ovens',
    });
    await waitForLauncher(page);
    await expect.poll(() => ofType(visit, 'page_view').length, { timeout: 5000 }).toBe(1);

    for (const target of ['#marked-inner', '#configured', '#plain', '#pdf', '#export', '#outbound', '#internal']) await page.locator(target).click();
    await expect.poll(() => ofType(visit, 'outbound').length, { timeout: 5000 }).toBe(1);

    const [view] = ofType(visit, 'page_view');
    expect(view.url).toBe(`${basic.origin}/landing`);
    expect(view.props).toEqual({ title: 'Fixture: tracking on a plain page' });
    expect(ofType(visit, 'custom')).toMatchObject([{ name: 'stub_event', props: { plan: 'pro', seats: 12 } }]);
    expect(ofType(visit, 'identify')).toMatchObject([{ props: { email: 'early@northwind.test', company: 'Northwind' } }]);
    expect(ofType(visit, 'click').map((e) => e.name)).toEqual(['pricing_cta', 'demo_request']);
    expect(ofType(visit, 'download').map((e) => e.props!.href)).toEqual([`${basic.origin}/files/brochure.pdf`, `${basic.origin}/export`]);
    expect(ofType(visit, 'outbound').map((e) => e.props!.href)).toEqual(['https://partner.example/offers']);
    for (const event of events(visit)) expect(event.url).toBe(`${basic.origin}/landing`);

    // First touch rides on the first batch only; nothing from any query string leaves the page.
    const [first, ...later] = visit.batches;
    expect(first.context?.utm).toEqual({ source: 'google', medium: 'cpc', campaign: 'spring' });
    expect(first.context?.referrer).toMatch(/^https:\/\/www\.google\.com\/[^?]*$/);
    expect(first.context?.returning).toBeUndefined();
    for (const batch of later) expect(batch.context).toBeUndefined();
    for (const body of visit.bodies) expect(body).not.toMatch(/secret-token|pat%40|pat@x|commercial\+ovens|ref=northwind/);
    expect(visit.schemaErrors).toEqual([]);

    // text/plain, no credentials: a CORS simple request.
    for (const request of visit.eventRequests) {
      expect(request.headers()['content-type']).toMatch(/^text\/plain/);
      expect(request.headers()['cookie']).toBeUndefined();
    }

    // One anonymous id, in first-party storage; no cookies anywhere.
    const visitorId = await page.evaluate(() => localStorage.getItem('sixty_vid'));
    expect(visitorId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(new Set(visit.batches.map((b) => b.visitorId))).toEqual(new Set([visitorId]));
    await expectNoCookies(visit, basic.origin);

    // The next page of the visit (reached from the landing page): same id, marked as returning,
    // first touch not repeated, no new session. The new page's first batch is the one with its
    // page view: a late batch from the landing page (its engagement, flushed as it is left) can arrive first.
    const before = visit.batches.length;
    await page.goto(`${basic.origin}/pricing`, { referer: `${basic.origin}/landing` });
    const pricingBatch = () => visit.batches.slice(before).find((b) => b.events.some((e) => e.type === 'page_view' && e.url === `${basic.origin}/pricing`));
    await expect.poll(pricingBatch, { timeout: 5000 }).toMatchObject({ visitorId, context: { returning: true } });
    expect(pricingBatch()!.context).toEqual({ returning: true });

    // Coming back later (a new tab, from a newsletter link) is a new session: its first batch says
    // where the session came from, so the server keeps a touch for it; the tab's next page is the same session.
    const tab = await visit.context.newPage();
    const beforeTab = visit.batches.length;
    await tab.goto(`${basic.origin}/pricing?utm_source=newsletter&utm_medium=email`);
    const tabBatch = () => visit.batches.slice(beforeTab).find((b) => b.events.some((e) => e.type === 'page_view'));
    await expect
      .poll(tabBatch, { timeout: 5000 })
      .toMatchObject({ visitorId, context: { returning: true, session: { utm: { source: 'newsletter', medium: 'email' } } } });
    const beforeNext = visit.batches.length;
    await tab.goto(`${basic.origin}/landing`, { referer: `${basic.origin}/pricing` });
    const nextBatch = () => visit.batches.slice(beforeNext).find((b) => b.events.some((e) => e.type === 'page_view' && e.url === `${basic.origin}/landing`));
    await expect.poll(nextBatch, { timeout: 5000 }).toMatchObject({ visitorId, context: { returning: true } });
    expect(nextBatch()!.context?.session).toBeUndefined();
    expect(visit.pageErrors).toEqual([]);
    expect(visit.schemaErrors).toEqual([]);
    await visit.context.close();
  });

  /** A visit to the SPA fixture's home page, once its first page view has been sent. */
  async function spaVisit(): Promise<Visit> {
    const visit = await newVisit();
    await visit.page.goto(`${spa.origin}/`);
    await expect.poll(() => ofType(visit, 'page_view').length, { timeout: 5000 }).toBe(1);
    return visit;
  }

  it('follows single-page-app navigation and reports visible time and scroll depth per page', async () => {
    const visit = await spaVisit();
    const { page } = visit;

    // The browser fires `scroll` at its next frame, which may come after the click below has
    // scrolled back up: the event is dispatched here too, so the tracker reads the bottom position.
    await page.evaluate(() => {
      window.scrollTo(0, document.body.scrollHeight);
      window.dispatchEvent(new Event('scroll'));
    });
    // Home stays visible at least this long (visibleMs below).
    await page.waitForTimeout(300);
    await page.getByRole('link', { name: 'Pricing' }).click();
    await page.getByRole('link', { name: 'Pricing' }).click(); // same URL again: replaceState, no new view
    await page.getByRole('link', { name: 'Features' }).click();
    await page.getByRole('link', { name: 'Docs' }).click();
    await page.goBack();
    await expect.poll(() => ofType(visit, 'page_view').length, { timeout: 5000 }).toBe(5);

    expect(ofType(visit, 'page_view').map((e) => [e.url, e.props!.title])).toEqual([
      [`${spa.origin}/`, 'Home - SPA fixture'],
      [`${spa.origin}/pricing`, 'Pricing - SPA fixture'],
      [`${spa.origin}/features`, 'Features - SPA fixture'],
      [`${spa.origin}/#/docs/start`, 'Docs - SPA fixture'],
      [`${spa.origin}/features`, 'Docs - SPA fixture'],
    ]);
    const [home] = ofType(visit, 'engagement');
    expect(home.url).toBe(`${spa.origin}/`);
    expect(home.props!.scrollDepth).toBe(100);
    expect(home.props!.visibleMs).toBeGreaterThanOrEqual(250);
    expect(ofType(visit, 'engagement').map((e) => e.url)).toEqual([
      `${spa.origin}/`,
      `${spa.origin}/pricing`,
      `${spa.origin}/features`,
      `${spa.origin}/#/docs/start`,
    ]);

    // Hiding the page (the last moment mobile browsers reliably give) sends the page's engagement
    // at once, with sendBeacon. The event is synthetic because Playwright cannot hide a page, nor
    // report the requests of a document that is unloading.
    await page.waitForTimeout(200);
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect.poll(() => ofType(visit, 'engagement').length, { timeout: 5000 }).toBe(5);
    const last = ofType(visit, 'engagement')[4];
    expect(last.url).toBe(`${spa.origin}/features`);
    expect(last.props!.visibleMs).toBeGreaterThanOrEqual(150);
    expect(last.props!.scrollDepth).toBeGreaterThan(0);
    expect(visit.eventRequests.map((r) => r.resourceType())).toEqual([...visit.eventRequests.slice(0, -1).map(() => 'fetch'), 'ping']);
    expect(visit.schemaErrors).toEqual([]);
    expect(visit.pageErrors).toEqual([]);
    await visit.context.close();
  });

  it('reports every route a single-page app passed through, even one left before the tracker looked', async () => {
    // The view is reported a task after the history change (the router sets the title after
    // pushing). A route left within that task, like a push followed at once by another or by a
    // quick back, must still count: the URL and time are taken at the change itself. So is the
    // scroll depth of the page left, before the router renders the next one.
    const visit = await spaVisit();
    const { page } = visit;
    await page.evaluate(() => {
      history.pushState({}, '', '/pricing');
      history.pushState({}, '', '/pricing/team');
      document.title = 'Team plan - SPA fixture';
      // The next page is short: measured now, the page left would look read to the end.
      document.querySelector('main')!.style.minHeight = '0';
    });
    await expect.poll(() => ofType(visit, 'page_view').length, { timeout: 5000 }).toBe(3);

    const views = ofType(visit, 'page_view');
    expect(views.map((e) => e.url)).toEqual([`${spa.origin}/`, `${spa.origin}/pricing`, `${spa.origin}/pricing/team`]);
    expect(views[2].props!.title).toBe('Team plan - SPA fixture');
    expect(views[1].at).toBeLessThanOrEqual(views[2].at);
    // The page left at once still has its engagement, with the time it really had: (almost) none.
    const left = ofType(visit, 'engagement').map((e) => [e.url, e.props!.visibleMs, e.props!.scrollDepth]);
    expect(left.map(([url]) => url)).toEqual([`${spa.origin}/`, `${spa.origin}/pricing`]);
    expect(left[1][1]).toBeLessThan(50);
    // Home was never scrolled: one 800 px screen of a 2500 px page. So was /pricing, measured at
    // the second push (its own, not added to home's).
    expect(left[0][2]).toBeGreaterThan(0);
    expect(left[0][2]).toBeLessThan(50);
    expect(left[1][2]).toBe(left[0][2]);
    expect(visit.schemaErrors).toEqual([]);
    expect(visit.pageErrors).toEqual([]);
    await visit.context.close();
  });

  it("captures the host page's own form as contact traits, never passwords, hidden or card fields, and never the widget's form", async () => {
    const visit = await newVisit();
    const { page } = visit;
    await page.goto(`${form.origin}/quote`);
    await waitForLauncher(page);
    await page.getByLabel('First name').fill('Robin');
    await page.getByLabel('Last name').fill('Visitor');
    await page.getByLabel('Work email').fill('robin@northwind.test');
    await page.getByLabel('Phone').fill('+1 415 555 2671');
    await page.getByLabel('Company').fill('Northwind Kitchens');
    await page.getByLabel('Message').fill('private message text');
    await page.getByLabel('Password').fill('hunter2-secret-pw');
    await page.getByLabel('Card number').fill('4242424242424242');
    await page.getByLabel('CVC').fill('737');
    await page.getByLabel('Name on card').fill('ROBIN CARDHOLDER');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => ofType(visit, 'identify').length, { timeout: 5000 }).toBe(1);

    expect(ofType(visit, 'form_submit')).toMatchObject([{ name: 'quote-form', url: `${form.origin}/quote` }]);
    expect(ofType(visit, 'identify')[0].props).toEqual({
      name: 'Robin Visitor',
      email: 'robin@northwind.test',
      phone: '+1 415 555 2671',
      company: 'Northwind Kitchens',
    });

    // The widget's own callback form: not a host form, and it carries the visitor id.
    await requestCallback(page);
    await page.waitForTimeout(QUIET_MS);
    expect(ofType(visit, 'form_submit')).toHaveLength(1);
    const visitorId = await page.evaluate(() => localStorage.getItem('sixty_vid'));
    expect(visit.callbackBodies).toMatchObject([{ name: 'Widget Person', visitorId }]);

    const everything = visit.bodies.join('\n');
    for (const secret of [
      'hunter2-secret-pw',
      'hidden-csrf-value-9c1f',
      '4242424242424242',
      '737',
      'ROBIN CARDHOLDER',
      'private message text',
      'Widget Person',
      'widget.person',
    ])
      expect(everything).not.toContain(secret);
    expect(visit.schemaErrors).toEqual([]);
    expect(visit.pageErrors).toEqual([]);
    await expectNoCookies(visit, form.origin);
    await visit.context.close();
  });
});

describe('consent and privacy signals', () => {
  it("with consent required: no requests and no storage until sixty('consent', true); consent false stops and forgets", async () => {
    const visit = await newVisit({ config: { consent: 'required' } });
    const { page } = visit;
    await page.goto(`${basic.origin}/`);
    await waitForLauncher(page);
    await interact(page);
    await page.waitForTimeout(QUIET_MS);
    expect(visit.eventRequests).toHaveLength(0);
    expect(visit.trackerLoads).toBe(0);
    expect(await storedKeys(page)).toEqual([]);

    await page.evaluate(() => (window as unknown as { sixty(...a: unknown[]): void }).sixty('consent', true));
    await expect.poll(() => ofType(visit, 'page_view').length, { timeout: 5000 }).toBe(1);
    expect((await storedKeys(page)).sort()).toEqual(['sixty_consent', 'sixty_vid']);
    // Calls made before consent were dropped, not held back.
    expect(ofType(visit, 'custom')).toEqual([]);
    await page.locator('#marked-inner').click();
    await expect.poll(() => ofType(visit, 'click').length, { timeout: 5000 }).toBe(1);

    await page.evaluate(() => (window as unknown as { sixty(...a: unknown[]): void }).sixty('consent', false));
    expect(await storedKeys(page)).toEqual([]);
    const sent = visit.eventRequests.length;
    await interact(page);
    await page.waitForTimeout(QUIET_MS);
    expect(visit.eventRequests).toHaveLength(sent);

    // Nothing was remembered, so the next page starts without consent again.
    await page.goto(`${basic.origin}/next`);
    await waitForLauncher(page);
    await page.waitForTimeout(QUIET_MS);
    expect(visit.eventRequests).toHaveLength(sent);
    expect(visit.pageErrors).toEqual([]);
    await expectNoCookies(visit, basic.origin);
    await visit.context.close();
  });

  it('with consent required: opening the widget counts as consent, remembered on the next page', async () => {
    const visit = await newVisit({ config: { consent: 'required' } });
    const { page } = visit;
    await page.goto(`${basic.origin}/`);
    await waitForLauncher(page);
    // Past a flush: a page view queued without consent would have been sent by now.
    await page.waitForTimeout(QUIET_MS);
    expect(visit.eventRequests).toHaveLength(0);

    await page.getByRole('button', { name: LAUNCHER }).click();
    await page.getByRole('dialog', { name: 'Talk to sales' }).waitFor();
    await expect.poll(() => ofType(visit, 'page_view').length, { timeout: 5000 }).toBe(1);

    await page.goto(`${basic.origin}/pricing`);
    await expect.poll(() => ofType(visit, 'page_view').map((e) => e.url), { timeout: 5000 }).toContain(`${basic.origin}/pricing`);
    expect(visit.pageErrors).toEqual([]);
    await visit.context.close();
  });

  it('with consent implied: a refusal sticks across pages', async () => {
    const visit = await newVisit();
    const { page } = visit;
    await page.goto(`${basic.origin}/`);
    await expect.poll(() => ofType(visit, 'page_view').length, { timeout: 5000 }).toBe(1);
    await page.evaluate(() => (window as unknown as { sixty(...a: unknown[]): void }).sixty('consent', false));
    expect(await storedKeys(page)).toEqual(['sixty_consent']);
    const sent = visit.eventRequests.length;
    await page.goto(`${basic.origin}/pricing`);
    await waitForLauncher(page);
    await interact(page);
    await page.waitForTimeout(QUIET_MS);
    expect(visit.eventRequests).toHaveLength(sent);
    await visit.context.close();
  });

  for (const privacy of ['gpc', 'dnt'] as const) {
    it(`with ${privacy === 'gpc' ? 'Global Privacy Control' : 'Do Not Track'}: no behaviour requests and no storage, ever; a callback still works`, async () => {
      const visit = await newVisit({ privacy });
      const { page } = visit;
      await page.goto(`${basic.origin}/?utm_source=google`);
      await waitForLauncher(page);
      await interact(page);
      await page.evaluate(() => (window as unknown as { sixty(...a: unknown[]): void }).sixty('consent', true));
      await page.locator('#marked-inner').click();
      await page.waitForTimeout(QUIET_MS);
      expect(visit.eventRequests).toHaveLength(0);
      expect(visit.trackerLoads).toBe(0);
      expect(await storedKeys(page)).toEqual([]);

      await requestCallback(page);
      expect(visit.callbackBodies).toHaveLength(1);
      expect(visit.callbackBodies[0]).not.toHaveProperty('visitorId');
      await page.waitForTimeout(QUIET_MS);
      expect(visit.eventRequests).toHaveLength(0);
      expect(await storedKeys(page)).toEqual([]);
      expect(visit.pageErrors).toEqual([]);
      await expectNoCookies(visit, basic.origin);
      await visit.context.close();
    });
  }
});

describe('the invitation', () => {
  const invite = (_batch: EventBatch, n: number) =>
    n === 1 ? { accepted: 1, invite: { repName: 'Dana Reyes', reason: 'hot, fit unknown' } } : { accepted: 1 };

  it('turns the launcher into an invitation once per visit, dismissible', async () => {
    const visit = await newVisit({ respond: (b) => ({ accepted: b.events.length, invite: { repName: 'Dana Reyes', reason: 'hot' } }) });
    const { page } = visit;
    await page.goto(`${basic.origin}/`);
    await page.getByRole('button', { name: INVITATION }).waitFor({ timeout: 5000 });
    await page.screenshot({ path: screenshotPath('widget-invite-desktop') });

    await page.getByRole('button', { name: 'Dismiss' }).click();
    await waitForLauncher(page);
    expect(await page.getByRole('button', { name: 'Dismiss' }).count()).toBe(0);

    // Every later answer invites again, but the visitor was already asked during this visit.
    await page.goto(`${basic.origin}/pricing`);
    await expect.poll(() => visit.batches.length, { timeout: 5000 }).toBeGreaterThan(1);
    await page.waitForTimeout(300);
    expect(await page.getByRole('button', { name: INVITATION }).count()).toBe(0);
    await waitForLauncher(page);
    expect(visit.pageErrors).toEqual([]);
    await visit.context.close();
  });

  it('opens the panel when accepted, at 375 px too', async () => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 375, height: 740 },
    ]) {
      const visit = await newVisit({ respond: invite, viewport });
      const { page } = visit;
      await page.goto(`${basic.origin}/`);
      const invitation = page.getByRole('button', { name: INVITATION });
      await invitation.waitFor({ timeout: 5000 });
      if (viewport.width === 375) await page.screenshot({ path: screenshotPath('widget-invite-375') });
      await invitation.click();
      const panel = page.getByRole('dialog', { name: 'Talk to sales' });
      await panel.getByText('How many employees?').waitFor({ timeout: 5000 });
      expect(await page.getByRole('button', { name: 'Dismiss' }).count()).toBe(0);
      await panel.getByRole('button', { name: 'Close' }).click();
      await waitForLauncher(page);
      expect(visit.pageErrors).toEqual([]);
      await visit.context.close();
    }
  });
});
