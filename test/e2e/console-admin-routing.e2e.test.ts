// Routing configuration in a real browser against a real server: a manager-level admin creates
// a team with hours and reps, gives a rep skills, writes a rule sending commercial 201+ leads to
// that team by round robin (the question and answer picked by their labels; the rule lands
// above the catch-all), sees it flagged while the catch-all is moved above it; a matching
// callback is then offered to that team's rep (over the rep socket), whose lead card names the rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { OfferView } from '../../shared/api';
import { callbackBody, connected, nextEvent, postCallback, repSocket, signIn, startTestServer, type RepClient, type TestServer } from '../helpers/test-server';
import { launchBrowser } from '../helpers/browser';
import { collectErrors, DESKTOP, openSignedIn, shoot } from './console-admin.helpers';

let server: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  page.setDefaultTimeout(8000);
  errors = collectErrors(page);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('routing configuration in the console', () => {
  it('creates a team with hours and reps, and a rule to it that a matching callback follows', async () => {
    await openSignedIn(page, server.url, '/teams', 'admin@demo.sixty');
    await page.getByRole('heading', { name: 'Teams', level: 1 }).waitFor();

    // A team open around the clock (the callback comes now) with a holiday, Sam at weight 2.
    await page.getByRole('button', { name: 'Add team' }).click();
    const form = page.getByRole('region', { name: 'Add a team' });
    await form.getByLabel('Team name').fill('Enterprise');
    // The zone is searched by typing and picked from the matches.
    await form.getByRole('combobox', { name: 'Time zone' }).fill('berl');
    await form.getByRole('option', { name: 'Europe/Berlin' }).click();
    await expect.poll(() => form.getByRole('combobox', { name: 'Time zone' }).inputValue()).toBe('Europe/Berlin');
    await form.getByRole('button', { name: 'Around the clock' }).click();
    await form.getByLabel('Holiday').fill('2030-12-25');
    await form.getByRole('button', { name: 'Add holiday' }).click();
    await form.getByLabel('Sam Okafor').check();
    await form.getByLabel('Weight of Sam Okafor').fill('2');
    await form.getByRole('button', { name: 'Create team' }).click();
    await form.getByText('Enterprise created.').waitFor();
    const card = page.getByRole('region', { name: 'Enterprise' });
    await card.getByText('Every day 00:00–24:00 (Europe/Berlin)').waitFor();
    await card.getByText('Sam Okafor (weight 2)').waitFor();
    await card.getByText('2030-12-25').waitFor();
    await form.getByRole('button', { name: 'Close' }).click();
    await shoot(page, 'console-admin-teams');
    await card.getByRole('button', { name: 'Edit Enterprise' }).click();
    await card.getByLabel('Weight of Sam Okafor').waitFor();
    await shoot(page, 'console-admin-team-edit');

    // Reps: Sam sells ovens.
    await page.getByRole('link', { name: 'Reps' }).click();
    const sam = page.getByRole('region', { name: 'Sam Okafor' });
    await sam.getByText('rep · Sales, Enterprise').waitFor();
    await sam.getByLabel('Skills').fill('ovens, refrigeration');
    await sam.getByRole('button', { name: 'Save Sam Okafor' }).click();
    await sam.getByText('Saved.').waitFor();
    await shoot(page, 'console-admin-reps');

    // The rule: commercial projects at 201+ employees go to Enterprise by round robin. The
    // question and its answer are picked by their labels; the form says where the rule goes.
    await page.getByRole('link', { name: 'Sites', exact: true }).click();
    await page.getByRole('region', { name: 'Acme website' }).getByRole('link', { name: 'Routing', exact: true }).click();
    await page.getByRole('heading', { name: 'Routing rules', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add rule' }).click();
    const rule = page.getByRole('form', { name: 'New routing rule' });
    await rule.getByLabel('Rule name').fill('Big commercial');
    await rule.getByRole('button', { name: 'Add condition' }).click();
    await rule.getByLabel('Condition 1: question').selectOption({ label: 'What kind of projects do you do?' });
    await rule.getByRole('group', { name: 'Condition 1: answers' }).getByLabel('Commercial', { exact: true }).check();
    await rule.getByRole('button', { name: 'Add condition' }).click();
    await rule.getByLabel('Condition 2: field').selectOption('company_size');
    await rule.getByLabel('Condition 2: test').selectOption('gte');
    await rule.getByLabel('Condition 2: number').fill('201');
    await rule.getByLabel('Team', { exact: true }).selectOption({ label: 'Enterprise' });
    await rule.getByLabel('Strategy').selectOption('round_robin');
    await rule.getByLabel('Overflow team').selectOption({ label: 'Sales' });
    await rule.getByText('It goes in as rule 1, above “Everyone else” (which takes every lead), so it is tried first.').waitFor();
    await shoot(page, 'console-admin-rule-new');
    await rule.getByRole('button', { name: 'Save rule' }).click();
    await page.getByText('Big commercial added as rule 1, above Everyone else.').waitFor();
    await expect.poll(() => page.locator('.rule-summary h2').allTextContents()).toEqual(['1. Big commercial', '2. Everyone else']);
    const big = page.locator('.rule-card').filter({ hasText: 'Big commercial' });
    await expect
      .poll(() => big.locator('dd').first().textContent())
      .toBe('Answer to “What kind of projects do you do?” is one of Commercial; and Company size (employees) at least 201');

    // With the catch-all moved above it, the rule can never match, and the page says why.
    await page.getByRole('button', { name: 'Move Everyone else up' }).click();
    await page.getByText('Everyone else moved up.').waitFor();
    await expect.poll(() => big.locator('.rule-flag').textContent()).toBe('Never matches: after the catch-all rule "Everyone else". Move it up, or delete it.');
    await shoot(page, 'console-admin-routing-rules-unreachable');
    await page.getByRole('button', { name: 'Move Big commercial up' }).click();
    await page.getByText('Big commercial moved up.').waitFor();
    await expect.poll(() => page.locator('.rule-summary h2').allTextContents()).toEqual(['1. Big commercial', '2. Everyone else']);
    await expect.poll(() => page.locator('.rule-flag').count()).toBe(0);
    await shoot(page, 'console-admin-routing-rules');

    // A field error points at the field: no answer picked.
    await page.getByRole('button', { name: 'Edit Big commercial' }).click();
    const edit = page.getByRole('form', { name: 'Edit rule Big commercial' });
    const answers = edit.getByRole('group', { name: 'Condition 1: answers' });
    await answers.getByLabel('Commercial', { exact: true }).uncheck();
    await edit.getByRole('button', { name: 'Save rule' }).click();
    await expect.poll(() => answers.getByLabel('Commercial', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => answers.locator('.field-error').textContent()).toBe('Pick at least one answer');
    await shoot(page, 'console-admin-rule-edit');
    await edit.getByRole('button', { name: 'Cancel' }).click();

    // Site routing settings.
    await page.getByRole('link', { name: 'Routing settings' }).click();
    await page.getByLabel('Offer timeout (seconds)').fill('30');
    await page.getByRole('button', { name: 'Save routing settings' }).click();
    await page.getByText('Saved. New offers use these settings.').waitFor();
    await shoot(page, 'console-admin-routing-settings');

    // Both reps are online and available; the matching lead goes to Enterprise's rep, Sam.
    const [dana, samSocket] = await Promise.all(['dana@demo.sixty', 'sam@demo.sixty'].map(async (e) => repSocket(server.url, await signIn(server.url, e))));
    await Promise.all([connected(dana!), connected(samSocket!)]);
    const danaOffers: OfferView[] = [];
    dana!.on('offer:new', (o) => danaOffers.push(o));
    await Promise.all([dana!.emitWithAck('presence:set', 'available'), samSocket!.emitWithAck('presence:set', 'available')]);
    const offered = nextEvent<OfferView>(samSocket as RepClient, 'offer:new');
    const lead = await postCallback(
      server.url,
      callbackBody(server.siteKey, { name: 'Big Buyer', answers: { projects: 'commercial', size: '201+', role: 'decision' } }),
    );
    expect(lead.status).toBe(201);
    const offer = await offered;
    expect(offer.leadId).toBe(lead.body.leadId);
    expect(offer.lead.timeline.map((e) => e.text)).toContainEqual('Rule "Big commercial" matched: team Enterprise, round robin');
    expect(danaOffers).toEqual([]);
    dana!.close();
    samSocket!.close();

    // Account owners and pending invites render at both widths.
    await page.getByRole('link', { name: 'Routing', exact: true }).first().click();
    await page.getByRole('link', { name: 'Account owners' }).click();
    await page.getByRole('button', { name: 'Add domain' }).click();
    await page.getByLabel('Domain 1', { exact: true }).fill('bigbuyer.example');
    await page.getByLabel('Owner of domain 1', { exact: true }).selectOption({ label: 'Sam Okafor' });
    await page.getByRole('button', { name: 'Save account owners' }).click();
    await page.getByText('Saved.').waitFor();
    await shoot(page, 'console-admin-account-owners');

    // A new site, then a pending invite revoked.
    await page.getByRole('link', { name: 'Sites', exact: true }).click();
    await page.getByRole('button', { name: 'Add site' }).click();
    await page.getByLabel('Site name').fill('Shop');
    await page.getByLabel('Allowed origins').fill('https://shop.example');
    await shoot(page, 'console-admin-new-site');
    await page.getByRole('button', { name: 'Create site' }).click();
    await page.getByText('Shop added: copy its snippet in its card.').waitFor();
    await page.getByRole('heading', { name: 'Shop', level: 2 }).waitFor();
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByLabel('Email').fill('late@demo.sixty');
    await page.getByLabel('Name', { exact: true }).fill('Late Larry');
    await page.getByRole('button', { name: 'Create invite link' }).click();
    await page.getByRole('button', { name: 'Revoke the invite to late@demo.sixty' }).waitFor();
    await shoot(page, 'console-admin-invites');
    await page.getByRole('button', { name: 'Revoke the invite to late@demo.sixty' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('The invite to late@demo.sixty no longer works.').waitFor();
    expect(errors).toEqual([]);
  }, 40_000);
});
