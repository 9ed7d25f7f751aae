// A browser call end to end (issue 23), through both real screens: a visitor on a customer's page
// chooses "Talk now in your browser" in the widget, the rep's console (its microphone granted)
// shows a browser-call offer, the rep accepts, and the two talk: both sides' getStats() show audio
// coming in and growing. The visitor hangs up in the widget; the console ends the call too, opens
// the outcome form with the call's length, and the lead's record holds the call: who ended it,
// its length, the first call attempt set at connect. Numbers shows hand-raise to voice connected.
// Both browsers relay through a real coturn on 127.0.0.1 with Sixty's short-lived credentials, as
// a visitor behind a strict firewall would, so no call traffic leaves loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SiteSettings } from '../../shared/console-api';
import { launchBrowser, screenshotPath, serveHostPage, type HostPage } from '../helpers/browser';
import { startCoturn, type Coturn } from '../helpers/coturn';
import { rows, signIn as signInApi, startTestServer, type TestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { DESKTOP, offerFor, setAvailable, signIn, watch } from './rep-helpers';

const SECRET = 'end-to-end-call-secret';
/** Generous: two browsers, coturn and the server share a busy 2-core machine. */
const CALL_MS = 60_000;

let coturn: Coturn;
let browser: Browser;
let server: TestServer;
let host: HostPage;
const cleanup: Array<() => unknown> = [];

beforeAll(async () => {
  coturn = await startCoturn(SECRET);
  [server, browser] = await Promise.all([
    startTestServer({ offerTimeoutMs: 60_000, turn: { secret: SECRET, ttlS: 600, urls: [coturn.url] } }),
    launchBrowser(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']),
  ]);
  host = await serveHostPage('host-basic.html', server.url, server.siteKey);
  // An admin turns browser calls on for the site (Tracking settings › Browser calls).
  const admin = await signInApi(server.url, 'admin@demo.sixty');
  const siteId = (await server.deps.store.siteByKey(server.siteKey))!.id;
  const headers = { 'content-type': 'application/json', cookie: admin };
  const url = `${server.url}/v1/sites/${siteId}/settings`;
  const current = (await (await fetch(url, { headers })).json()) as SiteSettings;
  expect((await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ ...current, browserCalls: true }) })).status).toBe(200);
}, 15 * 60_000);
afterAll(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
  await browser?.close();
  await host?.close();
  await server?.stop();
  await coturn?.close();
});

/** Every peer connection a page makes is kept (for getStats) and forced to relay through TURN. */
function relayOnly() {
  const Native = window.RTCPeerConnection;
  const peers: RTCPeerConnection[] = ((window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = []);
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super({ ...config, iceTransportPolicy: 'relay' });
      peers.push(this);
    }
  } as typeof RTCPeerConnection;
}

/** A page's inbound audio so far, from its latest peer connection's getStats(). */
function inbound(page: Page) {
  return page.evaluate(async () => {
    const pc = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.at(-1);
    if (!pc) return { state: 'none', bytes: 0, packets: 0 };
    const stats = [...(await pc.getStats()).values()] as Array<{ type: string; kind?: string; bytesReceived?: number; packetsReceived?: number }>;
    const audio = stats.find((r) => r.type === 'inbound-rtp' && r.kind === 'audio');
    return { state: pc.connectionState, bytes: audio?.bytesReceived ?? 0, packets: audio?.packetsReceived ?? 0 };
  });
}

async function audioFlows(page: Page, who: string): Promise<void> {
  const first = await waitFor(
    `${who} connected with audio coming in`,
    async () => {
      const now = await inbound(page);
      return now.state === 'connected' && now.bytes > 0 && now;
    },
    CALL_MS,
    250,
  );
  const later = await waitFor(
    `${who}'s inbound audio growing`,
    async () => {
      const now = await inbound(page);
      return now.bytes > first.bytes && now.packets > first.packets && now;
    },
    CALL_MS,
    500,
  );
  expect(later.packets).toBeGreaterThan(first.packets);
}

describe('talk now in the browser, from the widget to the console', () => {
  it('connects the visitor with the rep who accepts in the console, both hear each other, and the visitor hanging up ends it on both sides with the call on the record', async () => {
    // Dana's console, her microphone granted: ready for browser calls.
    const repContext = await browser.newContext(DESKTOP);
    cleanup.push(() => repContext.close());
    await repContext.grantPermissions(['microphone'], { origin: server.url });
    await repContext.addInitScript(relayOnly);
    const rep = await repContext.newPage();
    const repErrors: string[] = [];
    await watch(rep, repErrors);
    await signIn(rep, server.url, 'dana@demo.sixty');
    await setAvailable(rep);
    await rep.getByText('Ready for browser calls').waitFor({ timeout: 20_000 });

    // A visitor on the customer's page asks to talk now, in the browser.
    const visitorContext = await browser.newContext({ locale: 'en-US', ...DESKTOP });
    cleanup.push(() => visitorContext.close());
    await visitorContext.addInitScript(relayOnly);
    const visitor = await visitorContext.newPage();
    await visitor.goto(host.origin);
    await visitor.getByRole('button', { name: 'Talk to sales in 60 seconds' }).click();
    const panel = visitor.getByRole('dialog', { name: 'Talk to sales' });
    await panel.getByLabel('Name', { exact: true }).fill('Noor Caller');
    await panel.getByLabel('Email').fill('noor@example.com');
    for (const value of ['commercial', '51-200', 'decision']) await panel.locator(`input[type=radio][value="${value}"]`).check();
    const askedAt = Date.now();
    await panel.getByRole('button', { name: 'Talk now in your browser' }).click();

    // The console's offer card says it is a browser call; Dana accepts and the call starts there.
    const card = offerFor(rep, 'Noor Caller');
    await card.waitFor({ timeout: 20_000 });
    expect(await card.locator('.badge-call').textContent()).toBe('Browser call');
    await card.getByRole('button', { name: /^Accept/ }).click();
    await rep.getByRole('region', { name: 'Browser call with Noor Caller' }).waitFor({ timeout: 10_000 });

    // They talk: each side's audio reaches the other, and keeps coming.
    await audioFlows(visitor, 'the visitor');
    await audioFlows(rep, 'the rep');
    const connectedMs = Date.now() - askedAt;
    console.log(`browser call: the visitor's click to both sides hearing audio, through both real screens: ${connectedMs} ms`);
    const widget = visitor.locator('[data-sixty-panel]');
    await widget.locator('[data-sixty-call="connected"]').waitFor({ timeout: CALL_MS });
    expect(await widget.locator('[data-sixty-call-rep]').innerText()).toBe('On a call with Dana Reyes');
    await rep.locator('[data-call-phase="connected"]').waitFor({ timeout: CALL_MS });
    await visitor.screenshot({ path: screenshotPath('browser-call-visitor-connected-1280') });
    await rep.screenshot({ path: screenshotPath('browser-call-rep-connected-1280') });
    // Let the call run a little, so its length is more than a blip.
    await visitor.waitForTimeout(2000);

    // The visitor hangs up in the widget: the console ends the call too.
    await widget.locator('[data-sixty-hangup]').click();
    await widget.locator('[data-sixty-call="ended"]').waitFor({ timeout: 10_000 });
    await rep.getByText(/Call ended: the visitor hung up after \d+ s/).waitFor({ timeout: 10_000 });
    await waitFor('the console’s peer connection closed', async () => (await inbound(rep)).state === 'closed', 10_000, 100);
    // The outcome form follows, with the call's length.
    await rep.waitForFunction(() => /^Browser call, \d+ s$/.test((document.querySelector('#outcome-notes') as HTMLTextAreaElement | null)?.value ?? ''));

    // The record: who ended it and how long it lasted; the connect is the lead's first call attempt.
    const [lead] = await rows<{ id: string; talk: string; first_call_at: number }>(
      server,
      "select id, talk, first_call_at from leads where email = 'noor@example.com'",
    );
    expect(lead!.talk).toBe('browser');
    const [call] = await waitFor(
      'the call recorded as ended',
      async () => {
        const found = await rows<{ ended_by: string | null; duration_ms: number; connected_at: number }>(
          server,
          'select ended_by, duration_ms, connected_at from browser_calls where lead_id = ?',
          lead!.id,
        );
        return found[0]?.ended_by ? found : null;
      },
      10_000,
      100,
    );
    expect(call!.ended_by).toBe('visitor');
    expect(Number(call!.duration_ms)).toBeGreaterThanOrEqual(2000);
    expect(Number(lead!.first_call_at)).toBe(Number(call!.connected_at));
    await rep
      .locator('section.lead')
      .getByText(/Browser call ended after \d+ s: the visitor hung up/)
      .waitFor({ timeout: 10_000 });
    expect(repErrors).toEqual([]);

    // Numbers: hand-raise to voice connected, beside hand-raise to accept.
    const adminContext = await browser.newContext(DESKTOP);
    cleanup.push(() => adminContext.close());
    const numbers = await adminContext.newPage();
    await signIn(numbers, server.url, 'admin@demo.sixty', '/queue');
    await numbers.goto(`${server.url}/console/numbers`);
    const voice = numbers.locator('[data-kpis="voice"]');
    await voice.waitFor({ timeout: 20_000 });
    expect(await voice.locator('[data-figure="voice-reached"]').textContent()).toBe('1 of 1 browser-call hand-raises reached this step.');
  }, 300_000);
});
