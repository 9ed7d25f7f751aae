// Outcomes to revenue in a real browser against a real server: the admin sets the workspace's
// currency, the rep closes an opportunity as won with its value (prefilled) and the lead card
// shows it in that currency; the admin creates an API key, a CRM uses it, and revoking it stops it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { acceptedLead } from '../helpers/accepted-lead';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { collectErrors, DESKTOP, openSignedIn, PHONE, shoot } from './console-admin.helpers';
import { signIn as signInRep, watch } from './rep-helpers';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The admin, signed in on the Workspace page (a tab of Users) in a browser context of their own. */
async function adminOnWorkspace(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await openSignedIn(page, server.url, '/users', 'admin@demo.sixty');
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Currency and API keys' }).click();
  await page.getByRole('heading', { name: 'Workspace', level: 1 }).waitFor({ timeout: 5000 });
  return { context, page, errors };
}

/** A lead Dana accepted and opened as an opportunity worth `value`, as the server's API makes it. */
async function opportunity(name: string, phone: string, value: number): Promise<string> {
  const { cookie, lead } = await acceptedLead(server, 'dana@demo.sixty', { name, phone });
  const res = await fetch(`${server.url}/v1/console/leads/${lead.id}/outcome`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ outcome: 'opportunity', value }),
  });
  expect(res.status).toBe(200);
  return lead.id;
}

const crm = (leadId: string, secret: string, body: unknown) =>
  fetch(`${server.url}/v1/leads/${leadId}/outcome`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify(body),
  });

describe('outcomes to revenue in the console', () => {
  it("an admin sets the currency, and a rep's won deal shows its value in it", async () => {
    const { context, page, errors } = await adminOnWorkspace();
    const currency = page.getByLabel('Currency (ISO 4217 code)');
    await expect.poll(() => currency.inputValue(), { timeout: 5000 }).toBe('USD');
    // A code Intl does not know is refused at the field.
    await currency.fill('EURO');
    await page.getByRole('button', { name: 'Save currency' }).click();
    await page.getByText('Use an ISO 4217 currency code, such as USD, EUR or GBP').waitFor({ timeout: 3000 });
    await currency.fill('eur');
    await page.getByText('A deal reads like €12,500').waitFor({ timeout: 3000 });
    await page.getByRole('button', { name: 'Save currency' }).click();
    await page.getByText('Saved: deal values are in EUR from now on.').waitFor({ timeout: 5000 });
    await shoot(page, 'workspace-currency');
    // Numbers' money figures follow: the SLA calculator's quota, deal size and revenue goal.
    await page.goto(`${server.url}/console/numbers`);
    await page.getByLabel('Sales quota per month (EUR)').fill('100000');
    await page.getByLabel('Share from marketing (%)').fill('50');
    await expect.poll(() => page.locator('.sla-goal').innerText(), { timeout: 5000 }).toBe('Revenue goal from marketing: €50,000 a month');
    expect(await page.getByLabel('Average deal size (EUR)').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();

    // Dana, signed in after the change, closes her opportunity as won.
    await opportunity('Wanda Winner', '+1 415 555 0411', 12500);
    const rep = await browser.newContext({ viewport: DESKTOP });
    const repPage = await rep.newPage();
    const repErrors: string[] = [];
    await watch(repPage, repErrors);
    await signInRep(repPage, server.url, 'dana@demo.sixty');
    await repPage.getByRole('tab', { name: /My leads/ }).click();
    await repPage.getByRole('list', { name: 'My leads' }).getByRole('button').filter({ hasText: 'Wanda Winner' }).click();
    const card = repPage.locator('section.lead');
    await card.getByRole('heading', { name: 'Wanda Winner' }).waitFor({ timeout: 5000 });
    // The deal as it stands: an opportunity worth €12,500.
    await expect.poll(() => card.locator('.deal').innerText(), { timeout: 5000 }).toContain('€12,500');
    const choices = card.getByRole('group', { name: 'The lead' }).getByRole('radio');
    expect(await choices.evaluateAll((radios) => radios.map((r) => r.parentElement!.textContent))).toEqual([
      'Stays Opportunity',
      'Won',
      'Lost',
      'Nurture',
      'Disqualified',
    ]);
    // Lost asks a reason, with the usual ones offered.
    await card.getByRole('radio', { name: 'Lost' }).check();
    await card.getByLabel('Reason').waitFor({ timeout: 3000 });
    expect(await card.locator('#outcome-reason-suggestions option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))).toContain(
      'Went with a competitor',
    );
    // Won asks the value, prefilled with the opportunity's.
    await card.getByRole('radio', { name: 'Won' }).check();
    const value = card.getByLabel('Deal value (EUR)');
    await expect.poll(() => value.inputValue()).toBe('12500');
    await value.fill('abc');
    await card.getByRole('button', { name: 'Save outcome' }).click();
    await card.getByText('Enter the value as a number of EUR, such as 12500').waitFor({ timeout: 3000 });
    await value.fill('13,250');
    // The sticky bar would be drawn mid-card in a capture: pinned for the shots (CSSOM, so CSP allows it).
    await repPage.evaluate(() => document.querySelectorAll<HTMLElement>('.console-bar').forEach((el) => (el.style.position = 'static')));
    for (const size of [DESKTOP, PHONE]) {
      await repPage.setViewportSize(size);
      await repPage.waitForTimeout(100);
      await repPage.screenshot({ path: screenshotPath(`outcome-won-form-${size.width}`), fullPage: true });
    }
    await repPage.setViewportSize(DESKTOP);
    await card.getByRole('button', { name: 'Save outcome' }).click();
    await expect.poll(() => card.locator('.badge-stage').first().innerText(), { timeout: 5000 }).toBe('Won');
    const deal = card.locator('.deal');
    await expect.poll(() => deal.innerText(), { timeout: 5000 }).toContain('€13,250');
    expect(await deal.innerText()).toContain('Closed');
    await card.locator('.timeline').getByText('Deal won: Value €13,250').waitFor({ timeout: 5000 });
    // Won is final: nothing more to log.
    await card.getByText('Nothing to log: a won lead never moves again.').waitFor({ timeout: 3000 });
    for (const size of [DESKTOP, PHONE]) {
      await repPage.setViewportSize(size);
      await repPage.waitForTimeout(100);
      await card.screenshot({ path: screenshotPath(`outcome-won-card-${size.width}`) });
    }
    expect(repErrors).toEqual([]);
    await rep.close();
  });

  it('a rep loses a deal with a reason, and the card says why', async () => {
    await opportunity('Lars Lost', '+1 415 555 0413', 7000);
    const rep = await browser.newContext({ viewport: DESKTOP });
    const repPage = await rep.newPage();
    const repErrors: string[] = [];
    await watch(repPage, repErrors);
    await signInRep(repPage, server.url, 'dana@demo.sixty');
    await repPage.getByRole('tab', { name: /My leads/ }).click();
    await repPage.getByRole('list', { name: 'My leads' }).getByRole('button').filter({ hasText: 'Lars Lost' }).click();
    const card = repPage.locator('section.lead');
    await card.getByRole('heading', { name: 'Lars Lost' }).waitFor({ timeout: 5000 });
    await card.getByRole('radio', { name: 'Lost' }).check();
    // The reason is required: the form says so before anything is sent.
    await card.getByRole('button', { name: 'Save outcome' }).click();
    await card.getByText('A reason is required for lost').waitFor({ timeout: 3000 });
    await card.getByLabel('Reason').fill('Went with a competitor');
    await card.getByRole('button', { name: 'Save outcome' }).click();
    await expect.poll(() => card.locator('.badge-stage').first().innerText(), { timeout: 5000 }).toBe('Lost');
    const deal = card.locator('.deal');
    await expect.poll(() => deal.innerText(), { timeout: 5000 }).toContain('Why lost');
    expect(await deal.innerText()).toContain('Went with a competitor');
    expect(await deal.innerText()).toContain('€7,000');
    await card.getByText('This deal is closed (Lost): no call attempts are logged on it.').waitFor({ timeout: 3000 });
    await repPage.evaluate(() => document.querySelectorAll<HTMLElement>('.console-bar').forEach((el) => (el.style.position = 'static')));
    for (const size of [DESKTOP, PHONE]) {
      await repPage.setViewportSize(size);
      await repPage.waitForTimeout(100);
      await card.screenshot({ path: screenshotPath(`outcome-lost-card-${size.width}`) });
    }
    expect(repErrors).toEqual([]);
    await rep.close();
  });

  it('an admin creates an API key, sees its secret once, and revokes it', async () => {
    const leadId = await opportunity('Carl Crm', '+1 415 555 0412', 4000);
    const { context, page, errors } = await adminOnWorkspace();
    await page.getByText('No API keys yet.').waitFor({ timeout: 5000 });
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByText('Name the key (say, the CRM that uses it)').waitFor({ timeout: 3000 });
    await page.getByLabel('Name').fill('HubSpot sync');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secretField = page.getByLabel('Secret (shown once)');
    await expect.poll(() => secretField.inputValue(), { timeout: 5000 }).toMatch(/^sixty_live_/);
    const secret = await secretField.inputValue();
    const keys = page.getByRole('list', { name: 'API keys' });
    await keys.getByText('HubSpot sync').waitFor({ timeout: 5000 });
    expect(await keys.innerText()).toContain('Never used');
    expect(await keys.innerText()).toContain(secret.slice(0, 15));
    expect(await keys.innerText()).not.toContain(secret);

    // The CRM closes the deal with it; the list then says when the key was last used.
    expect((await crm(leadId, secret, { stage: 'won', value: 4200, currency: 'EUR' })).status).toBe(200);
    await page.getByRole('button', { name: 'Done' }).click();
    await page.reload();
    await expect.poll(() => page.getByRole('list', { name: 'API keys' }).innerText(), { timeout: 5000 }).toContain('Last used');
    // Shown once: after a reload the secret is nowhere on the page.
    expect(await page.content()).not.toContain(secret);
    await shoot(page, 'workspace-api-keys');

    await page.getByRole('button', { name: 'Revoke HubSpot sync' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('HubSpot sync is revoked: requests with it are refused from now on.').waitFor({ timeout: 5000 });
    await expect.poll(() => page.getByRole('list', { name: 'API keys' }).innerText(), { timeout: 5000 }).toContain('Revoked');
    const refused = await crm(leadId, secret, { stage: 'won', value: 1 });
    expect(refused.status).toBe(401);
    await shoot(page, 'workspace-api-key-revoked');
    expect(errors).toEqual([]);
    await context.close();
  });
});
