// Figure 8 (issue 23): hand-raise to voice in the browser. A real Sixty server, the rep's real
// console in Chromium (microphone granted, fake audio device, Available, ready for browser calls)
// and, per call, a fresh visitor on a customer's page who fills the panel and clicks "Talk now in
// your browser". Each call is timed on the machine's wall clock inside the pages: the click, the
// offer card on the rep's screen, the click on Accept, the first audio packet at the visitor.
// Beside it, in the same run and the same browser: the bare WebRTC connect of two plain pages on
// 127.0.0.1 (no Sixty), from createOffer to the first audio packet at the answerer.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SiteSettings } from '../../../shared/console-api';
import { launchBrowser, serveHostPage } from '../../helpers/browser';
import { signIn as signInApi, startTestServer } from '../../helpers/test-server';
import { DESKTOP, setAvailable, signIn } from '../../e2e/rep-helpers';
import type { BenchConfig } from '../config';
import { percentile } from '../stats';

/** Median and 95th percentile of one leg over the calls, ms. */
export interface Leg {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

export interface VoiceCall {
  /** ms from the visitor's click on "Talk now in your browser". */
  offerShownMs: number;
  acceptClickedMs: number;
  voiceMs: number;
  /** The console's createOffer, and the widget applying the offer (setRemoteDescription). */
  repOfferMs: number | null;
  visitorOfferMs: number | null;
  /** Audio packets the visitor's receiver had counted when the detector fired. */
  packetsAtDetect: number | null;
}

export interface VoiceFigure {
  calls: number;
  /** Hand-raise (the click) to the offer card on the rep's screen. */
  handRaiseToOffer: Leg;
  /** Offer card on screen to the bench's click on Accept (the bench's own reaction, not a person's). */
  offerToAccept: Leg;
  /** The click on Accept to the first inbound audio packet at the visitor. */
  acceptToVoice: Leg;
  /** The click on Accept to the widget applying the console's offer (where a lost first offer waits for its resend). */
  acceptToOfferApplied: Leg;
  /** The widget applying the offer to the first inbound audio packet at the visitor. */
  offerAppliedToVoice: Leg;
  /** Hand-raise to voice, all of it. */
  handRaiseToVoice: Leg;
  /** Hand-raise to voice without the bench's reaction time (handRaiseToOffer + acceptToVoice per call). */
  handRaiseToVoiceNoReaction: Leg;
  /** Two plain pages, no Sixty: createOffer to the first inbound audio packet at the answerer. */
  bareConnect: Leg;
  /** acceptToVoice median / bareConnect median. */
  ratio: number;
  /** The polling interval of the first-packet detector, ms (its resolution). */
  pollMs: number;
  perCall: VoiceCall[];
  bare: Array<{ ms: number; packetsAtDetect: number | null }>;
}

const POLL_MS = 1;

/** `instrument` as page source; tsx's `__name` helper (it keeps function names) is defined for it. */
const INSTRUMENT = { content: `var __name = (f) => f; (${instrument.toString()})(${POLL_MS});` };

type Marks = {
  talkClick: number | null;
  offerShown: number | null;
  acceptClick: number | null;
  firstPacket: number | null;
  createOffer: number | null;
  /** The first remote offer this page applied (setRemoteDescription). */
  remoteOffer: number | null;
  packetsAtDetect: number | null;
};
const CALL_MS = 30_000;

/**
 * Runs in every page before its own scripts: keeps each peer connection, drops remote candidates
 * not on 127.0.0.1 (the call stays on loopback, host candidates only), and once a connection has
 * an audio receiver, polls `RTCRtpReceiver.getSynchronizationSources()` (which lists a source as
 * soon as its first RTP packet arrives) every POLL_MS and records the wall-clock time of the first.
 * Clicks on "Talk now in your browser" and "Accept", and the first open offer card, are stamped too.
 */
function instrument(pollMs: number) {
  const now = () => performance.timeOrigin + performance.now();
  const w = window as unknown as { __bench: Marks & { expect: string; autoAccept: boolean } };
  w.__bench = {
    talkClick: null,
    offerShown: null,
    acceptClick: null,
    firstPacket: null,
    createOffer: null,
    remoteOffer: null,
    packetsAtDetect: null,
    expect: '',
    autoAccept: false,
  };
  const Native = window.RTCPeerConnection;
  const nativeAdd = Native.prototype.addIceCandidate;
  Native.prototype.addIceCandidate = function (this: RTCPeerConnection, c?: RTCIceCandidateInit | null) {
    if (c?.candidate && !c.candidate.includes(' 127.0.0.1 ')) return Promise.resolve();
    return (nativeAdd as (this: RTCPeerConnection, c?: RTCIceCandidateInit | null) => Promise<void>).call(this, c);
  } as typeof Native.prototype.addIceCandidate;
  const nativeRemote = Native.prototype.setRemoteDescription;
  Native.prototype.setRemoteDescription = function (this: RTCPeerConnection, d: RTCSessionDescriptionInit) {
    if (d?.type === 'offer') w.__bench.remoteOffer ??= now();
    return (nativeRemote as (this: RTCPeerConnection, d: RTCSessionDescriptionInit) => Promise<void>).call(this, d);
  } as typeof Native.prototype.setRemoteDescription;
  const nativeOffer = Native.prototype.createOffer;
  Native.prototype.createOffer = function (this: RTCPeerConnection, ...args: unknown[]) {
    w.__bench.createOffer ??= now();
    return (nativeOffer as (...a: unknown[]) => Promise<RTCSessionDescriptionInit>).apply(this, args);
  } as typeof Native.prototype.createOffer;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      this.addEventListener('track', (e) => {
        if (e.track.kind !== 'audio') return;
        const timer = setInterval(() => {
          if (w.__bench.firstPacket !== null) return clearInterval(timer);
          if (e.receiver.getSynchronizationSources().length > 0) {
            w.__bench.firstPacket = now();
            clearInterval(timer);
            // What had arrived by then, by the receiver's own stats (a cross-check of the detector).
            void e.receiver.getStats().then((stats) => {
              for (const r of stats.values()) if (r.type === 'inbound-rtp') w.__bench.packetsAtDetect = r.packetsReceived as number;
            });
          }
        }, pollMs);
      });
    }
  } as typeof RTCPeerConnection;
  document.addEventListener(
    'click',
    (e) => {
      const button = e.composedPath().find((t) => t instanceof HTMLButtonElement) as HTMLButtonElement | undefined;
      const text = button?.textContent ?? '';
      if (text.includes('Talk now in your browser')) w.__bench.talkClick = now();
      if (/^\s*Accept/.test(text)) w.__bench.acceptClick ??= now();
    },
    true,
  );
  new MutationObserver(() => {
    if (!w.__bench.expect || w.__bench.acceptClick !== null) return;
    const card = [...document.querySelectorAll('article.offer:not(.offer-closed)')].find(
      (a) => a.querySelector('h3')?.textContent?.trim() === w.__bench.expect,
    );
    if (!card) return;
    w.__bench.offerShown ??= now();
    // The bench's rep accepts the moment the card is on screen and its Accept button enabled.
    const accept = [...card.querySelectorAll('button')].find((b) => /^\s*Accept/.test(b.textContent ?? ''));
    if (w.__bench.autoAccept && accept && !accept.disabled) accept.click();
  }).observe(document, { childList: true, subtree: true });
}

const marks = (page: Page) => page.evaluate(() => (window as unknown as { __bench: Marks }).__bench);
/** Clears a page's marks; the rep's page then waits for the offer card of `name`. */
const resetMarks = (page: Page, name: string) =>
  page.evaluate((expect) => {
    const b = (window as unknown as { __bench: Marks & { expect: string; autoAccept: boolean } }).__bench;
    b.offerShown = b.acceptClick = b.firstPacket = b.createOffer = b.remoteOffer = b.talkClick = b.packetsAtDetect = null;
    b.expect = expect;
    b.autoAccept = true;
  }, name);

export function leg(samples: readonly number[]): Leg {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, median: percentile(sorted, 50), p95: percentile(sorted, 95), min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN };
}

export async function measureVoice(config: BenchConfig, { distDir, log }: { distDir: string; log: (m: string) => void }): Promise<VoiceFigure> {
  const calls = config.voice.calls;
  const [server, browser] = await Promise.all([
    startTestServer({ offerTimeoutMs: 60_000, distDir }),
    // Fake devices answer getUserMedia with a tone; loopback candidates keep the calls on this machine.
    launchBrowser(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--allow-loopback-in-peer-connection']),
  ]);
  const host = await serveHostPage('host-basic.html', server.url, server.siteKey);
  const contexts: BrowserContext[] = [];
  try {
    const admin = await signInApi(server.url, 'admin@demo.sixty');
    const siteId = (await server.deps.store.siteByKey(server.siteKey))!.id;
    const headers = { 'content-type': 'application/json', cookie: admin };
    const url = `${server.url}/v1/sites/${siteId}/settings`;
    const current = (await (await fetch(url, { headers })).json()) as SiteSettings;
    const put = await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ ...current, browserCalls: true }) });
    if (put.status !== 200) throw new Error(`turning browser calls on: ${put.status}`);

    // Dana takes every call: her open-lead capacity (5 by default) would stop offers after five.
    const dana = (await server.deps.store.userByEmail('dana@demo.sixty'))!;
    await server.deps.store.updateRep(dana.id, { leadCapacity: calls + 10 });

    const repContext = await browser.newContext(DESKTOP);
    contexts.push(repContext);
    await repContext.grantPermissions(['microphone'], { origin: server.url });
    await repContext.addInitScript(INSTRUMENT);
    const rep = await repContext.newPage();
    await signIn(rep, server.url, 'dana@demo.sixty');
    await setAvailable(rep);
    await rep.getByText('Ready for browser calls').waitFor({ timeout: 20_000 });

    const perCall: VoiceCall[] = [];
    // One unmeasured call first: the browser's and the server's first-call costs belong to no figure.
    for (let i = 0; i <= calls; i++) {
      const call = await oneCall(browser, rep, host.origin, i);
      if (i === 0) continue;
      perCall.push(call);
      log(
        `voice call ${i}: offer shown ${call.offerShownMs.toFixed(0)} ms, accept ${call.acceptClickedMs.toFixed(0)} ms, ` +
          `console offer ${call.repOfferMs?.toFixed(0)} ms, applied at visitor ${call.visitorOfferMs?.toFixed(0)} ms, voice ${call.voiceMs.toFixed(0)} ms`,
      );
    }
    const bare = await bareConnects(browser, calls, log);
    const acceptToVoice = leg(perCall.map((c) => c.voiceMs - c.acceptClickedMs));
    const bareConnect = leg(bare.map((b) => b.ms));
    return {
      calls,
      handRaiseToOffer: leg(perCall.map((c) => c.offerShownMs)),
      offerToAccept: leg(perCall.map((c) => c.acceptClickedMs - c.offerShownMs)),
      acceptToVoice,
      acceptToOfferApplied: leg(perCall.map((c) => (c.visitorOfferMs ?? NaN) - c.acceptClickedMs)),
      offerAppliedToVoice: leg(perCall.map((c) => c.voiceMs - (c.visitorOfferMs ?? NaN))),
      handRaiseToVoice: leg(perCall.map((c) => c.voiceMs)),
      handRaiseToVoiceNoReaction: leg(perCall.map((c) => c.offerShownMs + c.voiceMs - c.acceptClickedMs)),
      bareConnect,
      ratio: acceptToVoice.median / bareConnect.median,
      pollMs: POLL_MS,
      perCall,
      bare,
    };
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
    await browser.close();
    await host.close();
    await server.stop();
  }
}

async function oneCall(browser: Browser, rep: Page, origin: string, i: number): Promise<VoiceCall> {
  const name = `Voice Bench ${i}`;
  await resetMarks(rep, name);
  const context = await browser.newContext({ locale: 'en-US', ...DESKTOP });
  try {
    await context.addInitScript(INSTRUMENT);
    const visitor = await context.newPage();
    await visitor.goto(origin);
    await visitor.getByRole('button', { name: 'Talk to sales in 60 seconds' }).click();
    const panel = visitor.getByRole('dialog', { name: 'Talk to sales' });
    await panel.getByLabel('Name', { exact: true }).fill(name);
    await panel.getByLabel('Email').fill(`voice-bench-${i}-${Date.now()}@example.com`);
    for (const value of ['commercial', '51-200', 'decision']) await panel.locator(`input[type=radio][value="${value}"]`).check();
    await panel.getByRole('button', { name: 'Talk now in your browser' }).click();
    // The rep's page accepts by itself as soon as the card is on screen (see instrument).
    await rep.waitForFunction(() => (window as unknown as { __bench: Marks }).__bench.acceptClick !== null, null, { timeout: CALL_MS, polling: 50 });
    await visitor.waitForFunction(() => (window as unknown as { __bench: Marks }).__bench.firstPacket !== null, null, { timeout: CALL_MS, polling: 50 });
    const v = await marks(visitor);
    const r = await marks(rep);
    if (v.talkClick === null || r.offerShown === null || r.acceptClick === null || v.firstPacket === null) {
      throw new Error(`call ${i}: a mark is missing (visitor ${JSON.stringify(v)}, rep ${JSON.stringify(r)})`);
    }
    // Hang up from the widget; the console ends the call and shows its outcome form.
    const widget = visitor.locator('[data-sixty-panel]');
    await widget.locator('[data-sixty-hangup]').click({ timeout: CALL_MS });
    await widget.locator('[data-sixty-call="ended"]').waitFor({ timeout: CALL_MS });
    await rep.getByText(/Call ended: the visitor hung up/).waitFor({ timeout: CALL_MS });
    return {
      offerShownMs: r.offerShown - v.talkClick,
      acceptClickedMs: r.acceptClick - v.talkClick,
      voiceMs: v.firstPacket - v.talkClick,
      repOfferMs: r.createOffer === null ? null : r.createOffer - v.talkClick,
      visitorOfferMs: v.remoteOffer === null ? null : v.remoteOffer - v.talkClick,
      packetsAtDetect: (await marks(visitor)).packetsAtDetect,
    };
  } finally {
    await context.close();
  }
}

/**
 * The baseline: two plain pages on 127.0.0.1 in the same browser, each with the fake microphone's
 * track; the offerer's createOffer to the answerer's first audio packet, the same detector. Their
 * offer, answer and candidates pass through this process (page bindings), as Sixty's pass through
 * its server.
 */
export async function bareConnects(browser: Browser, count: number, log: (m: string) => void): Promise<VoiceFigure['bare']> {
  const blank: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bare</title>'));
  await new Promise<void>((resolve) => blank.listen(0, '127.0.0.1', resolve));
  const blankUrl = `http://127.0.0.1:${(blank.address() as AddressInfo).port}/`;
  const out: VoiceFigure['bare'] = [];
  try {
    for (let i = 0; i <= count; i++) {
      const context = await browser.newContext();
      try {
        await context.grantPermissions(['microphone'], { origin: blankUrl.slice(0, -1) });
        await context.addInitScript(INSTRUMENT);
        const [a, b] = [await context.newPage(), await context.newPage()];
        const peers = new Map<Page, Page>([
          [a, b],
          [b, a],
        ]);
        for (const page of [a, b]) {
          await page.exposeFunction('benchSend', (msg: unknown) =>
            peers.get(page)!.evaluate((m) => (window as unknown as { benchReceive(m: unknown): void }).benchReceive(m), msg),
          );
          await page.goto(blankUrl);
          await page.evaluate(async () => {
            const w = window as unknown as { benchSend(m: unknown): Promise<void>; benchReceive(m: unknown): void; benchPc: RTCPeerConnection };
            const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
            const pc = (w.benchPc = new RTCPeerConnection());
            for (const t of stream.getTracks()) pc.addTrack(t, stream);
            // The remote voice is played, as the widget and the console play it.
            const audio = new Audio();
            audio.autoplay = true;
            pc.ontrack = (e) => void (audio.srcObject = e.streams[0] ?? new MediaStream([e.track]));
            pc.onicecandidate = (e) => e.candidate && void w.benchSend({ candidate: e.candidate.toJSON() });
            const pending: RTCIceCandidateInit[] = [];
            w.benchReceive = (m) => {
              const msg = m as { sdp?: RTCSessionDescriptionInit; candidate?: RTCIceCandidateInit };
              void (async () => {
                if (msg.sdp) {
                  await pc.setRemoteDescription(msg.sdp);
                  for (const c of pending.splice(0)) await pc.addIceCandidate(c);
                  if (msg.sdp.type === 'offer') {
                    await pc.setLocalDescription(await pc.createAnswer());
                    await w.benchSend({ sdp: pc.localDescription!.toJSON() });
                  }
                } else if (msg.candidate) {
                  if (pc.remoteDescription) await pc.addIceCandidate(msg.candidate);
                  else pending.push(msg.candidate);
                }
              })();
            };
          });
        }
        await a.evaluate(async () => {
          const w = window as unknown as { benchSend(m: unknown): Promise<void>; benchPc: RTCPeerConnection };
          await w.benchPc.setLocalDescription(await w.benchPc.createOffer());
          await w.benchSend({ sdp: w.benchPc.localDescription!.toJSON() });
        });
        await b.waitForFunction(() => (window as unknown as { __bench: Marks }).__bench.firstPacket !== null, null, { timeout: CALL_MS, polling: 50 });
        const started = (await marks(a)).createOffer!;
        const answerer = await marks(b);
        const ms = answerer.firstPacket! - started;
        if (i === 0) continue;
        out.push({ ms, packetsAtDetect: answerer.packetsAtDetect });
        log(`voice bare connect ${i}: ${ms.toFixed(0)} ms`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await new Promise<void>((resolve) => blank.close(() => resolve()));
  }
  return out;
}
