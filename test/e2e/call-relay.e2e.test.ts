// Browser calls through a real TURN server (issue 23): Debian's coturn with the shared-secret
// scheme on 127.0.0.1, Sixty issuing the credentials to the two parties of an accepted offer, and
// Debian's Chromium forced to relay (`iceTransportPolicy: 'relay'`, so no host candidate is used
// and all call traffic stays on 127.0.0.1). Credentials under another secret, or expired, gather
// no relay; the right ones gather one, and two pages connected through the relay, with Sixty
// relaying their signalling between a visitor socket and the rep's socket, hear each other's
// fake microphone.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { OfferView } from '../../shared/api';
import type { Ack } from '../../shared/live-events';
import type { CallSignal, IceServer, IceServersGrant } from '../../shared/schemas/call.schema';
import { launchBrowser } from '../helpers/browser';
import { startCoturn, type Coturn } from '../helpers/coturn';
import {
  callbackBody,
  connected,
  nextEvent,
  postCallback,
  repSocket,
  signIn,
  startTestServer,
  visitorSocket,
  type RepClient,
  type TestServer,
  type VisitorClient,
} from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';

const SECRET = 'coturn-test-secret';

/** What each test page holds: its peer connection, and the bridge to its party's socket. */
type CallWindow = Window & {
  pc: RTCPeerConnection;
  /** Exposed by the test: sends a signal on the page's party's socket. */
  sixtySignal(signal: Record<string, unknown>): Promise<void>;
  /** Set by the page: handles a signal the other party sent. */
  onSixtySignal(signal: CallSignal): Promise<void>;
  startCall(): Promise<void>;
};
/** One getStats() entry, by the fields read here. */
type Stat = {
  id: string;
  type: string;
  kind?: string;
  selectedCandidatePairId?: string;
  localCandidateId?: string;
  remoteCandidateId?: string;
  candidateType?: string;
  packetsReceived?: number;
  bytesReceived?: number;
};
/** Generous: two browsers, coturn and the server share a busy 2-core machine. */
const CALL_MS = 60_000;

let coturn: Coturn;
let browser: Browser;
/** A blank page on 127.0.0.1: a secure context (getUserMedia needs one), with nothing else on it. */
let blank: Server;
let blankUrl: string;
const cleanup: Array<() => unknown> = [];

beforeAll(async () => {
  coturn = await startCoturn(SECRET);
  browser = await launchBrowser(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);
  blank = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>call</title>'));
  await new Promise<void>((resolve) => blank.listen(0, '127.0.0.1', resolve));
  blankUrl = `http://127.0.0.1:${(blank.address() as AddressInfo).port}/`;
}, 15 * 60_000);
afterAll(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
  await browser?.close();
  await new Promise((resolve) => blank?.close(resolve));
  await coturn?.close();
});

async function sixty(turn: { secret: string; ttlS: number }): Promise<TestServer> {
  const s = await startTestServer({ offerTimeoutMs: 60_000, turn: { ...turn, urls: [coturn.url] } });
  cleanup.push(() => s.stop());
  return s;
}

/** A visitor whose callback Dana accepted, both on live sockets: the two parties of a call. */
async function acceptedCall(s: TestServer, phone: string): Promise<{ offerId: string; rep: RepClient; visitor: VisitorClient }> {
  const rep = repSocket(s.url, await signIn(s.url, 'dana@demo.sixty'));
  cleanup.push(() => rep.close());
  await connected(rep);
  await rep.emitWithAck('presence:set', 'available');
  const offer = nextEvent<OfferView>(rep, 'offer:new', 20_000);
  const res = await postCallback(s.url, callbackBody(s.siteKey, { phone }));
  const { offerId } = await offer;
  expect((await rep.emitWithAck('offer:accept', { offerId })).ok).toBe(true);
  const visitor = visitorSocket(s.url, res.body.visitorToken);
  cleanup.push(() => visitor.close());
  await connected(visitor);
  return { offerId, rep, visitor };
}

async function iceServers(socket: RepClient | VisitorClient, offerId: string): Promise<IceServer[]> {
  const ack = (await (socket as VisitorClient).emitWithAck('call:ice-servers', { offerId })) as Ack<IceServersGrant>;
  if (!ack.ok) throw new Error(`no ICE servers: ${ack.error}`);
  return ack.data.iceServers;
}

async function newPage(): Promise<Page> {
  const context = await browser.newContext();
  cleanup.push(() => context.close());
  const page = await context.newPage();
  await page.goto(blankUrl);
  return page;
}

/** The candidate types a relay-only peer connection gathers with these servers (empty: TURN refused). */
function gatherRelay(page: Page, servers: IceServer[]): Promise<string[]> {
  return page.evaluate(
    async ({ servers, ms }) => {
      const pc = new RTCPeerConnection({ iceServers: servers, iceTransportPolicy: 'relay' });
      pc.createDataChannel('probe');
      const types: string[] = [];
      const done = new Promise<void>((resolve) => {
        pc.onicecandidate = (e) => (e.candidate ? types.push(`${e.candidate.type} ${e.candidate.address}`) : resolve());
        setTimeout(resolve, ms);
      });
      await pc.setLocalDescription(await pc.createOffer());
      await done;
      pc.close();
      return types;
    },
    { servers, ms: 30_000 },
  );
}

describe('browser calls through coturn', () => {
  it('gathers a relay candidate with the credentials Sixty issues, and none under another secret or once they expired', async () => {
    const page = await newPage();

    const right = await sixty({ secret: SECRET, ttlS: 600 });
    const call = await acceptedCall(right, '+1 415 555 0201');
    for (const side of [call.visitor, call.rep]) {
      const types = await gatherRelay(page, await iceServers(side, call.offerId));
      expect(types, coturn.log().slice(-2000)).toContain('relay 127.0.0.1');
      expect(types.every((t) => t.startsWith('relay '))).toBe(true);
    }

    const forged = await sixty({ secret: 'not-the-coturn-secret', ttlS: 600 });
    const forgedCall = await acceptedCall(forged, '+1 415 555 0202');
    const forgedServers = await iceServers(forgedCall.visitor, forgedCall.offerId);
    expect(await gatherRelay(page, forgedServers)).toEqual([]);
    // coturn itself refused it: no secret it knows makes that password for that username.
    expect(coturn.log()).toContain(`check_stun_auth: Cannot find credentials of user <${forgedServers[0]!.username}>`);

    const shortLived = await sixty({ secret: SECRET, ttlS: 1 });
    const shortCall = await acceptedCall(shortLived, '+1 415 555 0203');
    const stale = await iceServers(shortCall.rep, shortCall.offerId);
    // coturn refuses a username whose expiry second has passed: wait past it, with a margin.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await gatherRelay(page, stale)).toEqual([]);
    expect(coturn.log()).toContain(`<${stale[0]!.username}>`);
  }, 180_000);

  it('connects the visitor and the rep through the relay, with Sixty relaying their signalling, and audio flows both ways', async () => {
    const s = await sixty({ secret: SECRET, ttlS: 600 });
    const { offerId, rep, visitor } = await acceptedCall(s, '+1 415 555 0204');
    const sides = [
      { name: 'visitor', socket: visitor as VisitorClient, page: await newPage() },
      { name: 'rep', socket: rep as unknown as VisitorClient, page: await newPage() },
    ];
    for (const side of sides) {
      // What the page sends goes out on its party's socket; what that socket hears goes into the page.
      await side.page.exposeFunction('sixtySignal', async (signal: Record<string, unknown>) => {
        const ack = await side.socket.emitWithAck('call:signal', { ...signal, offerId } as CallSignal);
        if (!ack.ok) throw new Error(`${side.name} signal refused: ${ack.error}`);
      });
      // A signal still in flight when the test closes the page has nowhere to go: dropped, not an unhandled rejection.
      side.socket.on('call:signal', (signal) => void side.page.evaluate((m) => (window as unknown as CallWindow).onSixtySignal(m), signal).catch(() => {}));
      const servers = await iceServers(side.socket, offerId);
      await side.page.evaluate(async (servers) => {
        const call = window as unknown as CallWindow;
        const send = call.sixtySignal;
        const pc = new RTCPeerConnection({ iceServers: servers, iceTransportPolicy: 'relay' });
        call.pc = pc;
        const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
        for (const track of mic.getTracks()) pc.addTrack(track, mic);
        pc.onicecandidate = (e) => e.candidate && void send({ kind: 'candidate', candidate: e.candidate.toJSON() });
        const pending: RTCIceCandidateInit[] = [];
        call.onSixtySignal = async (m) => {
          if (m.kind === 'offer') {
            await pc.setRemoteDescription({ type: 'offer', sdp: m.sdp });
            for (const c of pending.splice(0)) await pc.addIceCandidate(c);
            await pc.setLocalDescription(await pc.createAnswer());
            await send({ kind: 'answer', sdp: pc.localDescription!.sdp });
          } else if (m.kind === 'answer') {
            await pc.setRemoteDescription({ type: 'answer', sdp: m.sdp });
            for (const c of pending.splice(0)) await pc.addIceCandidate(c);
          } else if (m.kind === 'candidate') {
            if (pc.remoteDescription) await pc.addIceCandidate(m.candidate);
            else pending.push(m.candidate);
          }
        };
        call.startCall = async () => {
          await pc.setLocalDescription(await pc.createOffer());
          await send({ kind: 'offer', sdp: pc.localDescription!.sdp });
        };
      }, servers);
    }
    // The visitor calls (as the widget will), the rep's console answers.
    await sides[0]!.page.evaluate(() => (window as unknown as CallWindow).startCall());

    /** The selected pair's candidate types and the inbound audio bytes so far, from getStats(). */
    const stats = (page: Page) =>
      page.evaluate(async () => {
        const pc = (window as unknown as CallWindow).pc;
        const report = await pc.getStats();
        const all = [...report.values()] as Stat[];
        const inbound = all.find((r) => r.type === 'inbound-rtp' && r.kind === 'audio');
        const transport = all.find((r) => r.type === 'transport');
        const pair = all.find((r) => r.type === 'candidate-pair' && r.id === transport?.selectedCandidatePairId);
        const local = all.find((r) => r.id === pair?.localCandidateId);
        const remote = all.find((r) => r.id === pair?.remoteCandidateId);
        return {
          state: pc.connectionState,
          local: local?.candidateType,
          remote: remote?.candidateType,
          packets: inbound?.packetsReceived ?? 0,
          bytes: inbound?.bytesReceived ?? 0,
        };
      });

    for (const side of sides) {
      const first = await waitFor(
        `${side.name} connected with audio coming in`,
        async () => {
          const now = await stats(side.page);
          return now.state === 'connected' && now.bytes > 0 && now;
        },
        CALL_MS,
        250,
      );
      expect(first.local).toBe('relay');
      // The other side's relay candidate is the one in use (both forced to relay).
      expect(first.remote).toBe('relay');
      const later = await waitFor(
        `${side.name}'s inbound audio growing`,
        async () => {
          const now = await stats(side.page);
          return now.bytes > first.bytes && now.packets > first.packets && now;
        },
        CALL_MS,
        500,
      );
      expect(later.bytes).toBeGreaterThan(first.bytes);
    }

    // Hanging up reaches the other side through Sixty.
    const heard = nextEvent<CallSignal>(rep, 'call:signal', 20_000);
    expect(await visitor.emitWithAck('call:signal', { offerId, kind: 'hangup' })).toEqual({ ok: true });
    expect(await heard).toMatchObject({ offerId, kind: 'hangup' });
  }, 240_000);
});
