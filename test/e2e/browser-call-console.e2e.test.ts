// The rep's side of a browser call (issue 23) in the real console, with fake media devices: a
// browser-call lead reaches the rep once their console can take calls, the offer card says it is a
// browser call, accepting starts the call (the console offers; the visitor's side here is a plain
// page answering over the visitor socket, until the widget's call bundle exists), audio flows
// both ways, hanging up on either side ends both, the outcome form shows the call's length and the
// trail records it. Both peers are forced to relay through coturn on 127.0.0.1, so no call traffic
// leaves loopback.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Ack } from '../../shared/live-events';
import type { CallSignal, IceServer, IceServersGrant } from '../../shared/schemas/call.schema';
import { launchBrowser } from '../helpers/browser';
import { startCoturn, type Coturn } from '../helpers/coturn';
import {
  callbackBody,
  connected,
  nextEvent,
  postCallback,
  rows,
  startTestServer,
  visitorSocket,
  type TestServer,
  type VisitorClient,
} from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { DESKTOP, offerFor, signIn, setAvailable, watch } from './rep-helpers';

const SECRET = 'console-call-secret';
/** Generous: two browsers, coturn and the server share a busy 2-core machine. */
const CALL_MS = 60_000;
/** Where the closing note's screenshots go. */
const SHOTS = '/work/notes/s31/shots';

type Stat = { type: string; kind?: string; bytesReceived?: number; packetsReceived?: number };
type VisitorWindow = Window & {
  pc: RTCPeerConnection;
  sixtySignal(signal: Record<string, unknown>): Promise<void>;
  sixtyReport(report: Record<string, unknown>): Promise<void>;
  onSixtySignal(signal: CallSignal): Promise<void>;
  hangUp(): Promise<void>;
  ended: boolean;
};
type RepWindow = Window & { sixtyPeers: RTCPeerConnection[] };

let coturn: Coturn;
let browser: Browser;
let s: TestServer;
/** A blank page on 127.0.0.1: a secure context for the visitor's microphone. */
let blank: Server;
let blankUrl: string;
const cleanup: Array<() => unknown> = [];

beforeAll(async () => {
  coturn = await startCoturn(SECRET);
  browser = await launchBrowser(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);
  s = await startTestServer({ offerTimeoutMs: 60_000, turn: { secret: SECRET, ttlS: 600, urls: [coturn.url] } });
  blank = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>visitor</title>'));
  await new Promise<void>((resolve) => blank.listen(0, '127.0.0.1', resolve));
  blankUrl = `http://127.0.0.1:${(blank.address() as AddressInfo).port}/`;
}, 15 * 60_000);
afterAll(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
  await browser?.close();
  await s?.stop();
  await new Promise((resolve) => blank?.close(resolve));
  await coturn?.close();
});

/** A hand-raise that waits for a rep, marked as a browser call (what the widget's "Talk now" will send). */
async function browserCallLead(phone: string, name: string) {
  const res = await postCallback(s.url, callbackBody(s.siteKey, { phone, name }));
  expect(res.status).toBe(201);
  await rows(s, `update leads set talk = 'browser' where id = ? returning id`, res.body.leadId);
  return { leadId: res.body.leadId as string, token: res.body.visitorToken as string };
}

/** The rep's console, its microphone granted; its peer connections are kept for getStats and forced to relay. */
async function openConsole(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext(DESKTOP);
  cleanup.push(() => context.close());
  await context.grantPermissions(['microphone'], { origin: s.url });
  const page = await context.newPage();
  const errors: string[] = [];
  await watch(page, errors);
  await page.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const peers: RTCPeerConnection[] = [];
    (window as unknown as RepWindow).sixtyPeers = peers;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super({ ...config, iceTransportPolicy: 'relay' });
        peers.push(this);
      }
    };
  });
  await signIn(page, s.url, 'dana@demo.sixty');
  await setAvailable(page);
  return { page, errors };
}

/** The visitor's side: a page that answers the rep's offer over the visitor socket and reports the call as the widget will. */
async function visitorSide(token: string) {
  const socket: VisitorClient = visitorSocket(s.url, token);
  cleanup.push(() => socket.close());
  await connected(socket);
  const context = await browser.newContext();
  cleanup.push(() => context.close());
  const page = await context.newPage();
  await page.goto(blankUrl);
  let offerId = '';
  await page.exposeFunction('sixtySignal', async (signal: Record<string, unknown>) => {
    const ack = await socket.emitWithAck('call:signal', { ...signal, offerId } as CallSignal);
    if (!ack.ok) throw new Error(`visitor signal refused: ${ack.error}`);
  });
  await page.exposeFunction('sixtyReport', async (report: Record<string, unknown>) => {
    await (socket as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack> }).emitWithAck('call:report', { ...report, offerId });
  });
  // Every signal is handed to the page in order; the first (the rep's offer) sets the page up first.
  let chain: Promise<unknown> = Promise.resolve();
  let gotServers!: (servers: IceServer[]) => void;
  const servers = new Promise<IceServer[]>((resolve) => (gotServers = resolve));
  socket.on('call:signal', (m: CallSignal) => {
    chain = chain
      .then(async () => {
        if (!offerId) {
          offerId = m.offerId;
          const ack = (await socket.emitWithAck('call:ice-servers', { offerId })) as Ack<IceServersGrant>;
          if (!ack.ok) throw new Error(`no ICE servers: ${ack.error}`);
          await page.evaluate(setUp, ack.data.iceServers);
          gotServers(ack.data.iceServers);
        }
        await page.evaluate((x) => (window as unknown as VisitorWindow).onSixtySignal(x), m);
      })
      .catch(() => {});
  });
  return { socket, page, servers, offerId: () => offerId };
}

/** In the visitor page: an answering peer, forced to relay, that reports connect and end. */
async function setUp(servers: IceServer[]) {
  const w = window as unknown as VisitorWindow;
  const pc = new RTCPeerConnection({ iceServers: servers, iceTransportPolicy: 'relay' });
  w.pc = pc;
  w.ended = false;
  const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
  for (const track of mic.getTracks()) pc.addTrack(track, mic);
  pc.onicecandidate = (e) => e.candidate && void w.sixtySignal({ kind: 'candidate', candidate: e.candidate.toJSON() });
  let reported = false;
  pc.onconnectionstatechange = () => {
    if (pc.connectionState === 'connected' && !reported) {
      reported = true;
      void w.sixtyReport({ event: 'connected' });
    }
  };
  const pending: RTCIceCandidateInit[] = [];
  const end = () => {
    w.ended = true;
    pc.close();
    mic.getTracks().forEach((t) => t.stop());
  };
  w.onSixtySignal = async (m) => {
    if (m.kind === 'offer') {
      await pc.setRemoteDescription({ type: 'offer', sdp: m.sdp });
      for (const c of pending.splice(0)) await pc.addIceCandidate(c);
      await pc.setLocalDescription(await pc.createAnswer());
      await w.sixtySignal({ kind: 'answer', sdp: pc.localDescription!.sdp });
    } else if (m.kind === 'candidate') {
      if (!m.candidate.candidate) return;
      if (pc.remoteDescription) await pc.addIceCandidate(m.candidate);
      else pending.push(m.candidate);
    } else if (m.kind === 'hangup') {
      end();
      await w.sixtyReport({ event: 'ended', reason: 'hangup' });
    }
  };
  w.hangUp = async () => {
    await w.sixtySignal({ kind: 'hangup' });
    await w.sixtyReport({ event: 'ended', reason: 'hangup', quality: { rttMs: 5, packetLossPct: 0, jitterMs: 1 } });
    end();
  };
}

/** Inbound audio so far on a page's peer connection. */
function inbound(page: Page, rep: boolean) {
  return page.evaluate(async (rep) => {
    const pc = rep ? (window as unknown as RepWindow).sixtyPeers.at(-1) : (window as unknown as VisitorWindow).pc;
    if (!pc) return { state: 'none', bytes: 0, packets: 0 };
    const audio = ([...(await pc.getStats()).values()] as Stat[]).find((r) => r.type === 'inbound-rtp' && r.kind === 'audio');
    return { state: pc.connectionState, bytes: audio?.bytesReceived ?? 0, packets: audio?.packetsReceived ?? 0 };
  }, rep);
}

async function audioFlows(page: Page, name: string, rep: boolean) {
  const first = await waitFor(
    `${name} connected with audio coming in`,
    async () => {
      const now = await inbound(page, rep);
      return now.state === 'connected' && now.bytes > 0 && now;
    },
    CALL_MS,
    250,
  );
  const later = await waitFor(
    `${name}'s inbound audio growing`,
    async () => {
      const now = await inbound(page, rep);
      return now.bytes > first.bytes && now.packets > first.packets && now;
    },
    CALL_MS,
    500,
  );
  expect(later.bytes).toBeGreaterThan(first.bytes);
}

describe('a browser call in the console', () => {
  it('reaches the rep once the console can take calls, connects with audio both ways, and hangs up from either side with the outcome form and trail to show for it', async () => {
    const pat = await browserCallLead('+1 415 555 0301', 'Pat Lee');
    const { page, errors } = await openConsole();

    // The console reported it can take calls: the waiting browser call is offered, and says so.
    const card = offerFor(page, 'Pat Lee');
    await card.waitFor({ timeout: 20_000 });
    await expect(card.locator('.badge-call').textContent()).resolves.toBe('Browser call');
    expect(await page.getByText('Ready for browser calls').isVisible()).toBe(true);
    mkdirSync(SHOTS, { recursive: true });
    await card.screenshot({ path: `${SHOTS}/rep-offer-browser-call-1280.png` });

    const visitor = await visitorSide(pat.token);
    await card.getByRole('button', { name: /^Accept/ }).click();
    const panel = page.getByRole('region', { name: 'Browser call with Pat Lee' });
    await panel.waitFor({ timeout: 10_000 });
    await visitor.servers;

    await audioFlows(visitor.page, 'visitor', false);
    await audioFlows(page, 'rep', true);
    await page.locator('[data-call-phase="connected"]').waitFor({ timeout: CALL_MS });
    await page.waitForFunction(() => /Connected · 0:0[2-9]/.test(document.querySelector('[data-call-timer]')?.textContent ?? ''), null, { timeout: 20_000 });
    // The lead card is beside the call.
    await expect(page.locator('section.lead').getByRole('heading', { name: 'Pat Lee', level: 2 }).isVisible()).resolves.toBe(true);

    await page.screenshot({ path: `${SHOTS}/rep-in-call-1280.png` });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: `${SHOTS}/rep-in-call-375.png`, fullPage: false });
    await page.setViewportSize(DESKTOP.viewport);

    // Mute and back: the button says which.
    await panel.getByRole('button', { name: 'Mute' }).click();
    await expect(panel.getByRole('button', { name: 'Unmute' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await panel.getByRole('button', { name: 'Unmute' }).click();

    // The rep hangs up: the visitor's side hears it and ends too.
    const hangup = nextEvent<CallSignal>(visitor.socket, 'call:signal', 20_000);
    await panel.getByRole('button', { name: 'Hang up' }).click();
    expect(await hangup).toMatchObject({ kind: 'hangup', reason: 'hangup' });
    await visitor.page.waitForFunction(() => (window as unknown as VisitorWindow).ended);

    // The outcome form opens with the call's length; the trail records the call.
    const notes = page.locator('#outcome-notes');
    await page.waitForFunction(() => /^Browser call, \d+ s$/.test((document.querySelector('#outcome-notes') as HTMLTextAreaElement | null)?.value ?? ''));
    expect(await notes.inputValue()).toMatch(/^Browser call, \d+ s$/);
    expect(await page.getByRole('radio', { name: 'Connected', exact: true }).isChecked()).toBe(true);
    const trail = page.locator('section.lead');
    await trail.getByText(/Browser call ended after \d+ s: the rep hung up/).waitFor({ timeout: 10_000 });
    await trail.getByText(/Browser call connected \d+ s after the accept/).waitFor();
    await page.screenshot({ path: `${SHOTS}/rep-after-call-1280.png` });
    const [call] = await rows<{ ended_by: string; duration_ms: number; connected_at: number }>(
      s,
      'select ended_by, duration_ms, connected_at from browser_calls where lead_id = ?',
      pat.leadId,
    );
    expect(call!.ended_by).toBe('rep');
    expect(Number(call!.duration_ms)).toBeGreaterThan(2000);
    const [lead] = await rows<{ first_call_at: number }>(s, 'select first_call_at from leads where id = ?', pat.leadId);
    expect(Number(lead!.first_call_at)).toBe(Number(call!.connected_at));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Last logged:/).waitFor();

    // A second browser call, which the visitor ends: the console ends it too.
    await page.getByRole('button', { name: 'Away', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('.presence-away')?.getAttribute('aria-pressed') === 'true');
    const kim = await browserCallLead('+1 415 555 0302', 'Kim Park');
    await setAvailable(page);
    const second = offerFor(page, 'Kim Park');
    await second.waitFor({ timeout: 20_000 });
    const visitor2 = await visitorSide(kim.token);
    await second.getByRole('button', { name: /^Accept/ }).click();
    await visitor2.servers;
    await audioFlows(visitor2.page, 'second visitor', false);
    await page.locator('[data-call-phase="connected"]').waitFor({ timeout: CALL_MS });
    await visitor2.page.evaluate(() => (window as unknown as VisitorWindow).hangUp());
    await page.getByText(/Call ended: the visitor hung up after \d+ s/).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as RepWindow).sixtyPeers.at(-1)!.connectionState)).toBe('closed');
    await page.waitForFunction(() => /^Browser call, \d+ s$/.test((document.querySelector('#outcome-notes') as HTMLTextAreaElement | null)?.value ?? ''));
    await page
      .locator('section.lead')
      .getByText(/Browser call ended after \d+ s: the visitor hung up/)
      .waitFor({ timeout: 10_000 });
    const [second_call] = await rows<{ ended_by: string }>(s, 'select ended_by from browser_calls where lead_id = ?', kim.leadId);
    expect(second_call!.ended_by).toBe('visitor');

    expect(errors).toEqual([]);

    // Numbers: hand-raise to voice connected, beside hand-raise to accept.
    const admin = await browser.newContext(DESKTOP);
    cleanup.push(() => admin.close());
    const numbers = await admin.newPage();
    await signIn(numbers, s.url, 'admin@demo.sixty', '/queue');
    await numbers.goto(`${s.url}/console/numbers`);
    const voice = numbers.locator('[data-kpis="voice"]');
    await voice.waitFor({ timeout: 20_000 });
    expect(await voice.locator('[data-figure="voice-reached"]').textContent()).toBe('2 of 2 browser-call hand-raises reached this step.');
    expect(await voice.locator('[data-figure="voice-median"]').textContent()).toMatch(/\d+ s/);
    expect(await numbers.locator('[data-kpis="accept"]').isVisible()).toBe(true);
    const speed = numbers.locator('section[aria-labelledby="speed-heading"] .kpi-row');
    await speed.screenshot({ path: `${SHOTS}/numbers-voice-1280.png` });
    await numbers.setViewportSize({ width: 375, height: 800 });
    await speed.screenshot({ path: `${SHOTS}/numbers-voice-375.png` });
  }, 300_000);
});
