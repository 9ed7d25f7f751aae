// The rep's side of one browser call (issue 23): the rep OFFERS. It asks Sixty for the call's ICE
// servers, sends the microphone over an RTCPeerConnection, signals over the rep socket, restarts
// ICE when the connection drops, watches getStats for a weak line, and reports connect and end
// for the lead's record. No audio is recorded: the remote track only plays.
import type { CallQuality, CallSignal } from '../../shared/schemas/call.schema';
import { emitWithAck, type RepSocket } from '../live';

export type CallPhase = 'connecting' | 'connected' | 'reconnecting' | 'ended';
/** Who ended it, as the rep reads it. */
export type CallEnd = 'you' | 'visitor' | 'network';

export interface CallView {
  phase: CallPhase;
  /** When voice first connected (this browser's clock); null before. */
  connectedAt: number | null;
  muted: boolean;
  /** The line is poor now: high round trip, loss or jitter, or reconnecting. */
  weak: boolean;
  endedBy: CallEnd | null;
  /** Connected to ended; null when it never connected. */
  durationMs: number | null;
  /** Why it could not start (no microphone, no ICE servers), for the rep to read. */
  problem: string | null;
}

export interface RepCall {
  hangUp(): void;
  setMuted(muted: boolean): void;
  /** Moves the call to another microphone (the headset picker). */
  useMicrophone(deviceId: string): Promise<void>;
}

/** How long `disconnected` may last before ICE is restarted (a `failed` restarts at once). */
export const RESTART_AFTER_MS = 2000;
/** A call that has not connected this long after the accept ends: the visitor's browser never answered. */
export const CONNECT_GIVE_UP_MS = 30_000;
/** A call that dropped and has not reconnected this long ends: the network lost it (the visitor's side gives up after 10 s). */
export const RECONNECT_GIVE_UP_MS = 15_000;
/**
 * An offer (the first, or an ICE restart's) is sent again this often until an answer comes: a
 * visitor page that was not listening (reloading, or its socket reconnecting after the very drop
 * the restart is for) still gets it.
 */
export const RESEND_OFFER_MS = 4000;
/** How often the line's figures are read for the "connection weak" sign. */
const STATS_EVERY_MS = 2000;
/** Above these the line is weak: a delay people talk over, or gaps in the audio. */
const WEAK = { rttMs: 400, lossPct: 5, jitterMs: 40 };
/**
 * When the visitor hangs up, their own report of the end is on its way: the rep's waits this long
 * so that the first report (which decides who ended the call) is theirs.
 */
const AFTER_REMOTE_END_MS = 1000;

const INITIAL: CallView = { phase: 'connecting', connectedAt: null, muted: false, weak: false, endedBy: null, durationMs: null, problem: null };

/** The microphone's stream: the chosen device when it is still there, else the default one. */
export async function openMicrophone(deviceId: string): Promise<MediaStream> {
  if (deviceId) {
    try {
      return await navigator.mediaDevices.getUserMedia({ audio: { deviceId: { exact: deviceId } } });
    } catch {
      // Unplugged since: the default microphone rather than no call.
    }
  }
  return navigator.mediaDevices.getUserMedia({ audio: true });
}

export function startRepCall(socket: RepSocket, offerId: string, micId: string, onView: (v: CallView) => void): RepCall {
  let view = INITIAL;
  const show = (patch: Partial<CallView>) => {
    view = { ...view, ...patch };
    onView(view);
  };
  let pc: RTCPeerConnection | null = null;
  let stream: MediaStream | null = null;
  let ended = false;
  let pending: RTCIceCandidateInit[] = [];
  let restartTimer: ReturnType<typeof setTimeout> | undefined;
  let giveUpTimer: ReturnType<typeof setTimeout> | undefined = setTimeout(() => void finish('network'), CONNECT_GIVE_UP_MS);
  let resendTimer: ReturnType<typeof setInterval> | undefined;
  let statsTimer: ReturnType<typeof setInterval> | undefined;
  let last = { lost: 0, received: 0 };
  let quality: CallQuality | undefined;
  const audio = new Audio();
  audio.autoplay = true;

  const send = (signal: CallSignal) => emitWithAck(socket, 'call:signal', signal).catch(() => undefined);
  const report = (r: { event: 'connected' } | { event: 'ended'; reason: 'hangup' | 'failed'; quality?: CallQuality }) =>
    emitWithAck(socket, 'call:report', { offerId, ...r }).catch(() => undefined);

  async function sendOffer(iceRestart: boolean) {
    if (!pc || ended) return;
    const offer = await pc.createOffer(iceRestart ? { iceRestart: true } : undefined);
    await pc.setLocalDescription(offer);
    await send({ offerId, kind: 'offer', sdp: pc.localDescription!.sdp });
  }

  function restart() {
    clearTimeout(restartTimer);
    restartTimer = undefined;
    if (!pc || ended || pc.signalingState !== 'stable') return;
    pc.restartIce();
    void sendOffer(true);
  }

  /** The line's figures now: round trip, loss over the call, jitter; and whether it is weak since the last look. */
  async function sample(): Promise<void> {
    if (!pc) return;
    let rtt: number | null = null;
    let jitter: number | null = null;
    let lost = 0;
    let received = 0;
    let seen = false;
    (await pc.getStats()).forEach((s) => {
      if (s.type === 'candidate-pair' && s.nominated && typeof s.currentRoundTripTime === 'number') rtt = s.currentRoundTripTime * 1000;
      if (s.type === 'remote-inbound-rtp' && rtt === null && typeof s.roundTripTime === 'number') rtt = s.roundTripTime * 1000;
      if (s.type === 'inbound-rtp' && s.kind === 'audio') {
        seen = true;
        jitter = typeof s.jitter === 'number' ? s.jitter * 1000 : null;
        lost = Math.max(0, s.packetsLost ?? 0);
        received = s.packetsReceived ?? 0;
      }
    });
    const lossPct = (l: number, r: number) => (l + r > 0 ? (100 * l) / (l + r) : 0);
    const recent = lossPct(lost - last.lost, received - last.received);
    last = { lost, received };
    quality = { rttMs: clamp(rtt, 60_000), packetLossPct: seen ? clamp(lossPct(lost, received), 100) : null, jitterMs: clamp(jitter, 60_000) };
    const weak = (rtt ?? 0) > WEAK.rttMs || recent > WEAK.lossPct || (jitter ?? 0) > WEAK.jitterMs;
    if (view.phase === 'connected' && weak !== view.weak) show({ weak });
  }

  async function finish(by: CallEnd) {
    if (ended) return;
    ended = true;
    clearTimeout(restartTimer);
    clearTimeout(giveUpTimer);
    clearInterval(statsTimer);
    clearInterval(resendTimer);
    socket.off('call:signal', onSignal);
    await sample().catch(() => undefined);
    const durationMs = view.connectedAt === null ? null : Date.now() - view.connectedAt;
    pc?.close();
    stream?.getTracks().forEach((t) => t.stop());
    audio.srcObject = null;
    show({ phase: 'ended', endedBy: by, durationMs, weak: false });
    if (by === 'you') void send({ offerId, kind: 'hangup', reason: 'hangup' });
    if (by === 'network') void send({ offerId, kind: 'hangup', reason: 'failed' });
    if (by === 'visitor') await new Promise((r) => setTimeout(r, AFTER_REMOTE_END_MS));
    void report({ event: 'ended', reason: by === 'network' ? 'failed' : 'hangup', ...(quality ? { quality } : {}) });
  }

  function onSignal(signal: CallSignal) {
    if (signal.offerId !== offerId || !pc || ended) return;
    if (signal.kind === 'answer') {
      // An offer sent again is answered again: only the first answer to it applies.
      if (pc.signalingState !== 'have-local-offer') return;
      void pc
        .setRemoteDescription({ type: 'answer', sdp: signal.sdp })
        .then(async () => {
          for (const c of pending.splice(0)) await pc?.addIceCandidate(c).catch(() => undefined);
        })
        .catch(() => undefined);
    } else if (signal.kind === 'candidate') {
      if (!signal.candidate.candidate) return;
      if (pc.remoteDescription) void pc.addIceCandidate(signal.candidate).catch(() => undefined);
      else pending.push(signal.candidate);
    } else if (signal.kind === 'ready') {
      // The visitor's screen is listening now: an offer still unanswered (sent before it was) goes again at once.
      if (pc.signalingState === 'have-local-offer') void send({ offerId, kind: 'offer', sdp: pc.localDescription!.sdp });
    } else if (signal.kind === 'hangup') void finish(signal.reason === 'failed' ? 'network' : 'visitor');
  }

  async function begin() {
    const grant = await emitWithAck(socket, 'call:ice-servers', { offerId }).catch(() => null);
    if (ended) return;
    if (!grant?.ok) {
      show({ problem: grant?.message ?? 'Could not start the call: no answer from the server.' });
      return void finish('network');
    }
    try {
      stream = await openMicrophone(micId);
    } catch {
      show({ problem: 'No microphone: allow it in the browser, then ask the visitor to request again.' });
      return void finish('network');
    }
    if (ended) return void stream.getTracks().forEach((t) => t.stop());
    pc = new RTCPeerConnection({ iceServers: grant.data.iceServers });
    for (const track of stream.getAudioTracks()) pc.addTrack(track, stream);
    pc.onicecandidate = (e) => {
      if (e.candidate?.candidate) void send({ offerId, kind: 'candidate', candidate: { ...e.candidate.toJSON(), candidate: e.candidate.candidate } });
    };
    pc.ontrack = (e) => {
      audio.srcObject = e.streams[0] ?? new MediaStream([e.track]);
      void audio.play().catch(() => undefined);
    };
    pc.onconnectionstatechange = () => {
      if (!pc || ended) return;
      if (pc.connectionState === 'connected') {
        clearTimeout(giveUpTimer);
        giveUpTimer = undefined;
        if (view.connectedAt === null) {
          void report({ event: 'connected' });
          statsTimer = setInterval(() => void sample().catch(() => undefined), STATS_EVERY_MS);
        }
        // Back from reconnecting: the weak sign goes with it (the next look at the figures may set it again).
        show({ phase: 'connected', connectedAt: view.connectedAt ?? Date.now(), ...(view.phase === 'reconnecting' ? { weak: false } : {}) });
      }
    };
    pc.oniceconnectionstatechange = () => {
      if (!pc || ended) return;
      const state = pc.iceConnectionState;
      if (state === 'disconnected' || state === 'failed') {
        if (view.phase === 'connected') show({ phase: 'reconnecting', weak: true });
        giveUpTimer ??= setTimeout(() => void finish('network'), RECONNECT_GIVE_UP_MS);
        if (state === 'failed') restart();
        else restartTimer ??= setTimeout(() => pc?.iceConnectionState === 'disconnected' && restart(), RESTART_AFTER_MS);
      } else if (state === 'connected' || state === 'completed') {
        clearTimeout(restartTimer);
        restartTimer = undefined;
        clearTimeout(giveUpTimer);
        giveUpTimer = undefined;
        if (view.phase === 'reconnecting') show({ phase: 'connected', weak: false });
      }
    };
    socket.on('call:signal', onSignal);
    await sendOffer(false);
    // For the whole call (finish() stops it): a restart's offer may be lost as the first may.
    resendTimer = setInterval(() => {
      if (pc?.signalingState === 'have-local-offer') void send({ offerId, kind: 'offer', sdp: pc.localDescription!.sdp });
    }, RESEND_OFFER_MS);
  }

  onView(view);
  void begin().catch(() => void finish('network'));

  return {
    hangUp: () => void finish('you'),
    setMuted(muted) {
      stream?.getAudioTracks().forEach((t) => (t.enabled = !muted));
      show({ muted });
    },
    async useMicrophone(deviceId) {
      if (!pc || ended) return;
      const next = await openMicrophone(deviceId);
      const track = next.getAudioTracks()[0];
      const sender = pc.getSenders().find((s) => s.track?.kind === 'audio');
      if (!track || !sender) return next.getTracks().forEach((t) => t.stop());
      track.enabled = !view.muted;
      await sender.replaceTrack(track);
      stream?.getTracks().forEach((t) => t.stop());
      stream = next;
    },
  };
}

/** A figure within the bounds the record takes; null stays null. */
function clamp(v: number | null, max: number): number | null {
  return v === null || !Number.isFinite(v) ? null : Math.min(max, Math.max(0, Math.round(v * 10) / 10));
}
