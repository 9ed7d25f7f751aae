// "Available on my devices" and the escalation ladder in real Chromium against a real server,
// with a recording DevicePush standing in for Web Push (headless Chromium reaches no push
// service): a rep with a device chooses it and is shown so; a rep without one is told to turn on
// alerts first; a manager sets the device timeout and order and a rule's ladder, and routing
// reads them. Screenshots of each at 1280 and 375 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { DevicePush } from '../../server/push/device-push';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { DESKTOP, PHONE, offerFor, openRep, postLead, settle, watch, signIn } from './rep-helpers';
import { collectErrors, openSignedIn, shoot } from './console-admin.helpers';

let server: TestServer;
let browser: Browser;
/** Who has a device; filled once the users exist. */
const withDevice = new Set<string>();
const devices: DevicePush = { deviceCount: async (id) => (withDevice.has(id) ? 1 : 0), offerMade: () => {}, offerClosed: () => {}, notice: () => {} };

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ devices }), launchBrowser()]);
  withDevice.add((await server.deps.store.userByEmail('dana@demo.sixty'))!.id);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const pressed = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).getAttribute('aria-pressed');

describe('Available on my devices', () => {
  it('is chosen by a rep with a device and shown as such; a rep without one is told to turn on alerts first', async () => {
    const dana = await openRep(browser, server.url, 'dana@demo.sixty', DESKTOP);
    await dana.page.getByRole('button', { name: 'Available on my devices', exact: true }).click();
    await expect.poll(() => pressed(dana.page, 'Available on my devices')).toBe('true');
    await expect.poll(() => pressed(dana.page, 'Available')).toBe('false');
    await dana.page.getByText('Available on your devices').waitFor();
    await expect.poll(async () => (await server.deps.store.userByEmail('dana@demo.sixty'))!.presence).toBe('devices');
    await dana.page.screenshot({ path: screenshotPath('rep-presence-devices-1280') });
    await dana.page.setViewportSize({ width: 375, height: 740 });
    await dana.page.screenshot({ path: screenshotPath('rep-presence-devices-375') });
    expect(dana.errors).toEqual([]);
    await dana.context.close();

    // Sam has no device: the choice is refused with what to do, and Available stays chosen.
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const errors: string[] = [];
    await watch(page, errors);
    await signIn(page, server.url, 'sam@demo.sixty');
    await page.getByRole('button', { name: 'Available', exact: true }).click();
    await expect.poll(() => pressed(page, 'Available')).toBe('true');
    await page.getByRole('button', { name: 'Available on my devices', exact: true }).click();
    await page.getByText('Turn on alerts on this device first').waitFor();
    expect(await pressed(page, 'Available on my devices')).toBe('false');
    expect(await pressed(page, 'Available')).toBe('true');
    await page.screenshot({ path: screenshotPath('rep-presence-no-device-375') });
    await context.close();
  });

  it('lets a manager set the device timeout and order, and a rule’s ladder, which routing then reads', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const errors = collectErrors(page);
    const site = (await server.deps.store.siteByKey(server.siteKey))!;
    await openSignedIn(page, server.url, `/sites/${site.id}/routing-settings`, 'admin@demo.sixty');
    await page.getByRole('heading', { name: 'Routing settings', level: 1 }).waitFor();
    await expect.poll(() => page.getByLabel('Device timeout (seconds)').inputValue()).toBe('45');
    await page.getByLabel('Device timeout (seconds)').fill('90');
    await page.getByLabel('Reps on their devices are offered').selectOption('with_tabs');
    await page.getByRole('button', { name: 'Save routing settings' }).click();
    await page.getByText('Saved. New offers use these settings.').waitFor();
    await expect
      .poll(async () => (await server.deps.store.sitesOfWorkspace(site.workspaceId)).find((s) => s.id === site.id))
      .toMatchObject({
        deviceTimeoutMs: 90_000,
        deviceOrder: 'with_tabs',
      });
    await shoot(page, 'console-admin-routing-settings-devices');

    await page.goto(`${server.url}/console/sites/${site.id}/routing`);
    await page.getByRole('button', { name: 'Edit Everyone else' }).click();
    const edit = page.getByRole('form', { name: 'Edit rule Everyone else' });
    await edit.getByLabel('Offer to the whole team at once after (seconds)').fill('60');
    await edit.getByLabel('Then alert managers by push and email').check();
    await shoot(page, 'console-admin-rule-ladder');
    await edit.getByRole('button', { name: 'Save rule' }).click();
    await page.locator('.rule-card').filter({ hasText: 'the whole team at once after 60 s; then alert managers' }).waitFor();
    const [rule] = await server.deps.store.routingRules(site.id);
    expect(rule).toMatchObject({ teamAllAfterMs: 60_000, alertManagers: true });
    // Routing reads what was saved: the decision's snapshot carries the order and the ladder.
    const snapshot = await server.deps.store.draftSnapshot(
      { workspaceId: site.workspaceId, siteId: site.id, phone: '+14155552671', email: null, pageUrl: null, answers: {}, score: 0 },
      new Set(),
      Date.now(),
    );
    expect(snapshot.deviceOrder).toBe('with_tabs');
    expect(snapshot.rules[0]).toMatchObject({ teamAllAfterMs: 60_000, alertManagers: true });
    await shoot(page, 'console-admin-routing-rules-ladder');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('runs the ladder out: the supervisor sees the rep on their devices and the lead queued; the trail shows every step', async () => {
    const store = server.deps.store;
    const site = (await store.siteByKey(server.siteKey))!;
    const sam = (await store.userByEmail('sam@demo.sixty'))!;
    withDevice.add(sam.id);
    // Short timeouts so the ladder runs in seconds; nobody is set away for missing offers.
    await store.updateSiteRouting(site.id, { offerTimeoutMs: 3000, deviceTimeoutMs: 4000, deviceOrder: 'tabs_first', missedOffersBeforeAway: 0 });
    const [rule] = await store.routingRules(site.id);
    // The whole team at once no later than 5 s after the hand-raise; the managers not before.
    await store.updateRoutingRule(rule!.id, { teamAllAfterMs: 5000, alertManagers: true, escalateToEveryone: false });
    // Sam is on his devices with no console open; Dana has the console open.
    await store.setPresence(sam.id, 'devices');
    const dana = await openRep(browser, server.url, 'dana@demo.sixty', DESKTOP);
    await postLead(server, 'Lena Ladder');
    await offerFor(dana.page, 'Lena Ladder').waitFor({ timeout: 5000 });

    const context = await browser.newContext(DESKTOP);
    const admin = await context.newPage();
    const errors: string[] = [];
    await watch(admin, errors);
    await signIn(admin, server.url, 'admin@demo.sixty', '/queue');
    await admin.getByRole('button', { name: 'Supervisor' }).click();
    const reps = admin.getByRole('region', { name: 'Reps' });
    await expect.poll(() => reps.locator('tr[data-rep="Sam Okafor"]').innerText()).toMatch(/On their devices|Busy/);
    // Tab (3 s), device (4 s), the whole team at once (4 s): then the managers, and the queue.
    const waiting = admin.getByRole('region', { name: 'Waiting queue' }).locator('[data-waiting-lead="Lena Ladder"]');
    await waiting.waitFor({ timeout: 20_000 });
    await expect.poll(() => waiting.innerText()).toContain('Nobody accepted after every escalation step');
    await expect.poll(() => reps.locator('tr[data-rep="Sam Okafor"]').innerText()).toContain('On their devices');
    await admin.waitForTimeout(300);
    await admin.screenshot({ path: screenshotPath('rep-supervisor-ladder-1280'), fullPage: true });
    await admin.setViewportSize(PHONE.viewport);
    await admin.waitForTimeout(300);
    await admin.screenshot({ path: screenshotPath('rep-supervisor-ladder-375'), fullPage: true });

    // The manager offers it to Dana, who accepts: her lead card's trail shows each step in words.
    await waiting.getByLabel('Rep for Lena Ladder').selectOption({ label: 'Dana Reyes (available)' });
    await waiting.getByRole('button', { name: 'Offer', exact: true }).click();
    await offerFor(dana.page, 'Lena Ladder').getByRole('button', { name: 'Accept' }).click();
    const trail = dana.page.locator('.timeline');
    for (const text of [
      'Escalated to reps on their devices (Sales)',
      'Offered to Sam Okafor on their devices (4 s to accept)',
      'Escalated to every rep of the team at once (Sales)',
      'Nobody took the lead: managers alerted by push and email',
    ])
      await trail.getByText(text, { exact: true }).waitFor({ timeout: 5000 });
    for (const size of [DESKTOP.viewport, PHONE.viewport]) {
      await dana.page.setViewportSize(size);
      await settle(dana.page);
      await trail.scrollIntoViewIfNeeded();
      await dana.page.screenshot({ path: screenshotPath(`rep-trail-ladder-${size.width}`), fullPage: true });
    }
    expect([...errors, ...dana.errors]).toEqual([]);
    await Promise.all([context.close(), dana.context.close()]);
  });
});
