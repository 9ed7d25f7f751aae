// Helpers for the browser-call tests through both real screens (issue 23): every peer connection a
// page makes is kept and forced to relay through TURN, and its inbound audio is read off getStats().
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SiteSettings } from '../../shared/console-api';
import { launchBrowser, serveHostPage, type HostPage } from '../helpers/browser';
import { startCoturn, type Coturn } from '../helpers/coturn';
import { signIn as signInApi, startTestServer, type TestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { DESKTOP, setAvailable, signIn, watch } from './rep-helpers';

/** Generous: two browsers, coturn and the server share a busy 2-core machine. */
export const CALL_MS = 60_000;
/** Chromium's fake microphone (a tone) and its permission prompt answered yes. */
export const FAKE_MEDIA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/**
 * An init script: every peer connection a page makes is kept on `window.__pcs` (for getStats) and
 * forced to relay through TURN; its `restartIce()` calls are counted on `__restarts`, and its ICE
 * connection states, in order, are kept on `__ice`.
 */
export function relayOnly() {
  const Native = window.RTCPeerConnection;
  const peers: RTCPeerConnection[] = ((window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = []);
  window.RTCPeerConnection = class extends Native {
    __restarts = 0;
    __ice: string[] = [];
    constructor(config?: RTCConfiguration) {
      super({ ...config, iceTransportPolicy: 'relay' });
      peers.push(this);
      this.addEventListener('iceconnectionstatechange', () => this.__ice.push(this.iceConnectionState));
    }
    restartIce() {
      this.__restarts++;
      super.restartIce();
    }
  } as typeof RTCPeerConnection;
}

/** A page's inbound audio so far, from its latest peer connection's getStats(). */
export function inbound(page: Page) {
  return page.evaluate(async () => {
    const pc = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.at(-1);
    if (!pc) return { state: 'none', bytes: 0, packets: 0 };
    const stats = [...(await pc.getStats()).values()] as Array<{ type: string; kind?: string; bytesReceived?: number; packetsReceived?: number }>;
    const audio = stats.find((r) => r.type === 'inbound-rtp' && r.kind === 'audio');
    return { state: pc.connectionState, bytes: audio?.bytesReceived ?? 0, packets: audio?.packetsReceived ?? 0 };
  });
}

/** Waits until the page's call is connected with audio coming in, then until more has come. */
export async function audioFlows(page: Page, who: string): Promise<void> {
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

/**
 * An admin turns browser calls on for the site (Tracking settings › Browser calls) through the
 * Sixty at `url` (any process of a cluster), with `more` of the site's settings changed alike.
 */
export async function enableBrowserCalls(url: string, siteId: string, more: Partial<SiteSettings> = {}): Promise<void> {
  const admin = await signInApi(url, 'admin@demo.sixty');
  const headers = { 'content-type': 'application/json', cookie: admin };
  const settings = `${url}/v1/sites/${siteId}/settings`;
  const current = (await (await fetch(settings, { headers })).json()) as SiteSettings;
  expect((await fetch(settings, { method: 'PUT', headers, body: JSON.stringify({ ...current, ...more, browserCalls: true }) })).status).toBe(200);
}

/**
 * A rep's console served by the Sixty at `server.url`, the microphone granted, every peer
 * connection relayed, available and ready for browser calls. `opened` runs on the page before it
 * loads anything (to watch its sockets from the start).
 */
export async function repReadyForCalls(browser: Browser, server: { url: string }, email: string, opened?: (page: Page) => void) {
  const context = await browser.newContext(DESKTOP);
  await context.grantPermissions(['microphone'], { origin: server.url });
  await context.addInitScript(relayOnly);
  const page = await context.newPage();
  opened?.(page);
  const errors: string[] = [];
  await watch(page, errors);
  await signIn(page, server.url, email);
  await setAvailable(page);
  await page.getByText('Ready for browser calls').waitFor({ timeout: 20_000 });
  return { context, page, errors };
}

/** What a browser-call test runs against: a coturn, a Sixty server handing out its credentials, Chromium with fake media devices, a customer's page. */
export interface CallWorld {
  coturn: Coturn;
  server: TestServer;
  browser: Browser;
  host: HostPage;
  /** Closers of what the test opened (contexts), run first and last-opened first by close(). */
  cleanup: Array<() => unknown>;
  close(): Promise<void>;
}

/** Starts a CallWorld with browser calls turned on for the site. */
export async function startCallWorld(secret: string): Promise<CallWorld> {
  const coturn = await startCoturn(secret);
  const [server, browser] = await Promise.all([
    startTestServer({ offerTimeoutMs: 60_000, turn: { secret, ttlS: 600, urls: [coturn.url] } }),
    launchBrowser(FAKE_MEDIA),
  ]);
  const host = await serveHostPage('host-basic.html', server.url, server.siteKey);
  await enableBrowserCalls(server.url, (await server.deps.store.siteByKey(server.siteKey))!.id);
  const cleanup: Array<() => unknown> = [];
  return {
    coturn,
    server,
    browser,
    host,
    cleanup,
    async close() {
      for (const f of cleanup.splice(0).reverse()) await f();
      await browser.close();
      await host.close();
      await server.stop();
      await coturn.close();
    },
  };
}

/** A visitor on the customer's page, every peer connection relayed, with the panel open and the form filled (the caller chooses how to talk). */
export async function visitorWithFormFilled(world: Pick<CallWorld, 'browser' | 'host' | 'cleanup'>, name: string, email: string) {
  const context = await world.browser.newContext({ locale: 'en-US', ...DESKTOP });
  world.cleanup.push(() => context.close());
  await context.addInitScript(relayOnly);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(world.host.origin);
  await page.getByRole('button', { name: 'Talk to sales in 60 seconds' }).click();
  const panel = page.getByRole('dialog', { name: 'Talk to sales' });
  await panel.getByLabel('Name', { exact: true }).fill(name);
  await panel.getByLabel('Email').fill(email);
  for (const value of ['commercial', '51-200', 'decision']) await panel.locator(`input[type=radio][value="${value}"]`).check();
  return { context, page, panel, errors };
}
