// "Talk now in your browser" (issue 23), the visitor's side, in real Chromium with fake media
// devices, on a customer's page: the choice shows only once an admin turned browser calls on; the
// visitor chooses it, grants the microphone and waits (countdown); a rep accepts and calls from a
// page with a plain RTCPeerConnection over an authenticated rep socket (the console's call screen
// is the rep helper's work), as the offerer; the widget answers, and its getStats() shows the rep's
// audio coming in while the panel shows the rep's name and a running timer. Hanging up on either
// side ends the call with "Call ended" and the offer of a call back on the phone, which brings the
// form back as typed. A refused microphone leaves the form as typed and says how to get a call.
// Screenshots of each state at 1280 and 375 px: test/.artifacts/widget-browser-call-*.png.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { OfferView } from '../../shared/api';
import type { CallSignal, IceServersGrant } from '../../shared/schemas/call.schema';
import type { Ack } from '../../shared/live-events';
import type { SiteSettings } from '../../shared/console-api';
import { launchBrowser, screenshotPath, serveHostPage, type HostPage } from '../helpers/browser';
import { connected, nextEvent, repSocket, rows, signIn, startTestServer, type RepClient, type TestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { DESKTOP, PHONE } from './rep-helpers';

let server: TestServer;
let host: HostPage;
let browser: Browser;
let dana: RepClient;
let admin: string;
/** A blank page on 127.0.0.1 for the rep's side of the call: a secure context, nothing else on it. */
let blank: Server;
let blankUrl: string;
const cleanup: Array<() => unknown> = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([
    // The repeat window on, as in production: a number left later joins the visitor's lead.
    startTestServer({ offerTimeoutMs: 60_000, limits: { duplicateWindowMs: 10 * 60_000 } }),
    // Fake devices answer getUserMedia with a tone; loopback candidates keep the call on this machine.
    launchBrowser(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--allow-loopback-in-peer-connection']),
  ]);
  host = await serveHostPage('host-basic.html', server.url, server.siteKey);
  blank = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>rep</title>'));
  await new Promise<void>((resolve) => blank.listen(0, '127.0.0.1', resolve));
  blankUrl = `http://127.0.0.1:${(blank.address() as AddressInfo).port}/`;
  admin = await signIn(server.url, 'admin@demo.sixty');
  dana = repSocket(server.url, await signIn(server.url, 'dana@demo.sixty'));
  await connected(dana);
  await dana.emitWithAck('presence:set', 'available');
  // Her "console" can take calls: only such a tab is offered a browser-call lead.
  expect(await dana.emitWithAck('calls:capable', { capable: true })).toEqual({ ok: true, data: undefined });
}, 120_000);
afterAll(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
  dana?.close();
  await browser?.close();
  await host?.close();
  await new Promise((resolve) => blank?.close(resolve));
  await server?.stop();
});

async function setBrowserCalls(on: boolean): Promise<void> {
  const siteId = (await server.deps.store.siteByKey(server.siteKey))!.id;
  const headers = { 'content-type': 'application/json', cookie: admin };
  const url = `${server.url}/v1/sites/${siteId}/settings`;
  const current = (await (await fetch(url, { headers })).json()) as SiteSettings;
  expect((await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ ...current, browserCalls: on }) })).status).toBe(200);
}

function shot(page: Page, name: string) {
  return page.screenshot({ path: screenshotPath(`widget-browser-call-${name}`) });
}

/** A fresh visitor on the customer's page with the panel open and the form filled (no phone). */
async function visitor(options: Parameters<Browser['newContext']>[0], email: string, init?: () => void): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'en-US', ...options });
  cleanup.push(() => context.close());
  // The page's peer connections, for reading the widget's getStats() from the test.
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const all: RTCPeerConnection[] = ((window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = []);
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        all.push(this);
      }
    } as typeof RTCPeerConnection;
  });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  await page.goto(host.origin);
  await page.getByRole('button', { name: 'Talk to sales in 60 seconds' }).click();
  const panel = page.getByRole('dialog', { name: 'Talk to sales' });
  await panel.getByLabel('Name', { exact: true }).fill('Kim Visitor');
  await panel.getByLabel('Email').fill(email);
  for (const value of ['commercial', '51-200', 'decision']) await panel.locator(`input[type=radio][value="${value}"]`).check();
  return { context, page };
}

/** What the widget reports to the server about its calls (`call:report`), read off its WebSocket frames. */
function reports(page: Page): Array<Record<string, unknown>> {
  const seen: Array<Record<string, unknown>> = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', ({ payload }) => {
      const text = String(payload);
      const at = text.indexOf('["call:report",');
      if (at >= 0) seen.push(JSON.parse(text.slice(at))[1] as Record<string, unknown>);
    }),
  );
  return seen;
}

/** The widget's inbound audio so far, from its own peer connection's getStats(). */
function inbound(page: Page) {
  return page.evaluate(async () => {
    const pc = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.at(-1);
    if (!pc) return { state: 'none', bytes: 0, packets: 0 };
    const stats = [...(await pc.getStats()).values()] as Array<{ type: string; kind?: string; bytesReceived?: number; packetsReceived?: number }>;
    const audio = stats.find((s) => s.type === 'inbound-rtp' && s.kind === 'audio');
    return { state: pc.connectionState, bytes: audio?.bytesReceived ?? 0, packets: audio?.packetsReceived ?? 0 };
  });
}

/**
 * Dana's side of the call: a page with a plain RTCPeerConnection and a fake microphone, bridged to
 * her authenticated rep socket. She is the offerer, as the console will be. Only her loopback
 * candidates are sent, so the call stays on 127.0.0.1 (the widget's checks reach her there).
 */
async function repCall(offerId: string): Promise<{ page: Page; hangUp(): Promise<void>; restartIce(): Promise<void>; heardHangup: Promise<CallSignal> }> {
  const context = await browser.newContext();
  cleanup.push(() => context.close());
  const page = await context.newPage();
  await page.goto(blankUrl);
  await page.exposeFunction('sixtySignal', async (signal: Record<string, unknown>) => {
    if (signal.kind === 'candidate' && !String((signal.candidate as { candidate: string }).candidate).includes(' 127.0.0.1 ')) return;
    const ack = await dana.emitWithAck('call:signal', { ...signal, offerId } as CallSignal);
    if (!ack.ok) throw new Error(`rep signal refused: ${ack.error}`);
  });
  let heard: (s: CallSignal) => void;
  const heardHangup = new Promise<CallSignal>((resolve) => (heard = resolve));
  const onSignal = (signal: CallSignal) => {
    if (signal.offerId !== offerId) return;
    if (signal.kind === 'hangup') heard(signal);
    void page.evaluate((m) => (window as unknown as { onSixtySignal(m: CallSignal): Promise<void> }).onSixtySignal(m), signal).catch(() => {});
  };
  dana.on('call:signal', onSignal);
  cleanup.push(() => dana.off('call:signal', onSignal));
  const grant = (await dana.emitWithAck('call:ice-servers', { offerId })) as Ack<IceServersGrant>;
  if (!grant.ok) throw new Error(`no ICE servers: ${grant.error}`);
  await page.evaluate(async (servers) => {
    const w = window as unknown as {
      pc: RTCPeerConnection;
      answers: number;
      sixtySignal(s: unknown): Promise<void>;
      onSixtySignal(m: CallSignal): Promise<void>;
    };
    w.answers = 0;
    const pc = (w.pc = new RTCPeerConnection({ iceServers: servers }));
    const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
    for (const track of mic.getTracks()) pc.addTrack(track, mic);
    pc.onicecandidate = (e) => e.candidate && void w.sixtySignal({ kind: 'candidate', candidate: e.candidate.toJSON() });
    const pending: RTCIceCandidateInit[] = [];
    w.onSixtySignal = async (m) => {
      if (m.kind === 'answer') {
        await pc.setRemoteDescription({ type: 'answer', sdp: m.sdp });
        for (const c of pending.splice(0)) await pc.addIceCandidate(c);
        w.answers++;
      } else if (m.kind === 'candidate') {
        if (pc.remoteDescription) await pc.addIceCandidate(m.candidate);
        else pending.push(m.candidate);
      } else if (m.kind === 'hangup') pc.close();
    };
    await pc.setLocalDescription(await pc.createOffer());
    await w.sixtySignal({ kind: 'offer', sdp: pc.localDescription!.sdp });
  }, grant.data.iceServers);
  return {
    page,
    heardHangup,
    /** Dana's console restarts ICE (as after a network drop): a new offer, which the widget answers like the first. */
    async restartIce() {
      await page.evaluate(async () => {
        const w = window as unknown as { pc: RTCPeerConnection; sixtySignal(s: unknown): Promise<void> };
        w.pc.restartIce();
        await w.pc.setLocalDescription(await w.pc.createOffer());
        await w.sixtySignal({ kind: 'offer', sdp: w.pc.localDescription!.sdp });
      });
      await expect.poll(() => page.evaluate(() => (window as unknown as { answers: number }).answers), { timeout: 10_000 }).toBe(2);
    },
    async hangUp() {
      await page.evaluate(() => (window as unknown as { pc: RTCPeerConnection }).pc.close());
      expect(await dana.emitWithAck('call:signal', { offerId, kind: 'hangup', reason: 'hangup' })).toEqual({ ok: true });
    },
  };
}

/** The visitor chooses the browser call; Dana accepts the offer that says so and calls. */
async function talk(page: Page, size: string) {
  const offer = nextEvent<OfferView>(dana, 'offer:new', 20_000);
  await page.getByRole('button', { name: 'Talk now in your browser' }).click();
  const view = await offer;
  expect(view.lead).toMatchObject({ talk: 'browser', phone: '', name: 'Kim Visitor' });
  // Waiting: the countdown, and where the call will happen.
  const panel = page.locator('[data-sixty-panel]');
  await panel.locator('[data-sixty-countdown]').waitFor({ timeout: 10_000 });
  expect(await panel.locator('[data-sixty-live]').innerText()).toContain("Keep this window open: you'll talk right here as soon as someone picks up.");
  await shot(page, `waiting-${size}`);
  expect((await dana.emitWithAck('offer:accept', { offerId: view.offerId })).ok).toBe(true);
  const rep = await repCall(view.offerId);
  return { offerId: view.offerId, rep, panel };
}

async function inCall(page: Page, size: string) {
  const panel = page.locator('[data-sixty-panel]');
  await panel.locator('[data-sixty-call="connected"]').waitFor({ timeout: 30_000 });
  expect(await panel.locator('header p').innerText()).toBe('Talk with Acme website right here, in your browser.');
  expect(await panel.locator('[data-sixty-call-rep]').innerText()).toBe('On a call with Dana Reyes');
  // The rep's audio comes in at the widget, and keeps coming.
  const first = await waitFor(
    'audio coming in at the visitor',
    async () => {
      const now = await inbound(page);
      return now.state === 'connected' && now.bytes > 0 && now;
    },
    30_000,
    250,
  );
  const later = await waitFor(
    'inbound audio growing at the visitor',
    async () => {
      const now = await inbound(page);
      return now.bytes > first.bytes && now.packets > first.packets && now;
    },
    30_000,
    500,
  );
  expect(later.bytes).toBeGreaterThan(first.bytes);
  // The timer runs.
  const time = panel.locator('[data-sixty-call-time]');
  const shown = await time.innerText();
  expect(shown).toMatch(/^\d+:\d\d$/);
  await expect.poll(() => time.innerText(), { timeout: 5000 }).not.toBe(shown);
  await shot(page, `connected-${size}`);
  return panel;
}

describe('talk now in the browser, the visitor side', () => {
  it('a fresh visitor sees "Talk now in your browser" only once an admin turned browser calls on', async () => {
    const before = await visitor(DESKTOP, 'kim0@example.com');
    await before.page.getByRole('button', { name: 'Call me now' }).waitFor();
    expect(await before.page.getByRole('button', { name: 'Talk now in your browser' }).count()).toBe(0);
    await before.context.close();

    await setBrowserCalls(true);
    const after = await visitor(DESKTOP, 'kim0@example.com');
    await after.page.getByRole('button', { name: 'Talk now in your browser' }).waitFor();
    expect(await after.page.locator('#sixty-talk-hint').innerText()).toContain('your browser will ask to use your microphone');
    await shot(after.page, 'choice-1280');
    await after.context.close();
  }, 60_000);

  it('connects the visitor with the rep who accepts: their name, a running timer, audio in; the visitor hangs up (1280 px)', async () => {
    const { page } = await visitor(DESKTOP, 'kim1@example.com');
    const sent = reports(page);
    const { rep, offerId } = await talk(page, '1280');
    const panel = await inCall(page, '1280');
    expect(sent).toEqual([{ offerId, event: 'connected' }]);

    // Mute silences the microphone the call sends.
    await panel.locator('[data-sixty-mute]').click();
    expect(await panel.locator('[data-sixty-mute]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.at(-1)!.getSenders()[0]!.track!.enabled)).toBe(false);
    await shot(page, 'muted-1280');
    await panel.locator('[data-sixty-mute]').click();

    // The rep's audio stops coming (their side sends nothing): the panel says the connection is
    // weak, from its own getStats(), and stops saying so once the audio is back.
    const weak = panel.locator('[data-sixty-call-weak]');
    expect(await weak.innerText()).toBe('');
    await rep.page.evaluate(() => (window as unknown as { pc: RTCPeerConnection }).pc.getSenders()[0]!.replaceTrack(null));
    await expect.poll(() => weak.innerText(), { timeout: 10_000 }).toBe('Connection weak: you may hear gaps.');
    await shot(page, 'weak-1280');
    await rep.page.evaluate(async () => {
      const sender = (window as unknown as { pc: RTCPeerConnection }).pc.getSenders()[0]!;
      const [track] = (await navigator.mediaDevices.getUserMedia({ audio: true })).getAudioTracks();
      await sender.replaceTrack(track!);
    });
    await expect.poll(() => weak.innerText(), { timeout: 10_000 }).toBe('');

    await panel.locator('[data-sixty-hangup]').click();
    expect(await rep.heardHangup).toMatchObject({ kind: 'hangup', reason: 'hangup' });
    // The server hears the end from this side, with its figures from getStats().
    await expect.poll(() => sent.length, { timeout: 5000 }).toBe(2);
    expect(sent[1]).toMatchObject({ offerId, event: 'ended', reason: 'hangup', quality: { packetLossPct: expect.any(Number), jitterMs: expect.any(Number) } });
    expect((sent[1]!.quality as { rttMs: unknown }).rttMs === null || typeof (sent[1]!.quality as { rttMs: unknown }).rttMs === 'number').toBe(true);
    await panel.locator('[data-sixty-call="ended"]').waitFor();
    expect(await panel.locator('[data-sixty-call="ended"]').innerText()).toMatch(/^Call ended\s+Call length \d+:\d\d/);
    expect(await page.locator('[data-sixty-panel] header p').innerText()).toBe('Thanks for reaching out to Acme website.');
    expect(await panel.locator('[data-sixty-call-back]').innerText()).toBe('Call me back');
    // The microphone is released.
    expect(await page.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.at(-1)!.connectionState)).toBe('closed');
    await shot(page, 'ended-1280');
  }, 180_000);

  it('answers an ICE restart from the rep, ends the call when the rep hangs up, and "Call me back" brings the form back as typed (375 px)', async () => {
    const { page } = await visitor(PHONE, 'kim2@example.com');
    const { rep } = await talk(page, '375');
    const panel = await inCall(page, '375');
    // An ICE restart from the rep is answered, and the call carries on with audio coming in.
    await rep.restartIce();
    const before = await inbound(page);
    await waitFor('audio still coming in after the ICE restart', async () => (await inbound(page)).bytes > before.bytes, 15_000, 250);
    expect(await panel.locator('[data-sixty-call]').getAttribute('data-sixty-call')).toBe('connected');
    await rep.hangUp();
    await panel.locator('[data-sixty-call="ended"]').waitFor({ timeout: 10_000 });
    expect(await panel.locator('[data-sixty-status]').first().innerText()).toContain('Call ended');
    await shot(page, 'ended-375');

    await panel.locator('[data-sixty-call-back]').click();
    await panel.getByLabel('Name', { exact: true }).waitFor();
    expect(await panel.getByLabel('Name', { exact: true }).inputValue()).toBe('Kim Visitor');
    expect(await panel.getByLabel('Email').inputValue()).toBe('kim2@example.com');
    expect(await panel.locator('input[type=radio][value="51-200"]').isChecked()).toBe(true);
  }, 180_000);

  it('falls back to the callback form with what was typed kept when the microphone is refused', async () => {
    const { page } = await visitor(PHONE, 'kim3@example.com', () => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
    const leadsBefore = await rows<{ n: number }>(server, 'select count(*) as n from leads');
    await page.getByRole('button', { name: 'Talk now in your browser' }).click();
    const panel = page.locator('[data-sixty-panel]');
    const status = panel.locator('[data-sixty-form] [data-sixty-status]');
    await expect
      .poll(() => status.innerText())
      .toBe("We couldn't use your microphone. Enter your phone number and choose “Call me now”: we'll call you instead.");
    expect(await panel.getByLabel('Name', { exact: true }).inputValue()).toBe('Kim Visitor');
    expect(await panel.getByLabel('Email').inputValue()).toBe('kim3@example.com');
    expect(await panel.locator('input[type=radio][value="commercial"]').isChecked()).toBe(true);
    // Focus is on the phone, the field the way on needs.
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-sixty-widget]')?.shadowRoot?.activeElement?.id)).toBe('sixty-phone');
    // Nothing was sent: no lead waits for a call that cannot happen.
    expect(await rows<{ n: number }>(server, 'select count(*) as n from leads')).toEqual(leadsBefore);
    await shot(page, 'mic-refused-375');

    // The callback still works from the same form.
    const offer = nextEvent<OfferView>(dana, 'offer:new', 20_000);
    await panel.getByLabel('Phone', { exact: true }).fill('+1 415 555 0261');
    await panel.getByRole('button', { name: 'Call me now' }).click();
    const view = await offer;
    expect(view.lead.talk).toBeUndefined();
    expect(view.lead.phone).toBe('+14155550261');
    await dana.emitWithAck('offer:decline', { offerId: view.offerId });
  }, 60_000);

  it('with nobody free, asks a visitor who gave no number to leave one, and that number reaches their lead (375 px)', async () => {
    await dana.emitWithAck('presence:set', 'away');
    try {
      const { page } = await visitor(PHONE, 'kim4@example.com');
      await page.getByRole('button', { name: 'Talk now in your browser' }).click();
      const panel = page.locator('[data-sixty-panel]');
      await panel.locator('[data-sixty-live="no_rep"]').waitFor({ timeout: 10_000 });
      expect(await panel.locator('[data-sixty-live]').innerText()).toContain("Leave your phone number and we'll call you back.");
      // No times to book for a call back to no number.
      expect(await panel.locator('[data-sixty-slots]').count()).toBe(0);
      await shot(page, 'nobody-free-375');
      const [lead] = await rows<{ id: string; phone: string }>(server, "select id, phone from leads where email = 'kim4@example.com'");
      expect(lead!.phone).toBe('');

      await panel.locator('[data-sixty-leave-number]').click();
      expect(await panel.getByLabel('Name', { exact: true }).inputValue()).toBe('Kim Visitor');
      await panel.getByLabel('Phone', { exact: true }).fill('+1 415 555 0262');
      await panel.getByRole('button', { name: 'Call me now' }).click();
      // A call back now: the visitor is in the queue with their number, as any callback.
      await expect.poll(() => panel.locator('[data-sixty-live]').innerText(), { timeout: 10_000 }).toContain("We'll call you as soon as someone is free.");
      expect(await panel.locator('[data-sixty-leave-number]').count()).toBe(0);
      expect(await rows(server, "select id, phone from leads where email = 'kim4@example.com'")).toEqual([{ id: lead!.id, phone: '+14155550262' }]);
    } finally {
      await dana.emitWithAck('presence:set', 'available');
      await dana.emitWithAck('calls:capable', { capable: true });
    }
  }, 60_000);
});
