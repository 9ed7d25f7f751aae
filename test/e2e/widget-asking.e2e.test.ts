// "While waiting: who is being asked and a countdown" (issue 23), the visitor's side in real
// Chromium on a customer's page: under the countdown the panel names the rep offered the lead
// right now, and names the next one as routing moves on: after a decline (a phone callback, 1280
// px), after an offer nobody answered in time (a browser call, 375 px), and when one of two reps
// offered at once declines (an Arabic page). Dana and Sam are rep sockets (the console's own offer
// screens are tested elsewhere).
// Screenshots: test/.artifacts/widget-asking-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { OfferView } from '../../shared/api';
import { launchBrowser, screenshotPath, serveHostPage, type HostPage } from '../helpers/browser';
import { connected, repSocket, signIn, startTestServer, type RepClient, type TestServer } from '../helpers/test-server';
import { enableBrowserCalls } from './browser-call.helpers';
import { DESKTOP, PHONE } from './rep-helpers';

let server: TestServer;
let host: HostPage;
let browser: Browser;
let siteId: string;
const reps: Record<'Dana' | 'Sam', RepClient> = {} as Record<'Dana' | 'Sam', RepClient>;
/** Offers as the reps' sockets received them, in order. */
const offered: Array<{ rep: 'Dana' | 'Sam'; view: OfferView }> = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startTestServer({ offerTimeoutMs: 60_000 }),
    launchBrowser(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']),
  ]);
  host = await serveHostPage('host-basic.html', server.url, server.siteKey);
  siteId = (await server.deps.store.siteByKey(server.siteKey))!.id;
  for (const name of ['Dana', 'Sam'] as const) {
    const socket = (reps[name] = repSocket(server.url, await signIn(server.url, `${name.toLowerCase()}@demo.sixty`)));
    await connected(socket);
    socket.on('offer:new', (view) => void offered.push({ rep: name, view }));
    await socket.emitWithAck('presence:set', 'available');
  }
}, 120_000);
afterAll(async () => {
  for (const socket of Object.values(reps)) socket.close();
  await browser?.close();
  await host?.close();
  await server?.stop();
});

/** The panel's words a visitor finds it by, in English and in Arabic. */
const EN = { launcher: 'Talk to sales in 60 seconds', dialog: 'Talk to sales', name: 'Name', phone: 'Phone' };
const AR = { launcher: 'تحدّث مع المبيعات خلال 60 ثانية', dialog: 'تحدّث مع المبيعات', name: 'الاسم', phone: 'رقم الهاتف' };

/** A visitor on a customer's page with the panel open and the form filled (`phone` empty: a browser call). */
async function visitor(options: Parameters<Browser['newContext']>[0], phone: string, origin = host.origin, words = EN): Promise<Page> {
  const context = await browser.newContext({ locale: words === EN ? 'en-US' : 'ar', ...options });
  const page = await context.newPage();
  await page.goto(origin);
  await page.getByRole('button', { name: words.launcher }).click();
  const panel = page.getByRole('dialog', { name: words.dialog });
  await panel.getByLabel(words.name, { exact: true }).fill('Robin Visitor');
  if (phone) await panel.getByLabel(words.phone).fill(phone);
  for (const value of ['commercial', '51-200', 'decision']) await panel.locator(`input[type=radio][value="${value}"]`).check();
  return page;
}

/** The next offer after the `seen` first ones, whichever rep got it. */
async function nextOffer(seen: number, timeout = 20_000) {
  await expect.poll(() => offered.length, { timeout }).toBeGreaterThan(seen);
  return offered[seen]!;
}

/** Offers earlier cases left open (an escalation re-offers a lead to everyone), declined so each rep is free again. */
async function declineLeftovers() {
  for (const socket of Object.values(reps)) {
    const synced = await socket.emitWithAck('offers:sync');
    if (!synced.ok) throw new Error(`offers:sync refused: ${synced.error}`);
    for (const o of synced.data.offers) expect((await socket.emitWithAck('offer:decline', { offerId: o.offerId })).ok).toBe(true);
  }
}

const asking = (page: Page) => page.locator('[data-sixty-panel] [data-sixty-asking]');
const other = (name: 'Dana' | 'Sam') => (name === 'Dana' ? 'Sam' : 'Dana');

describe('the waiting panel names who is asked', () => {
  it('a phone callback: names the rep offered, then the next rep once the first declines, then who accepted (1280 px)', async () => {
    const page = await visitor(DESKTOP, '(415) 555-2671');
    const seen = offered.length;
    await page.getByRole('button', { name: 'Call me now' }).click();
    const first = await nextOffer(seen);
    expect(first.view.lead.name).toBe('Robin Visitor');
    await expect.poll(() => asking(page).innerText(), { timeout: 10_000 }).toBe(`Asking ${first.rep}…`);
    // Under the "finding someone" headline and above the countdown's detail, for the phone.
    expect(await page.locator('[data-sixty-panel] [data-sixty-status]').innerText()).toBe(`Finding someone for you…\nAsking ${first.rep}…`);
    await page.locator('[data-sixty-countdown]').waitFor();
    await page.screenshot({ path: screenshotPath('widget-asking-first-1280') });

    expect(await reps[first.rep].emitWithAck('offer:decline', { offerId: first.view.offerId, reason: 'On another call' })).toEqual({ ok: true });
    const next = await nextOffer(seen + 1);
    expect(next.rep).toBe(other(first.rep));
    expect(next.view.lead.name).toBe('Robin Visitor');
    await expect.poll(() => asking(page).innerText(), { timeout: 10_000 }).toBe(`Asking ${next.rep}…`);
    await page.screenshot({ path: screenshotPath('widget-asking-next-1280') });

    expect((await reps[next.rep].emitWithAck('offer:accept', { offerId: next.view.offerId })).ok).toBe(true);
    await expect.poll(() => page.locator('[data-sixty-panel] [data-sixty-status]').innerText(), { timeout: 10_000 }).toContain('accepted');
    expect(await asking(page).count()).toBe(0);
    await page.context().close();
  }, 90_000);

  it('a browser call: names the rep offered, and the next rep once the offer times out (375 px)', async () => {
    // Offers answered by nobody end after 6 s here, and a miss does not set the rep away.
    await server.deps.store.updateSiteRouting(siteId, { offerTimeoutMs: 6_000, missedOffersBeforeAway: 0 });
    await enableBrowserCalls(server.url, siteId);
    for (const socket of Object.values(reps)) expect(await socket.emitWithAck('calls:capable', { capable: true })).toEqual({ ok: true, data: undefined });
    const page = await visitor(PHONE, '');
    const seen = offered.length;
    await page.getByRole('button', { name: 'Talk now in your browser' }).click();
    const first = await nextOffer(seen);
    expect(first.view.lead).toMatchObject({ talk: 'browser', name: 'Robin Visitor' });
    await expect.poll(() => asking(page).innerText(), { timeout: 5_000 }).toBe(`Asking ${first.rep}…`);
    expect(await page.locator('[data-sixty-panel] [data-sixty-live]').innerText()).toContain('Keep this window open');
    await page.screenshot({ path: screenshotPath('widget-asking-talk-first-375') });

    // Nobody answers: the offer expires and the lead goes to the other rep.
    const next = await nextOffer(seen + 1, 15_000);
    expect(next.rep).toBe(other(first.rep));
    await expect.poll(() => asking(page).innerText(), { timeout: 5_000 }).toBe(`Asking ${next.rep}…`);
    await page.screenshot({ path: screenshotPath('widget-asking-talk-next-375') });
    expect(await reps[next.rep].emitWithAck('offer:decline', { offerId: next.view.offerId })).toEqual({ ok: true });
    await page.context().close();
  }, 90_000);

  it('a broadcast on an Arabic page: names both reps in Arabic, then the one still asked once the other declines (375 px)', async () => {
    await server.deps.store.updateSiteRouting(siteId, { offerTimeoutMs: 60_000 });
    await declineLeftovers();
    const [rule] = await server.deps.store.routingRules(siteId);
    await server.deps.store.updateRoutingRule(rule!.id, { strategy: 'broadcast' });
    const arabic = await serveHostPage('guest-rtl.html', server.url, server.siteKey);
    const page = await visitor(PHONE, '(415) 555-2672', arabic.origin, AR);
    const seen = offered.length;
    await page.getByRole('button', { name: 'اتصلوا بي الآن' }).click();
    await expect.poll(() => offered.length, { timeout: 20_000 }).toBe(seen + 2);
    // Both offered at once, named in the order offered, joined as Arabic joins a list.
    await expect.poll(() => asking(page).innerText(), { timeout: 10_000 }).toMatch(/^نتواصل الآن مع (Dana وSam|Sam وDana)…$/);
    await page.screenshot({ path: screenshotPath('widget-asking-both-ar-375') });

    const dana = offered.slice(seen).find((o) => o.rep === 'Dana')!;
    expect(await reps.Dana.emitWithAck('offer:decline', { offerId: dana.view.offerId })).toEqual({ ok: true });
    await expect.poll(() => asking(page).innerText(), { timeout: 10_000 }).toBe('نتواصل الآن مع Sam…');
    await page.context().close();
    await arabic.close();
  }, 90_000);
});
