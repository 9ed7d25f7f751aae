// Routing configuration in a real browser against a real server: a manager-level admin creates
// a team with hours and reps, gives a rep skills, writes a rule sending commercial 201+ leads to
// that team by round robin and moves it to the top; a matching callback is then offered to that
// team's rep (over the rep socket), and the lead records the rule.
import Database from 'better-sqlite3';
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
    await form.getByLabel('Time zone').selectOption('Europe/Berlin');
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

    // The rule: commercial projects at 201+ employees go to Enterprise by round robin, first.
    await page.getByRole('link', { name: 'Sites', exact: true }).click();
    await page.getByRole('region', { name: 'Acme website' }).getByRole('link', { name: 'Routing', exact: true }).click();
    await page.getByRole('heading', { name: 'Routing rules', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add rule' }).click();
    const rule = page.getByRole('form', { name: 'New routing rule' });
    await rule.getByLabel('Rule name').fill('Big commercial');
    await rule.getByRole('button', { name: 'Add condition' }).click();
    await rule.getByLabel('Condition 1: question id').fill('projects');
    await rule.getByLabel('Condition 1: values').fill('commercial');
    await rule.getByRole('button', { name: 'Add condition' }).click();
    await rule.getByLabel('Condition 2: field').selectOption('company_size');
    await rule.getByLabel('Condition 2: test').selectOption('gte');
    await rule.getByLabel('Condition 2: number').fill('201');
    await rule.getByLabel('Team', { exact: true }).selectOption({ label: 'Enterprise' });
    await rule.getByLabel('Strategy').selectOption('round_robin');
    await rule.getByLabel('Overflow team').selectOption({ label: 'Sales' });
    await rule.getByRole('button', { name: 'Save rule' }).click();
    await page.getByText('Big commercial added at the end.').waitFor();
    await page.getByRole('button', { name: 'Move Big commercial up' }).click();
    await page.getByText('Big commercial moved up.').waitFor();
    await expect.poll(() => page.locator('.rule-summary h2').allTextContents()).toEqual(['1. Big commercial', '2. Everyone else']);
    await shoot(page, 'console-admin-routing-rules');

    // A field error points at the field: an empty values list.
    await page.getByRole('button', { name: 'Edit Big commercial' }).click();
    const edit = page.getByRole('form', { name: 'Edit rule Big commercial' });
    await edit.getByLabel('Condition 1: values').fill('');
    await edit.getByRole('button', { name: 'Save rule' }).click();
    await expect(edit.getByLabel('Condition 1: values').getAttribute('aria-invalid')).resolves.toBe('true');
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
    const lead = await postCallback(server.url, callbackBody(server.siteKey, { name: 'Big Buyer', answers: { projects: 'commercial', size: '201+', role: 'decision' } }));
    expect(lead.status).toBe(201);
    const offer = await offered;
    expect(offer.leadId).toBe(lead.body.leadId);
    expect(danaOffers).toEqual([]);
    const db = new Database(server.deps.config.dbPath, { readonly: true });
    const row = db.prepare('select r.name from leads l join routing_rules r on r.id = l.rule_id where l.id = ?').get(lead.body.leadId) as { name: string };
    db.close();
    expect(row.name).toBe('Big commercial');
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
