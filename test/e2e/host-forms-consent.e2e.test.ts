// The site's own forms where tracking is not allowed (consent required and not given, Global
// Privacy Control), in Chromium against the fixture quote form on another origin. With the
// site's "a submitted contact form is a request for contact" setting off, a submission is never
// read: no lead, nothing sent. With it on, the hot submission reaches a rep, and nothing else
// happens: no behaviour event, no sighting of the form, no visitor id, nothing kept in storage.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { suggestMapping } from '../../server/forms/suggest-mapping.core';
import { launchBrowser } from '../helpers/browser';
import { serveFixtures, type FixtureSite } from '../helpers/fixture-site';
import { rows, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { collectErrors, openSignedIn, shoot } from './console-admin.helpers';
import { fillQuote, signInRep, trackerReady } from './host-forms.helpers';

let server: TestServer;
let site: FixtureSite;
let browser: Browser;
let siteId: string;
let admin: string;
let questions: Parameters<typeof suggestMapping>[1] = [];

beforeAll(async () => {
  server = await startTestServer();
  [site, browser] = await Promise.all([serveFixtures(server.url, server.siteKey), launchBrowser()]);
  const user = (await server.deps.store.userByEmail('admin@demo.sixty'))!;
  const theSite = (await server.deps.store.sitesOfWorkspace(user.workspaceId))[0]!;
  siteId = theSite.id;
  admin = await signIn(server.url, 'admin@demo.sixty');
  // The form is seen once (a tracked visitor's submission), then mapped as Sixty suggests and published.
  const context = await browser.newContext();
  const page = await context.newPage();
  await trackerReady(page, server.siteKey, () => page.goto(site.url('forms-quote')));
  await fillQuote(page, { name: 'Seen Once', phone: '(415) 555-0101' });
  await page.getByRole('button', { name: 'Request my quote' }).click();
  await page.waitForURL(/\/thanks$/);
  await vi.waitFor(async () => expect((await server.deps.forms.get(siteId, 'quote-form'))?.submissions).toBe(1), { timeout: 5000, interval: 50 });
  questions = theSite.rules.questions;
  await publishMapping('offer');
  await context.close();
});

/** Maps the quote form as Sixty suggests, with `action`, as Sites › Forms saves it, and publishes it. */
async function publishMapping(action: 'offer' | 'record'): Promise<void> {
  const seen = (await server.deps.forms.get(siteId, 'quote-form'))!;
  const headers = { 'content-type': 'application/json', cookie: admin };
  const saved = await fetch(`${server.url}/v1/console/sites/${siteId}/forms/quote-form/mapping`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ ...suggestMapping(seen.fields, questions), action }),
  });
  expect(saved.status).toBe(200);
  const version = ((await saved.json()) as { draft: { version: number } }).draft.version;
  expect((await fetch(`${server.url}/v1/sites/${siteId}/rules/${version}/publish`, { method: 'POST', headers })).status).toBe(200);
}
afterEach(async () => {
  await Promise.all(browser.contexts().map((c) => c.close()));
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.stop();
});

/** Saves the site's tracking settings as the console does (Sites › Tracking settings). */
async function saveSettings(consent: 'required' | 'implied', formsCountAsContactRequest: boolean): Promise<void> {
  const res = await fetch(`${server.url}/v1/sites/${siteId}/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie: admin },
    body: JSON.stringify({
      consent,
      formsCountAsContactRequest,
      trackSelectors: [],
      browserCalls: false,
      botFilter: true,
      maxEventsPerSecond: 20,
      minSubmitMs: 0,
    }),
  });
  expect(res.status).toBe(200);
  // The public config is cached for 5 s by browsers; each test opens a fresh context. The server's own cache was invalidated.
  const config = (await (await fetch(`${server.url}/v1/sites/${server.siteKey}/config`)).json()) as { consent: string; formsCountAsContactRequest: boolean };
  expect(config).toMatchObject({ consent, formsCountAsContactRequest });
}

/** The same, by an admin in the console: Sites › Tracking settings › Consent. */
async function saveInConsole(consent: 'required' | 'implied'): Promise<void> {
  const admin = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  const errors = collectErrors(admin);
  await openSignedIn(admin, server.url, `/sites/${siteId}/settings`, 'admin@demo.sixty');
  await admin.getByLabel(consent === 'required' ? 'Required' : 'Implied').check();
  await admin.getByLabel('A submitted contact form is a request for contact').check();
  await shoot(admin, 'settings-forms-contact-request');
  await admin.getByRole('button', { name: 'Save settings' }).click();
  await expect.poll(() => server.deps.tracking.settings(siteId), { timeout: 5000 }).toMatchObject({ consent, formsCountAsContactRequest: true });
  expect(errors).toEqual([]);
  await admin.context().close();
}

/** A fresh visitor: every request the page makes to Sixty, and every key Sixty writes to either storage. */
async function visitor(gpc: boolean): Promise<{ context: BrowserContext; page: Page; sent: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript((gpc: boolean) => {
    if (gpc) Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
    const written: string[] = JSON.parse(window.name.startsWith('[') ? window.name : '[]');
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      written.push(`${this === localStorage ? 'local' : 'session'}:${key}`);
      // Kept across the form's navigation in window.name (the tab's, not the site's, storage).
      window.name = JSON.stringify(written);
      return setItem.call(this, key, value);
    };
  }, gpc);
  const sent: string[] = [];
  context.on('request', (r) => void (r.url().startsWith(server.url) && sent.push(new URL(r.url()).pathname)));
  const page = await context.newPage();
  await page.goto(site.url('forms-quote'));
  // The loader has read the config (the tracker, when the setting is on, gets the mapped forms from it).
  await expect.poll(() => sent.filter((p) => p.endsWith('/config')).length, { timeout: 5000 }).toBeGreaterThanOrEqual(1);
  return { context, page, sent };
}

/** What Sixty wrote to storage in this tab (its keys start with `sixty`; the host page writes its own), and what is left there now. */
async function storage(page: Page) {
  return page.evaluate(() => ({
    // Which keys, each once (a request handed over again as its page left is the same key).
    written: [...new Set((JSON.parse(window.name.startsWith('[') ? window.name : '[]') as string[]).filter((k) => /:sixty/.test(k)))],
    local: Object.keys(localStorage).filter((k) => k.startsWith('sixty')),
    session: Object.keys(sessionStorage).filter((k) => k.startsWith('sixty')),
  }));
}

const leadsNamed = async (name: string) => (await rows<{ n: number }>(server, 'select count(*) as n from leads where name = ?', name))[0]!.n;

describe.each([
  { privacy: 'consent required and not given', consent: 'required' as const, gpc: false, inConsole: true },
  { privacy: 'Global Privacy Control', consent: 'implied' as const, gpc: true, inConsole: false },
])('the site’s own form with $privacy', ({ consent, gpc, inConsole }) => {
  it('is not read at all while the setting is off: no lead, nothing sent, only the host page’s own handling', async () => {
    await saveSettings(consent, false);
    const { page, sent } = await visitor(gpc);
    const name = `Off ${consent} ${gpc}`;
    await fillQuote(page, { name, phone: '(415) 555-0171' });
    await page.getByRole('button', { name: 'Request my quote' }).click();
    await page.waitForURL(/\/thanks$/);
    // The thank-you page's loader has read the config too: anything Sixty would send has had its chance.
    await expect.poll(() => sent.filter((p) => p.endsWith('/config')).length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => sessionStorage.getItem('host_handler_ran'))).toBe('1');
    expect(sent.filter((p) => !p.endsWith('/config') && p !== '/sixty.js')).toEqual([]);
    expect(await leadsNamed(name)).toBe(0);
    expect(await storage(page)).toEqual({ written: [], local: [], session: [] });
  });

  it('with the setting on, the hot submission reaches a rep, and no event, sighting, visitor id or lasting storage is made', async () => {
    await (inConsole ? saveInConsole(consent) : saveSettings(consent, true));
    const rep = await signInRep(await browser.newContext(), server.url, 'dana@demo.sixty');
    const eventsBefore = (await rows<{ n: number }>(server, 'select count(*) as n from events'))[0]!.n;
    const seenBefore = (await server.deps.forms.get(siteId, 'quote-form'))!.submissions;
    const { page, sent } = await visitor(gpc);
    await expect.poll(() => page.evaluate(() => !!(window as unknown as { sixty?: { _track?: unknown } }).sixty?._track), { timeout: 5000 }).toBe(true);
    // The tracker was handed the mapped forms from the loader's config: no second config request.
    expect(sent.filter((p) => p.endsWith('/config'))).toHaveLength(1);
    const name = `On ${consent} ${gpc}`;
    await fillQuote(page, { name, phone: '(415) 555-0172' });
    await page.getByRole('button', { name: 'Request my quote' }).click();
    await page.waitForURL(/\/thanks$/);
    await rep.getByText(name).first().waitFor({ timeout: 10000 });
    await rep.getByRole('button', { name: 'Accept' }).first().click({ timeout: 10000 });
    const panel = page.getByRole('dialog', { name: 'Talk to sales' });
    // Waited for on its own, so a panel that never opens fails here, by name, not as the test's timeout.
    await panel.locator('[data-sixty-status]').waitFor({ timeout: 10000 });
    await expect.poll(() => panel.locator('[data-sixty-status]').innerText(), { timeout: 10000 }).toContain('Dana Reyes');
    expect(await page.evaluate(() => sessionStorage.getItem('host_handler_ran'))).toBe('1');

    // Only the config, the scripts and the submission itself (the panel's live socket aside) were asked for.
    const asked = new Set(sent.filter((p) => !p.startsWith('/socket.io')));
    expect([...asked].sort()).toEqual(
      ['/sixty.js', '/sixty-track.js', '/sixty-panel.js', '/sixty-live.js', `/v1/sites/${server.siteKey}/config`, '/v1/forms/submissions'].sort(),
    );
    const [lead] = await rows<{ visitor_id: string | null }>(server, 'select visitor_id from leads where name = ?', name);
    expect(lead!.visitor_id).toBeNull();
    expect((await rows<{ n: number }>(server, 'select count(*) as n from events'))[0]!.n).toBe(eventsBefore);
    expect((await server.deps.forms.get(siteId, 'quote-form'))!.submissions).toBe(seenBefore);
    // The request itself was handed from the form's page to the thank-you page's panel (as a callback
    // request is), and removed once the server acknowledged it: nothing else was ever written.
    expect(await storage(page)).toEqual({ written: ['session:sixty_cb'], local: [], session: [] });
  });
});

describe('a form that only records its submissions', () => {
  it('is not read with consent required and not given, even with the setting on: it asks for no contact', async () => {
    await publishMapping('record');
    await saveSettings('required', true);
    const config = (await (await fetch(`${server.url}/v1/sites/${server.siteKey}/config`)).json()) as { forms: Array<{ key: string; action: string }> };
    expect(config.forms).toEqual([expect.objectContaining({ key: 'quote-form', action: 'record' })]);
    const { page, sent } = await visitor(false);
    await expect.poll(() => sent.includes('/sixty-track.js'), { timeout: 5000 }).toBe(true);
    const name = 'Record only';
    await fillQuote(page, { name, phone: '(415) 555-0173' });
    await page.getByRole('button', { name: 'Request my quote' }).click();
    await page.waitForURL(/\/thanks$/);
    await expect.poll(() => sent.filter((p) => p.endsWith('/config')).length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    await page.waitForTimeout(500);
    expect(sent.filter((p) => p.startsWith('/v1/') && !p.endsWith('/config'))).toEqual([]);
    expect(await leadsNamed(name)).toBe(0);
    expect(await storage(page)).toEqual({ written: [], local: [], session: [] });
  });
});
