// Settings a visitor or a rep sees, in fresh browser contexts against a real server: the script
// tag's own `data-lang` and `data-nonce`; the site's name and SLA target in the panel's promise,
// and a free-text must-have question;
// the tracking settings an admin saves (consent, clicks by selector), seen in what the server
// keeps of a visitor; and the rep's sound switch, heard (a recorded chime) when an offer comes.
// The table of every setting and its test is docs/settings.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { FLUSH_MS } from '../../widget/track/batch';
import { callbackBody, postCallback, rows, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { serveFixtures, type FixtureSite } from '../helpers/fixture-site';
import { readWatch, watchPages } from '../helpers/page-watch';
import { DESKTOP, PHONE, setAvailable, signIn as signInPage, watch } from './rep-helpers';

let server: TestServer;
let site: FixtureSite;
let browser: Browser;
let admin: string;
let siteId: string;

const LAUNCHER = 'Talk to sales in 60 seconds';
/** Longer than the tracker's flush interval (imported, so raising it cannot make a "nothing was sent" check pass vacuously). */
const QUIET_MS = FLUSH_MS + 600;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  site = await serveFixtures(server.url, server.siteKey);
  admin = await signIn(server.url, 'admin@demo.sixty');
  siteId = (await server.deps.store.siteByKey(server.siteKey))!.id;
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.stop();
});

/** A console API call as the admin; fails the test on anything but success. */
async function ok(path: string, method = 'GET', body?: unknown) {
  const res = await fetch(`${server.url}/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie: admin },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return res.json();
}

describe('the script tag', () => {
  it('data-lang gives an English page the Arabic widget; data-nonce lets its files load under a policy allowing only the loader', async () => {
    const context = await browser.newContext({ viewport: PHONE.viewport });
    try {
      await watchPages(context);
      const page = await context.newPage();
      await page.goto(site.url('settings-script-tag'));
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.getByRole('button', { name: 'تحدّث مع المبيعات خلال 60 ثانية' }).click();
      // The panel and the Arabic pack are other files: allowed only with the nonce the loader passed on.
      const panel = page.getByRole('dialog', { name: 'تحدّث مع المبيعات' });
      await panel.getByLabel('الاسم').waitFor({ timeout: 5000 });
      await page.screenshot({ path: screenshotPath('settings-data-lang-375') });
      const watch = await readWatch(page);
      expect(watch.cspViolations).toEqual([]);
      expect(watch.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('site settings in the panel', () => {
  it('promises a call from the site, by its name, within its SLA target, and asks a free-text question in a text field', async () => {
    const before = (await ok('/console/sites')).find((s: { id: string }) => s.id === siteId);
    const routing = await ok(`/console/sites/${siteId}/routing`);
    const fields = { name: before.name, allowedOrigins: before.allowedOrigins, phoneRegion: before.phoneRegion, offerTimeoutMs: before.offerTimeoutMs };
    const rules = await ok(`/sites/${siteId}/rules`);
    await ok(`/console/sites/${siteId}`, 'PUT', { ...fields, name: 'Northwind Ovens' });
    await ok(`/console/sites/${siteId}/routing`, 'PUT', { ...routing, slaMs: 45_000 });
    const models = { id: 'models', label: 'Which oven models interest you?', type: 'text' };
    const draft = await ok(`/sites/${siteId}/rules`, 'POST', { ...rules.current, questions: [...rules.current.questions, models] });
    await ok(`/sites/${siteId}/rules/${draft.version}/publish`, 'POST');
    const context = await browser.newContext(DESKTOP);
    try {
      const page = await context.newPage();
      await page.goto(site.url('guest-plain'));
      await page.getByRole('button', { name: LAUNCHER }).click();
      const panel = page.getByRole('dialog', { name: 'Talk to sales' });
      await panel.getByText('Northwind Ovens will call you back within 45 seconds.').waitFor({ timeout: 5000 });
      await page.screenshot({ path: screenshotPath('settings-panel-promise-1280') });
      await panel.getByLabel('Name', { exact: true }).fill('Tex Field');
      await panel.getByLabel('Phone', { exact: true }).fill('+1 415 555 0188');
      for (const value of ['commercial', '51-200', 'decision']) await panel.locator(`input[type=radio][value="${value}"]`).check();
      await panel.getByRole('textbox', { name: models.label }).fill('Deck ovens, 2 chambers');
      await panel.getByRole('button', { name: 'Call me now' }).click();
      const answers = () =>
        rows<{ answers: string }>(server, "select answers from leads where name = 'Tex Field'").then((r) => r.map((x) => JSON.parse(x.answers).models));
      await expect.poll(answers).toEqual(['Deck ovens, 2 chambers']);
    } finally {
      await context.close();
      await ok(`/sites/${siteId}/rules/${rules.current.version}/publish`, 'POST');
      await ok(`/console/sites/${siteId}`, 'PUT', fields);
      await ok(`/console/sites/${siteId}/routing`, 'PUT', routing);
    }
  });
});

describe('tracking settings', () => {
  it('with consent required and a click selector saved by an admin, a fresh visitor is tracked only after consenting, and the click is kept under its name', async () => {
    const settings = await ok(`/sites/${siteId}/settings`);
    await ok(`/sites/${siteId}/settings`, 'PUT', { ...settings, consent: 'required', trackSelectors: [{ selector: '#plain', name: 'plain_button' }] });
    const context = await browser.newContext(DESKTOP);
    try {
      const sent: string[] = [];
      context.on('request', (r) => {
        if (r.url().includes('/v1/events') || r.url().endsWith('/sixty-track.js')) sent.push(r.url());
      });
      const page = await context.newPage();
      await page.goto(site.url('tracking-basic'));
      await page.getByRole('button', { name: LAUNCHER }).waitFor({ timeout: 5000 });
      await page.locator('#plain').click();
      await page.waitForTimeout(QUIET_MS);
      // Implied consent (the default) would have sent the page view and the click by now.
      expect(sent).toEqual([]);
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('sixty')))).toEqual([]);

      await page.evaluate(() => (window as unknown as { sixty(...a: unknown[]): void }).sixty('consent', true));
      await page.locator('#plain').click();
      const kept = () =>
        rows<{ type: string; name: string | null }>(
          server,
          "select type, name from events where type in ('page_view', 'click') and url like ? order by id",
          `${site.url('tracking-basic')}%`,
        );
      await expect.poll(kept, { timeout: 8000 }).toEqual([
        { type: 'page_view', name: null },
        { type: 'click', name: 'plain_button' },
      ]);
    } finally {
      await context.close();
      await ok(`/sites/${siteId}/settings`, 'PUT', settings);
    }
  });
});

describe('the rep’s own settings', () => {
  it('sound on: a chime plays when an offer comes in', async () => {
    const context = await browser.newContext(DESKTOP);
    // A stand-in WebAudio that records the notes the console plays.
    await context.addInitScript(() => {
      const notes: number[] = [];
      class Param {
        value = 0;
        setValueAtTime() {}
        exponentialRampToValueAtTime() {}
      }
      class Node {
        connect<T>(next: T) {
          return next;
        }
      }
      class Oscillator extends Node {
        type = 'sine';
        frequency = new Param();
        start() {
          notes.push(this.frequency.value);
        }
        stop() {}
      }
      class Gain extends Node {
        gain = new Param();
      }
      class RecordingAudioContext {
        state = 'suspended';
        currentTime = 0;
        destination = {};
        onstatechange: (() => void) | null = null;
        async resume() {
          this.state = 'running';
        }
        async close() {}
        createOscillator() {
          return new Oscillator();
        }
        createGain() {
          return new Gain();
        }
      }
      Object.assign(window, { AudioContext: RecordingAudioContext, playedNotes: notes });
    });
    const dana = { context, page: await context.newPage(), errors: [] as string[] };
    try {
      await watch(dana.page, dana.errors);
      await signInPage(dana.page, server.url, 'dana@demo.sixty');
      await setAvailable(dana.page);
      const notes = () => dana.page.evaluate(() => (window as unknown as { playedNotes?: number[] }).playedNotes?.length ?? -1);
      expect(await notes()).toBe(0);
      await dana.page.getByRole('button', { name: 'Enable sound' }).click();
      await dana.page.getByRole('button', { name: 'Mute sound' }).waitFor({ timeout: 3000 });
      // Switching it on plays the chime once, so the rep knows what to listen for.
      await expect.poll(notes).toBe(2);
      await postCallback(server.url, callbackBody(server.siteKey, { name: 'Sonny Sound' }));
      // Dana is offered a lead (Sonny, or one an earlier test left waiting).
      await dana.page.locator('article.offer:not(.offer-closed)').first().waitFor({ timeout: 5000 });
      await expect.poll(notes).toBeGreaterThanOrEqual(4);
      expect(await dana.page.evaluate(() => (window as unknown as { playedNotes: number[] }).playedNotes.slice(0, 4))).toEqual([880, 1320, 880, 1320]);
      expect(dana.errors).toEqual([]);
    } finally {
      await dana.context.close();
    }
  });
});
