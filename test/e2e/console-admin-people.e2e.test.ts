// The numbers, users and erasure pages in a real browser against a real server: the Numbers
// page shows the figures of a seeded history as computed here from the raw database rows; an
// invite goes through its landing page; a reset link works; a rep cannot open admin pages.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { OfferView } from '../../shared/api';
import { callbackBody, connected, postCallback, repSocket, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { percentile } from '../../server/reports/stats';
import { speedText, percentText, STEP_LABELS } from '../../console/admin/numbers/figures';
import { chartTexts, recordChartTexts } from './chart-texts';
import { collectErrors, DESKTOP, openSignedIn, PHONE, shoot } from './console-admin.helpers';

let server: TestServer;
let browser: Browser;
let admin: BrowserContext;
let page: Page;
let errors: string[];

/** How long Dana takes to accept each of the three hot callbacks. */
const WAITS_MS = [150, 700, 1300];
/**
 * The server's clock runs this far ahead of real time; it jumps before Dana's first call attempts,
 * so the by-rep chart's axis reads in minutes ("1 min 30 s"), whose last label used to be cut.
 */
let clockAhead = 0;
const CALL_AFTER_MS = 95_000;

beforeAll(async () => {
  // The webhook test points at a local port, which Sixty refuses unless the operator allows it.
  [server, browser] = await Promise.all([startTestServer({ fetchAllow: ['127.0.0.1'], clock: () => Date.now() + clockAhead }), launchBrowser()]);
  await seedHistory();
  admin = await browser.newContext({ viewport: DESKTOP });
  await recordChartTexts(admin);
  page = await admin.newPage();
  errors = collectErrors(page);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Three hot callbacks Dana accepts after different waits (one called and made an SQL, one nurtured), one disqualified. */
async function seedHistory() {
  const danaCookie = await signIn(server.url, 'dana@demo.sixty');
  const dana = repSocket(server.url, danaCookie);
  await connected(dana);
  const offers: OfferView[] = [];
  dana.on('offer:new', (o) => offers.push(o));
  await dana.emitWithAck('presence:set', 'available');
  const post = (path: string, body?: unknown) =>
    fetch(`${server.url}/v1/console/leads/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: danaCookie },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  for (const [i, wait] of WAITS_MS.entries()) {
    await postCallback(
      server.url,
      callbackBody(server.siteKey, { name: `Buyer ${i + 1}`, phone: `+1 415 555 01${30 + i}`, email: `buyer${i + 1}@example.com` }),
    );
    for (let t = 0; t < 100 && offers.length <= i; t++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, wait));
    const ack = await dana.emitWithAck('offer:accept', { offerId: offers[i]!.offerId });
    if (!ack.ok) throw new Error(`accept failed: ${ack.error}`);
    if (i < 2) clockAhead += CALL_AFTER_MS;
    if (i === 0) {
      await post(`${ack.data.id}/call`);
      // SQL needs the four qualification answers (shared/schemas/console.schema.ts).
      const qualification = { needs: 'New line', currentSolution: 'Old ovens', decisionMaker: 'Yes', readyOrBudget: 'This quarter' };
      const sql = await post(`${ack.data.id}/outcome`, { outcome: 'sql', qualification });
      if (!sql.ok) throw new Error(`sql outcome refused: ${sql.status} ${await sql.text()}`);
    }
    if (i === 1) {
      const nurture = await post(`${ack.data.id}/outcome`, { outcome: 'nurture', reason: 'Budget opens next quarter' });
      if (!nurture.ok) throw new Error(`nurture outcome refused: ${nurture.status}`);
    }
  }
  await postCallback(
    server.url,
    callbackBody(server.siteKey, {
      name: 'Res Only',
      phone: '+1 415 555 0140',
      email: 'res@example.com',
      answers: { projects: 'residential', size: '1-10', role: 'decision' },
    }),
  );
  dana.close();
}

/** The figures the Numbers page must show, computed from the raw rows. */
function expectedFromDb() {
  const db = new Database(server.deps.config.dbPath, { readonly: true });
  const waits = (
    db.prepare('select accepted_at - coalesce(hot_at, captured_at) as w from leads where hot = 1 and accepted_at is not null').all() as Array<{ w: number }>
  )
    .map((r) => r.w)
    .sort((a, b) => a - b);
  const calls = (
    db.prepare('select first_call_at - coalesce(hot_at, captured_at) as w from leads where hot = 1 and first_call_at is not null').all() as Array<{ w: number }>
  )
    .map((r) => r.w)
    .sort((a, b) => a - b);
  const leads = (db.prepare('select count(*) as n from leads').get() as { n: number }).n;
  const reached = (stages: string[]) =>
    (
      db.prepare(`select count(distinct lead_id) as n from stage_changes where to_stage in (${stages.map(() => '?').join(',')})`).get(...stages) as {
        n: number;
      }
    ).n;
  const mql = reached(['mql', 'hot', 'sal', 'sql', 'opportunity']);
  const sal = reached(['sal', 'sql', 'opportunity']);
  const sql = reached(['sql', 'opportunity']);
  db.close();
  return { waits, calls, leads, mql, sal, sql };
}

describe('numbers', () => {
  it('shows speed-to-lead and the funnel of the seeded history as the raw rows say', async () => {
    await openSignedIn(page, server.url, '/numbers', 'admin@demo.sixty');
    await page.getByRole('heading', { name: 'Speed-to-lead' }).waitFor();
    const want = expectedFromDb();
    expect(want.waits).toHaveLength(3);
    const figure = (name: string) => page.locator(`[data-figure="${name}"]`).first().textContent();
    expect(await figure('accept-median')).toBe(speedText(percentile(want.waits, 50)));
    expect(await figure('accept-p90')).toBe(speedText(percentile(want.waits, 90)));
    expect(await figure('accept-60s')).toBe(percentText(1));
    expect(await figure('accept-reached')).toMatch(/^3 of 3 hand-raises/);
    // The first call attempt: the tel: click, or the first logged outcome (the nurtured lead's).
    expect(want.calls).toHaveLength(2);
    expect(await figure('call-reached')).toMatch(/^2 of 3 hand-raises/);
    expect(await figure('call-median')).toBe(speedText(percentile(want.calls, 50)));
    expect(await figure('step-leads')).toBe(String(want.leads));
    expect(await figure('step-mql')).toBe(String(want.mql));
    expect(await figure('step-sal')).toBe(String(want.sal));
    expect(want.sql).toBe(1);
    expect(await figure('step-sql')).toBe(String(want.sql));
    expect(await figure('conversion-mql')).toBe(percentText(want.mql / want.leads));
    await expect.poll(() => page.getByRole('table', { name: 'Speed by rep' }).textContent()).toContain('Dana Reyes');
    await expect
      .poll(() => page.locator('section', { has: page.getByRole('heading', { name: 'Nurture reasons' }) }).textContent())
      .toContain('Budget opens next quarter');
    await expect
      .poll(() => page.locator('section', { has: page.getByRole('heading', { name: 'Disqualification reasons' }) }).textContent())
      .toContain('Residential-only');
    expect(await page.locator('.chart canvas').count()).toBeGreaterThanOrEqual(2);
    await expectChartsWhole(page);

    // The marketing SLA: 100,000 x 50% / 5,000 = 10 customers; /20% = 50 SQLs; /50% = 100 MQLs; /25% = 400 leads.
    await page.getByLabel('Sales quota per month').fill('100000');
    await page.getByLabel('Share from marketing (%)').fill('50');
    await page.getByLabel('Average deal size').fill('5000');
    await page.getByLabel('Lead → MQL (%)').fill('25');
    await page.getByLabel('MQL → SQL (%)').fill('50');
    await page.getByLabel('SQL → customer (%)').fill('20');
    expect([await figure('needed-customers'), await figure('needed-sqls'), await figure('needed-mqls'), await figure('needed-leads')]).toEqual([
      '10',
      '50',
      '100',
      '400',
    ]);
    expect([await figure('actual-leads'), await figure('actual-mqls'), await figure('actual-sqls')]).toEqual([
      String(want.leads),
      String(want.mql),
      String(want.sql),
    ]);

    const csv = await page.getByRole('link', { name: 'Export leads (CSV)' }).getAttribute('href');
    expect(csv).toMatch(/^\/v1\/console\/reports\/leads\.csv\?from=.+&to=.+/);
    const res = await page.request.get(`${server.url}${csv}`);
    expect(res.status()).toBe(200);
    expect((await res.text()).split('\r\n').filter(Boolean)).toHaveLength(want.leads + 1);
    // Beside it, the same range as an .xlsx workbook.
    const xlsx = await page.getByRole('link', { name: 'Export leads (.xlsx)' }).getAttribute('href');
    expect(xlsx).toBe(csv!.replace('leads.csv', 'leads.xlsx'));
    const book = await page.request.get(`${server.url}${xlsx}`);
    expect(book.status()).toBe(200);
    expect(book.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect((await book.body()).subarray(0, 2).toString()).toBe('PK');
    await shoot(page, 'console-admin-numbers');
    await page.setViewportSize(PHONE);
    await expectChartsWhole(page);
    await page.setViewportSize(DESKTOP);
  });
});

/**
 * The charts as drawn: the funnel's bars run from Visitors at the top to Opportunities at the
 * bottom, the by-rep axis reads in minutes, and no text runs past its canvas (the cut "1 mi").
 */
async function expectChartsWhole(page: Page) {
  const steps = Object.values(STEP_LABELS);
  // A label too long for a narrow screen ends in an ellipsis rather than running off the canvas.
  const stepOf = (text: string) => steps.find((s) => s === text || (text.endsWith('…') && s.startsWith(text.slice(0, -1))));
  const funnelLabels = async () =>
    (await chartTexts(page))
      .filter((t) => t.chart.startsWith('Funnel:') && stepOf(t.text))
      .sort((a, b) => a.y - b.y)
      .map((t) => stepOf(t.text));
  await expect.poll(funnelLabels).toEqual(steps);
  expect(steps[0]).toBe('Visitors');
  const texts = await chartTexts(page);
  const byRep = texts.filter((t) => t.chart.startsWith('Median seconds to accept and to first call by rep'));
  expect(byRep.some((t) => /\d min/.test(t.text))).toBe(true);
  for (const t of texts) {
    expect({ text: t.text, left: t.left >= 0, right: t.right <= t.canvasWidth + 0.5 }).toEqual({ text: t.text, left: true, right: true });
  }
}

describe('users', () => {
  let inviteLink = '';

  it('invites someone with a one-time link shown to copy', async () => {
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'sam@demo.sixty' }).waitFor();
    await page.getByLabel('Name').fill('Morgan Lead');
    await page.getByLabel('Email').fill('morgan@demo.sixty');
    await page.getByLabel('Role').selectOption('manager');
    await page.getByRole('button', { name: 'Create invite link' }).click();
    const box = page.getByRole('region', { name: 'Invite link for Morgan Lead' });
    await box.waitFor();
    await expect.poll(() => box.textContent()).toContain('Not emailed');
    inviteLink = await box.getByLabel('One-time link').inputValue();
    expect(inviteLink).toMatch(new RegExp(`^${server.url}/console/invite/[\\w-]+$`));
    await shoot(page, 'console-admin-users');
  });

  it('lands an invitee on a page naming the workspace, sets their password and signs them in', async () => {
    const ctx = await browser.newContext({ viewport: PHONE });
    const invitee = await ctx.newPage();
    await invitee.goto(inviteLink);
    await invitee.getByRole('heading', { name: 'Join Acme Commercial Kitchens' }).waitFor();
    await expect.poll(() => invitee.locator('.invite-facts').textContent()).toContain('morgan@demo.sixty');
    await invitee.screenshot({ path: screenshotPath('console-admin-invite-375') });
    await invitee.getByLabel('New password').fill('morgan-password-1');
    await invitee.getByLabel('Repeat the password').fill('morgan-password-1');
    await invitee.getByRole('button', { name: 'Set password and sign in' }).click();
    // A manager lands on Numbers (not a queue saying they are away), with the navigation but not Users.
    await invitee.getByRole('heading', { name: 'Numbers', level: 1 }).waitFor();
    await expect.poll(() => invitee.url()).toBe(`${server.url}/console/numbers`);
    const nav = invitee.getByRole('navigation', { name: 'Console' });
    await expect.poll(() => nav.getByRole('link', { name: 'Numbers' }).getAttribute('aria-current')).toBe('page');
    expect(await nav.getByRole('link', { name: 'Users' }).count()).toBe(0);
    await invitee.screenshot({ path: screenshotPath('console-admin-manager-numbers-375') });
    // The link worked once.
    await invitee.goto(inviteLink);
    await invitee.getByRole('heading', { name: 'This invite link does not work' }).waitFor();
    await ctx.close();
  });

  it('makes a password reset link that sets a new password', async () => {
    await page.getByRole('button', { name: 'Password reset link for Sam Okafor' }).click();
    const box = page.getByRole('region', { name: 'Password reset link for Sam Okafor' });
    const link = await box.getByLabel('One-time link').inputValue();
    const ctx = await browser.newContext({ viewport: DESKTOP });
    const sam = await ctx.newPage();
    await sam.goto(link);
    await sam.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await sam.screenshot({ path: screenshotPath('console-admin-reset-1280') });
    await sam.getByLabel('New password').fill('sam-new-password');
    await sam.getByLabel('Repeat the password').fill('sam-new-password');
    await sam.getByRole('button', { name: 'Set new password' }).click();
    await sam.getByRole('heading', { name: 'Password changed' }).waitFor();
    await ctx.close();
    await expect(signIn(server.url, 'sam@demo.sixty', 'sam-new-password')).resolves.toMatch(/=/);
  });

  it('keeps a rep out of the admin pages', async () => {
    const ctx = await browser.newContext({ viewport: PHONE });
    const rep = await ctx.newPage();
    const asked: string[] = [];
    rep.on('request', (r) => asked.push(new URL(r.url()).pathname));
    // Straight to an admin page: the sign-in form, then the refusal (not the page).
    await openSignedIn(rep, server.url, '/users', 'dana@demo.sixty');
    await rep.getByRole('heading', { name: 'This page is not available to you' }).waitFor();
    expect(await rep.getByRole('navigation', { name: 'Console' }).count()).toBe(0);
    for (const path of ['/numbers', '/erase', '/webhooks', '/sites', `/sites/any/rules`]) {
      await rep.goto(`${server.url}/console${path}`);
      await rep.getByRole('heading', { name: 'This page is not available to you' }).waitFor();
    }
    await rep.screenshot({ path: screenshotPath('console-admin-rep-refused-375') });
    expect(asked.filter((p) => /\/v1\/(console\/(reports|users|sites|webhooks)|sites\/)|\/assets\/\w+Page-/.test(p))).toEqual([]);
    await ctx.close();
  });

  it('deactivates a user after a confirmation', async () => {
    await page.getByRole('button', { name: 'Deactivate Dana Reyes' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deactivate Dana Reyes?' });
    await dialog.screenshot({ path: screenshotPath('console-admin-deactivate-dialog') });
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByText('Dana Reyes is deactivated', { exact: false }).waitFor();
    await expect.poll(() => page.getByRole('listitem').filter({ hasText: 'dana@demo.sixty' }).textContent()).toContain('Deactivated');
    await expect(signIn(server.url, 'dana@demo.sixty')).rejects.toThrow(/401|403/);
  });
});

describe('webhooks', () => {
  it('adds a webhook, shows its signing secret once, and removes it after a confirmation', async () => {
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    // The cloud metadata address is refused on the URL field (127.0.0.1 is allowed on this test server).
    await page.getByLabel('URL', { exact: true }).fill('http://169.254.169.254/latest/meta-data/');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByText('Webhooks cannot be sent to local or private network addresses', { exact: false }).waitFor();
    await page.getByLabel('URL', { exact: true }).fill('http://127.0.0.1:9/sixty');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const secret = page.getByRole('region', { name: 'Signing secret' });
    const whole = await secret.getByLabel('Secret (shown once)').inputValue();
    expect(whole).toMatch(/^whsec_/);
    const hook = page.getByRole('region', { name: 'Webhook http://127.0.0.1:9/sixty' });
    await hook.waitFor();
    await expect.poll(() => hook.textContent()).toContain('All events');
    // The list never has the whole secret, only its last four characters.
    await expect.poll(() => hook.textContent()).toContain(`Signing secret ending in ${whole.slice(-4)}`);
    await expect.poll(() => hook.textContent()).not.toContain(whole);
    await shoot(page, 'console-admin-webhooks');
    await secret.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByRole('region', { name: 'Signing secret' }).count()).toBe(0);
    await hook.getByRole('button', { name: 'Remove webhook http://127.0.0.1:9/sixty' }).click();
    await page.getByRole('dialog', { name: 'Remove this webhook?' }).getByRole('button', { name: 'Remove' }).click();
    // Removed webhooks stay listed (greyed) for their delivery log, without a remove button.
    await expect.poll(() => hook.textContent()).toContain('Removed');
    expect(await hook.getByRole('button', { name: /Remove webhook/ }).count()).toBe(0);
  });
});

describe('erasure', () => {
  it('erases a person after a confirmation and says what was removed', async () => {
    await page.getByRole('link', { name: 'Erase a person' }).click();
    await page.getByRole('heading', { name: 'Erase a person', level: 1 }).waitFor();
    await page.getByLabel('Phone number').fill('(415) 555-0140');
    await page.getByLabel('Email address').fill('res@example.com');
    await page.getByRole('button', { name: 'Erase…' }).click();
    await page.getByRole('dialog', { name: 'Erase this person?' }).getByRole('button', { name: 'Erase everything' }).click();
    const report = page.getByRole('region', { name: /^Erased/ });
    await report.waitFor();
    await expect.poll(() => report.getByRole('row', { name: /^Leads/ }).textContent()).toMatch(/1$/);
    const db = new Database(server.deps.config.dbPath, { readonly: true });
    expect((db.prepare("select count(*) as n from leads where phone = '+14155550140'").get() as { n: number }).n).toBe(0);
    db.close();
    await shoot(page, 'console-admin-erase');
    expect(errors).toEqual([]);
  });
});
