// Two more paths of the site's own forms, in Chromium against the fixture quote form on another
// origin: the marketer's "Test this form" (their own submission is shown live in the console,
// mapped, qualified and with the rep routing would pick, and reaches nobody: no lead, no offer,
// no count, no webhook), and a form without a phone field (the panel asks only for the number,
// and the rep gets the lead with the form's answers).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'playwright-core';
import { formNumbers } from '../../server/forms/form-numbers.core';
import { suggestMapping } from '../../server/forms/suggest-mapping.core';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { serveFixtures, type FixtureSite } from '../helpers/fixture-site';
import { rows, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { collectErrors, openSignedIn, shoot } from './console-admin.helpers';
import { fillQuote, signInRep, trackerReady } from './host-forms.helpers';

let server: TestServer;
let site: FixtureSite;
let browser: Browser;
let siteId: string;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  [site, browser] = await Promise.all([serveFixtures(server.url, server.siteKey), launchBrowser()]);
  const user = (await server.deps.store.userByEmail('admin@demo.sixty'))!;
  const theSite = (await server.deps.store.sitesOfWorkspace(user.workspaceId))[0]!;
  siteId = theSite.id;
  admin = await signIn(server.url, 'admin@demo.sixty');
  // The form is seen once (a visitor's submission), then mapped as Sixty suggests.
  const context = await browser.newContext();
  const page = await context.newPage();
  await trackerReady(page, server.siteKey, () => page.goto(site.url('forms-quote')));
  await fillQuote(page, { name: 'Seen Once', phone: '(415) 555-0101' });
  await page.getByRole('button', { name: 'Request my quote' }).click();
  await page.waitForURL(/\/thanks$/);
  await vi.waitFor(async () => expect((await server.deps.forms.get(siteId, 'quote-form'))?.submissions).toBe(1), { timeout: 5000, interval: 50 });
  const seen = (await server.deps.forms.get(siteId, 'quote-form'))!;
  // Saved as Sites › Forms saves it (a rules draft), then published: only published mappings are read.
  const headers = { 'content-type': 'application/json', cookie: admin };
  const saved = await fetch(`${server.url}/v1/console/sites/${siteId}/forms/quote-form/mapping`, {
    method: 'PUT',
    headers,
    body: JSON.stringify(suggestMapping(seen.fields, theSite.rules.questions)),
  });
  expect(saved.status).toBe(200);
  const version = ((await saved.json()) as { draft: { version: number } }).draft.version;
  expect((await fetch(`${server.url}/v1/sites/${siteId}/rules/${version}/publish`, { method: 'POST', headers })).status).toBe(200);
  await context.close();
});
// A failed test must not leave a rep available for the next one: every context a test opened closes.
afterEach(async () => {
  await Promise.all(browser.contexts().map((c) => c.close()));
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.stop();
});

/** What a test must leave untouched: leads, offers, form counts, the webhook sources, and the numbers. */
async function footprint() {
  const count = async (table: string) => (await rows<{ n: number }>(server, `select count(*) as n from ${table}`))[0]!.n;
  const range = `from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`;
  const report = await (await fetch(`${server.url}/v1/console/reports?${range}`, { headers: { cookie: admin } })).json();
  return {
    leads: await count('leads'),
    offers: await count('offers'),
    leadEvents: await count('lead_events'),
    stageChanges: await count('stage_changes'),
    outbox: await count('outbox'),
    submissions: await count('form_submissions'),
    seen: (await server.deps.forms.get(siteId, 'quote-form'))!.submissions,
    report: { speed: report.speed, funnel: report.funnel, forms: report.forms },
  };
}

describe('the site’s own forms: testing a form, and a form without a phone', () => {
  it('“Test this form” shows the marketer’s own submission live in the console and routes it to nobody', async () => {
    const repContext = await browser.newContext();
    const rep = await signInRep(repContext, server.url, 'dana@demo.sixty');
    const offers: string[] = [];
    rep.on('websocket', (ws) => ws.on('framereceived', (f) => void (String(f.payload).includes('offer:new') && offers.push(String(f.payload)))));
    const before = await footprint();

    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const marketer = await context.newPage();
    const errors = collectErrors(marketer);
    await openSignedIn(marketer, server.url, `/sites/${siteId}/forms`, 'admin@demo.sixty');
    await marketer.getByRole('heading', { name: 'quote-form' }).waitFor({ timeout: 5000 });
    const [testPage] = await Promise.all([context.waitForEvent('page'), marketer.getByRole('button', { name: 'Test this form' }).click()]);
    await expect.poll(() => marketer.getByText('Waiting for your test submission').count(), { timeout: 5000 }).toBe(1);

    // The second page: the host's own page on its origin, opened with the signed marker.
    await trackerReady(testPage, server.siteKey, () => testPage.waitForURL(/#sixty-test=/));
    expect(new URL(testPage.url()).origin).toBe(site.origin);
    await fillQuote(testPage, { name: 'Tess Test', phone: '(415) 555-0190' });
    await testPage.getByRole('button', { name: 'Request my quote' }).click();
    await testPage.waitForURL(/\/thanks$/);

    const result = marketer.locator('[data-form-test-result]');
    await expect.poll(() => result.count(), { timeout: 10000 }).toBe(1);
    const text = await result.innerText();
    expect(text).toContain('Tess Test');
    expect(text).toContain('+14155550190');
    expect(text).toContain('How many employees?: 51-200');
    expect(text).toContain('Hot MQL');
    expect(text).toContain('Would offer it now to Dana Reyes');
    // No panel opened on the test page: the visitor side of a test is the host's own thank-you page.
    expect(await testPage.locator('[data-sixty-panel]').count()).toBe(0);
    await shoot(marketer, 'forms-test-result');

    // Nothing reached anyone: no offer on Dana's socket, no lead, no count, no webhook source row, same numbers.
    expect(await footprint()).toEqual(before);
    expect(offers).toEqual([]);
    expect(await rep.getByText('Tess Test').count()).toBe(0);
    expect(await rows(server, "select id from leads where name = 'Tess Test'")).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
    await repContext.close();
  });

  it('a forged or stale test marker is refused, and never taken for a real submission', async () => {
    const before = await footprint();
    const res = await fetch(`${server.url}/v1/forms/submissions?idempotencyKey=forged-test-0001`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: site.origin, 'user-agent': 'Mozilla/5.0 Chrome/131.0.0.0' },
      body: JSON.stringify({
        siteKey: server.siteKey,
        formKey: 'quote-form',
        fields: { fullname: 'Fred Forged', phone: '(415) 555-0191', company_size: 'l', projects: 'commercial', role: 'buyer' },
        test: `abc.${Date.now() + 60_000}.not-a-signature`,
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields.test).toMatch(/expired or is not valid/);
    expect(await footprint()).toEqual(before);
  });

  it('a qualified submission without a phone: the panel asks only for the number, and the rep gets the form’s answers', async () => {
    const repContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const rep = await signInRep(repContext, server.url, 'sam@demo.sixty');
    const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const visitor = await visitorContext.newPage();
    const errors = collectErrors(visitor);
    await trackerReady(visitor, server.siteKey, () => visitor.goto(site.url('forms-quote', '/?nophone')));
    expect(await visitor.getByPlaceholder('Phone').count()).toBe(0);
    await fillQuote(visitor, { name: 'Nora Nophone', phone: null });
    await visitor.getByRole('button', { name: 'Request my quote' }).click();
    await visitor.waitForURL(/\/thanks$/);

    // The panel opens on the thank-you page and asks for the phone alone.
    const panel = visitor.getByRole('dialog', { name: 'Talk to sales' });
    const phone = panel.getByLabel('Phone');
    await phone.waitFor({ timeout: 10000 });
    await expect.poll(() => panel.getByText('so we can call you back').count(), { timeout: 5000 }).toBeGreaterThan(0);
    expect(await panel.getByLabel('Name').count()).toBe(0);
    expect(await panel.getByLabel('Email').count()).toBe(0);
    expect(await rows(server, "select id from leads where name = 'Nora Nophone'")).toEqual([]);
    await visitor.screenshot({ path: screenshotPath('forms-phone-prompt-1280') });
    await visitor.setViewportSize({ width: 375, height: 740 });
    await visitor.screenshot({ path: screenshotPath('forms-phone-prompt-375') });
    await visitor.setViewportSize({ width: 1280, height: 800 });

    await phone.fill('(415) 555-0177');
    await panel.getByRole('button', { name: 'Call me now' }).click();
    const offer = rep.locator('article.offer').filter({ hasText: 'Nora Nophone' }).first();
    await offer.waitFor({ timeout: 10000 });
    // The rep sees the form's answers on the offer.
    await expect.poll(() => offer.innerText(), { timeout: 5000 }).toContain('51-200');
    await rep.getByRole('button', { name: 'Accept' }).first().click();
    await expect.poll(() => panel.locator('[data-sixty-status]').innerText(), { timeout: 10000 }).toContain('Sam Okafor');

    // The rep's lead card names the form and page it came from, beside the form's answers.
    const fromForm = rep.getByRole('region', { name: 'From the site’s form' });
    await expect.poll(() => fromForm.count(), { timeout: 5000 }).toBe(1);
    expect(await fromForm.innerText()).toContain(`Sent the form “quote-form” on ${site.origin}/forms-quote/`);
    expect(await rep.getByRole('region', { name: 'Must-have answers' }).innerText()).toContain('51-200');
    await shoot(rep, 'forms-lead-card');

    // One lead: the form's name, email and answers, with the number typed in the panel.
    const leads = await rows<{ id: string; phone: string; email: string; answers: string; stage: string }>(
      server,
      "select id, phone, email, answers, stage from leads where name = 'Nora Nophone'",
    );
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ phone: '+14155550177', email: 'robin@northwind.test', stage: 'sal' });
    expect(JSON.parse(leads[0]!.answers)).toEqual({ size: '51-200', projects: 'commercial', role: 'decision' });
    const submitted = await rows<{ form_key: string }>(server, 'select form_key from form_submissions where lead_id = ?', leads[0]!.id);
    expect(submitted.map((s) => s.form_key)).toEqual(['quote-form']);
    expect(errors).toEqual([]);
    await visitorContext.close();
    await repContext.close();

    // Numbers shows the form's figures, the same the Forms page counts (form-numbers.core.ts).
    const managerContext = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const numbers = await managerContext.newPage();
    await openSignedIn(numbers, server.url, '/numbers', 'admin@demo.sixty');
    const row = numbers.locator('tr[data-form="quote-form"]');
    await expect.poll(() => row.count(), { timeout: 10000 }).toBe(1);
    const expected = formNumbers(await server.deps.forms.leadRows(siteId)).get('quote-form')!;
    expect(expected).toMatchObject({ submissions: 1, leads: 1, hot: 1, routed: 1, accepted: 1 });
    const figure = (name: string) => row.locator(`[data-figure="form-${name}"]`).innerText();
    expect([await figure('submissions'), await figure('mql'), await figure('hot'), await figure('routed'), await figure('accepted')]).toEqual(
      [expected.submissions, expected.mql, expected.hot, expected.routed, expected.accepted].map(String),
    );
    expect(await figure('median-accept')).not.toBe('—');
    await numbers.getByRole('heading', { name: 'Your site’s own forms' }).scrollIntoViewIfNeeded();
    await shoot(numbers, 'numbers-forms');
    await managerContext.close();
  });
});
