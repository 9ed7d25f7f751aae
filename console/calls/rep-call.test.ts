// The rep's call engine against a scripted RTCPeerConnection and socket, on a fake clock: it
// offers, reports the connect once, restarts ICE after 2 s disconnected (at once when failed),
// gives up when the line does not come back, and a hang-up on either side ends the call.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RepSocket } from '../live';
import { startRepCall, type CallView } from './rep-call';

type Sent = { event: string; payload: Record<string, unknown> };

/** The peer connection the engine made; the test moves its states. */
let peer: FakePeer;
/** What the next getStats() reads: jitter in seconds, packets lost and received so far. */
let line = { jitter: 0.004, packetsLost: 1, packetsReceived: 99 };

class FakePeer {
  signalingState: RTCSignalingState = 'stable';
  iceConnectionState: RTCIceConnectionState = 'new';
  connectionState: RTCPeerConnectionState = 'new';
  localDescription: { type: string; sdp: string } | null = null;
  remoteDescription: { type: string; sdp: string } | null = null;
  offers: Array<RTCOfferOptions | undefined> = [];
  restarts = 0;
  closed = false;
  onicecandidate: ((e: unknown) => void) | null = null;
  ontrack: ((e: unknown) => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  oniceconnectionstatechange: (() => void) | null = null;
  constructor(public config: RTCConfiguration) {
    peer = this;
  }
  addTrack() {}
  getSenders() {
    return [];
  }
  async createOffer(options?: RTCOfferOptions) {
    this.offers.push(options);
    return { type: 'offer', sdp: `offer-${this.offers.length}` };
  }
  async setLocalDescription(d: { type: string; sdp: string }) {
    this.localDescription = d;
    this.signalingState = 'have-local-offer';
  }
  async setRemoteDescription(d: { type: string; sdp: string }) {
    this.remoteDescription = d;
    this.signalingState = 'stable';
  }
  async addIceCandidate() {}
  restartIce() {
    this.restarts++;
  }
  async getStats() {
    return new Map([['in', { type: 'inbound-rtp', kind: 'audio', ...line }]]);
  }
  close() {
    this.closed = true;
  }
  /** Moves the connection (and ICE) state and tells the engine. */
  state(connection: RTCPeerConnectionState, ice: RTCIceConnectionState) {
    this.connectionState = connection;
    this.iceConnectionState = ice;
    this.onconnectionstatechange?.();
    this.oniceconnectionstatechange?.();
  }
}

function fakeSocket() {
  const sent: Sent[] = [];
  const handlers = new Map<string, (m: unknown) => void>();
  const socket = {
    on: (event: string, fn: (m: unknown) => void) => void handlers.set(event, fn),
    off: (event: string) => void handlers.delete(event),
    timeout: () => ({
      emitWithAck: async (event: string, payload: Record<string, unknown>) => {
        sent.push({ event, payload });
        if (event === 'call:ice-servers') return { ok: true, data: { iceServers: [{ urls: ['turn:127.0.0.1:3478'] }], expiresAt: null } };
        return { ok: true };
      },
    }),
  };
  return { socket: socket as unknown as RepSocket, sent, hear: (m: unknown) => handlers.get('call:signal')?.(m) };
}

const track = { enabled: true, stop: vi.fn(), kind: 'audio' };
const stream = { getAudioTracks: () => [track], getTracks: () => [track] };

beforeEach(() => {
  line = { jitter: 0.004, packetsLost: 1, packetsReceived: 99 };
  vi.useFakeTimers();
  vi.stubGlobal('RTCPeerConnection', FakePeer);
  vi.stubGlobal('navigator', { mediaDevices: { getUserMedia: async () => stream } });
  vi.stubGlobal(
    'Audio',
    class {
      autoplay = false;
      srcObject: unknown = null;
      play = async () => undefined;
    },
  );
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Runs timers and the promises they start. */
const pass = (ms: number) => vi.advanceTimersByTimeAsync(ms);

async function started() {
  const io = fakeSocket();
  const views: CallView[] = [];
  const call = startRepCall(io.socket, 'offer-1', '', (v) => views.push(v));
  await pass(0);
  const view = () => views.at(-1)!;
  const signals = (kind: string) => io.sent.filter((s) => s.event === 'call:signal' && s.payload.kind === kind);
  const reports = () => io.sent.filter((s) => s.event === 'call:report').map((s) => s.payload);
  return { io, call, view, signals, reports };
}

async function connected() {
  const c = await started();
  c.io.hear({ offerId: 'offer-1', kind: 'answer', sdp: 'answer-1' });
  await pass(0);
  peer.state('connected', 'connected');
  await pass(0);
  return c;
}

describe('startRepCall', () => {
  it('offers with the ICE servers Sixty gave, and reports the connect once', async () => {
    const c = await started();
    expect(peer.config.iceServers).toEqual([{ urls: ['turn:127.0.0.1:3478'] }]);
    expect(c.signals('offer').map((s) => s.payload)).toEqual([{ offerId: 'offer-1', kind: 'offer', sdp: 'offer-1' }]);
    expect(c.view().phase).toBe('connecting');
    c.io.hear({ offerId: 'offer-1', kind: 'answer', sdp: 'answer-1' });
    await pass(0);
    expect(peer.remoteDescription).toEqual({ type: 'answer', sdp: 'answer-1' });
    peer.state('connected', 'connected');
    peer.state('connected', 'completed');
    await pass(0);
    expect(c.view()).toMatchObject({ phase: 'connected', weak: false });
    expect(c.reports()).toEqual([{ offerId: 'offer-1', event: 'connected' }]);
  });

  it('sends the offer again until an answer comes', async () => {
    const c = await started();
    await pass(4000);
    expect(c.signals('offer')).toHaveLength(2);
    c.io.hear({ offerId: 'offer-1', kind: 'answer', sdp: 'answer-1' });
    await pass(8000);
    expect(c.signals('offer')).toHaveLength(2);
  });

  it('sends its unanswered offer again at once when the visitor’s call screen says it is listening, and not once answered', async () => {
    const c = await started();
    c.io.hear({ offerId: 'offer-1', kind: 'ready' });
    await pass(0);
    expect(c.signals('offer').map((s) => s.payload.sdp)).toEqual(['offer-1', 'offer-1']);
    c.io.hear({ offerId: 'offer-1', kind: 'answer', sdp: 'answer-1' });
    await pass(0);
    c.io.hear({ offerId: 'offer-1', kind: 'ready' });
    await pass(0);
    expect(c.signals('offer')).toHaveLength(2);
  });

  it('sends a restart’s offer again until the visitor answers it (their socket may be reconnecting after the drop), and applies one answer', async () => {
    const c = await connected();
    peer.state('connected', 'disconnected');
    await pass(2000);
    expect(peer.restarts).toBe(1);
    expect(c.signals('offer').map((s) => s.payload.sdp)).toEqual(['offer-1', 'offer-2']);
    await pass(8000);
    expect(c.signals('offer').map((s) => s.payload.sdp)).toEqual(['offer-1', 'offer-2', 'offer-2', 'offer-2']);
    c.io.hear({ offerId: 'offer-1', kind: 'answer', sdp: 'answer-2' });
    await pass(0);
    expect(peer.remoteDescription).toEqual({ type: 'answer', sdp: 'answer-2' });
    // The visitor answers a copy of the same offer too: too late, not applied.
    c.io.hear({ offerId: 'offer-1', kind: 'answer', sdp: 'answer-2-again' });
    await pass(8000);
    expect(peer.remoteDescription).toEqual({ type: 'answer', sdp: 'answer-2' });
    expect(c.signals('offer')).toHaveLength(4);
  });

  it('restarts ICE after 2 s disconnected, at once when failed, and is connected again when ICE is', async () => {
    const c = await connected();
    peer.state('connected', 'disconnected');
    await pass(1900);
    expect(c.view()).toMatchObject({ phase: 'reconnecting', weak: true });
    expect(peer.restarts).toBe(0);
    await pass(200);
    expect(peer.restarts).toBe(1);
    expect(peer.offers.at(-1)).toEqual({ iceRestart: true });
    expect(c.signals('offer')).toHaveLength(2);
    // The visitor answers the restart, and the line comes back.
    c.io.hear({ offerId: 'offer-1', kind: 'answer', sdp: 'answer-2' });
    await pass(0);
    peer.state('connected', 'connected');
    await pass(0);
    expect(c.view()).toMatchObject({ phase: 'connected', weak: false });
    peer.state('failed', 'failed');
    await pass(0);
    expect(peer.restarts).toBe(2);
  });

  it('shows the connection weak while the line loses packets or jitters, and not once it recovers', async () => {
    const c = await connected();
    await pass(2000);
    expect(c.view().weak).toBe(false);
    line = { jitter: 0.004, packetsLost: 21, packetsReceived: 179 };
    await pass(2000);
    expect(c.view().weak).toBe(true);
    line = { jitter: 0.004, packetsLost: 21, packetsReceived: 379 };
    await pass(2000);
    expect(c.view().weak).toBe(false);
    line = { jitter: 0.09, packetsLost: 21, packetsReceived: 579 };
    await pass(2000);
    expect(c.view().weak).toBe(true);
  });

  it('ends the call as the network’s when the line does not come back, telling the visitor and the record', async () => {
    const c = await connected();
    peer.state('disconnected', 'disconnected');
    await pass(15_000);
    expect(c.view()).toMatchObject({ phase: 'ended', endedBy: 'network' });
    expect(c.signals('hangup').map((s) => s.payload)).toEqual([{ offerId: 'offer-1', kind: 'hangup', reason: 'failed' }]);
    expect(c.reports().at(-1)).toMatchObject({ event: 'ended', reason: 'failed', quality: { packetLossPct: 1, jitterMs: 4 } });
    expect(peer.closed).toBe(true);
    expect(track.stop).toHaveBeenCalled();
  });

  it('ends on the rep’s hang-up (telling the visitor) and on the visitor’s (reporting a moment later, so theirs comes first)', async () => {
    const mine = await connected();
    await pass(3000);
    mine.call.hangUp();
    await pass(0);
    expect(mine.view()).toMatchObject({ phase: 'ended', endedBy: 'you' });
    expect(mine.view().durationMs).toBe(3000);
    expect(mine.signals('hangup').map((s) => s.payload)).toEqual([{ offerId: 'offer-1', kind: 'hangup', reason: 'hangup' }]);
    expect(mine.reports().at(-1)).toMatchObject({ event: 'ended', reason: 'hangup' });

    const theirs = await connected();
    theirs.io.hear({ offerId: 'offer-1', kind: 'hangup' });
    await pass(0);
    expect(theirs.view()).toMatchObject({ phase: 'ended', endedBy: 'visitor' });
    expect(theirs.signals('hangup')).toEqual([]);
    expect(theirs.reports().filter((r) => r.event === 'ended')).toEqual([]);
    await pass(1000);
    expect(theirs.reports().filter((r) => r.event === 'ended')).toHaveLength(1);
  });
});
