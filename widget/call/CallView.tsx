// The visitor's side of a browser call, once a rep accepted it: connecting, on the call (the rep's
// name, a timer, mute, hang up, "connection weak"), then "Call ended" with the offer of a call
// back on the phone. The rep's console calls (it sends the offer); this side answers, over the live
// view's own socket. A dropped connection waits for the rep's ICE restart (a new offer, answered
// like the first); if nothing restores it within RECOVER_MS, the call ends as failed.
// A class component, as in the panel: no hooks in the widget.
import { Component } from 'preact';
import type { CallSignal } from '../../shared/schemas/call.schema';
import type { CallViewProps } from '../contract';
import { fill } from '../fill';
import { callClock, isWeak, qualityOf, sampleOf, type Sample, type StatEntry } from './quality';
import { CALL_EN } from './texts';

/** How long a dropped connection may take to come back (the rep restarts ICE) before the call ends. */
const RECOVER_MS = 10_000;
/** The call timer's tick; the figures behind "connection weak" are read every other tick. */
const TICK_MS = 1000;

/** A signal before the call's offer id is added (one per kind). */
type Outgoing = CallSignal extends infer S ? (S extends CallSignal ? Omit<S, 'offerId'> : never) : never;

interface State {
  phase: 'connecting' | 'connected' | 'ended';
  muted: boolean;
  weak: boolean;
  connectedAt: number | null;
  endedAt: number | null;
  /** The call ended because the connection did not come back. */
  lost: boolean;
}

export class CallView extends Component<CallViewProps, State> {
  state: State = { phase: 'connecting', muted: false, weak: false, connectedAt: null, endedAt: null, lost: false };
  pc: RTCPeerConnection | null = null;
  audio: HTMLAudioElement | null = null;
  /** Candidates that came before the offer they belong to. */
  pending: RTCIceCandidateInit[] = [];
  /** Signals are handled one after another: a candidate must not overtake the offer. */
  chain: Promise<void> = Promise.resolve();
  ticks = 0;
  last: Sample | null = null;
  /** The ICE connection is down (disconnected or failed), waiting for a restart. */
  down = false;
  timer?: ReturnType<typeof setInterval>;
  recover?: ReturnType<typeof setTimeout>;

  componentDidMount() {
    const { socket, offerId } = this.props;
    // Only the call's two parties get its ICE servers (with TURN credentials); without them, direct connections only.
    socket.emit('call:ice-servers', { offerId }, (ack) => {
      if (this.state.phase !== 'ended') this.start(ack.ok ? ack.data.iceServers : []);
    });
    this.timer = setInterval(this.tick, TICK_MS);
  }

  componentWillUnmount() {
    if (this.state.phase !== 'ended') this.hangUp('hangup');
    this.close();
  }

  start(iceServers: RTCIceServer[]) {
    const { mic, hub } = this.props;
    const pc = (this.pc = new RTCPeerConnection({ iceServers }));
    mic.getTracks().forEach((track) => pc.addTrack(track, mic));
    pc.ontrack = (e) => {
      if (this.audio) this.audio.srcObject = e.streams[0] || new MediaStream([e.track]);
    };
    pc.onicecandidate = (e) => e.candidate && this.signal({ kind: 'candidate', candidate: { ...e.candidate.toJSON(), candidate: e.candidate.candidate } });
    pc.oniceconnectionstatechange = () => this.iceChanged(pc.iceConnectionState);
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'connected' && !this.state.connectedAt) {
        this.props.socket.emit('call:report', { offerId: this.props.offerId, event: 'connected' }, () => undefined);
        this.setState({ phase: 'connected', connectedAt: Date.now() });
      }
      if (pc.connectionState === 'failed') this.iceChanged('failed');
    };
    hub.on = (signal) => {
      this.chain = this.chain.then(() => this.handle(signal)).catch((error) => console.warn('sixty: call signal failed', error));
    };
    const queued = hub.queue.splice(0);
    queued.forEach(hub.on);
    // Listening now: a rep who accepted within moments sent their offer before this page had joined.
    if (!queued.some((s) => s.kind === 'offer')) this.signal({ kind: 'ready' });
  }

  async handle(s: CallSignal) {
    const pc = this.pc;
    if (!pc || this.state.phase === 'ended') return;
    if (s.kind === 'offer') {
      // The first offer, or the rep's ICE restart: answered alike.
      await pc.setRemoteDescription({ type: 'offer', sdp: s.sdp });
      for (const candidate of this.pending.splice(0)) await pc.addIceCandidate(candidate);
      await pc.setLocalDescription(await pc.createAnswer());
      this.signal({ kind: 'answer', sdp: pc.localDescription!.sdp });
    } else if (s.kind === 'candidate') {
      if (pc.remoteDescription) await pc.addIceCandidate(s.candidate);
      else this.pending.push(s.candidate);
    } else if (s.kind === 'hangup') {
      // The rep ended it: their side reports the end (the first `ended` says who hung up), not this one.
      this.end(s.reason === 'failed');
    }
  }

  signal(s: Outgoing) {
    this.props.socket.emit('call:signal', { ...s, offerId: this.props.offerId } as CallSignal, () => undefined);
  }

  iceChanged(state: RTCIceConnectionState) {
    if (state === 'disconnected' || state === 'failed') {
      this.down = true;
      this.setState({ weak: true });
      if (!this.recover) this.recover = setTimeout(() => this.hangUp('failed'), RECOVER_MS);
    } else if (state === 'connected' || state === 'completed') {
      this.down = false;
      clearTimeout(this.recover);
      this.recover = undefined;
    }
  }

  tick = () => {
    const pc = this.pc;
    if (this.state.phase === 'ended') return;
    if (this.state.phase === 'connected') this.forceUpdate();
    if (!pc || this.ticks++ % 2) return;
    this.sample().then((now) => {
      if (!now || this.state.phase === 'ended') return;
      const weak = this.down || (this.state.phase === 'connected' && isWeak(this.last, now));
      this.last = now;
      if (weak !== this.state.weak) this.setState({ weak });
    });
  };

  /** This side's reading of the call now; null once it is closed. */
  sample(): Promise<Sample | null> {
    return this.pc
      ? this.pc.getStats().then(
          (report) => sampleOf(report.values() as Iterable<StatEntry>),
          () => null,
        )
      : Promise.resolve(null);
  }

  /** The visitor hangs up, or the connection did not come back: the rep hears it, the server gets this side's figures. */
  hangUp(reason: 'hangup' | 'failed') {
    if (this.state.phase === 'ended') return;
    const { socket, offerId } = this.props;
    this.signal({ kind: 'hangup', reason });
    this.sample().then((now) => {
      socket.emit('call:report', { offerId, event: 'ended', reason, ...(now ? { quality: qualityOf(now) } : {}) }, () => undefined);
      this.close();
    });
    this.end(reason === 'failed', false);
  }

  /** The call is over: the microphone is released, the screen says so. */
  end(lost: boolean, close = true) {
    if (this.state.phase === 'ended') return;
    this.props.mic.getTracks().forEach((track) => track.stop());
    this.props.hub.on = null;
    clearTimeout(this.recover);
    clearInterval(this.timer);
    if (close) this.close();
    this.setState({ phase: 'ended', endedAt: Date.now(), lost, weak: false });
    this.props.onEnd();
  }

  close() {
    if (this.pc) this.pc.close();
    this.pc = null;
  }

  toggleMute = () => {
    const muted = !this.state.muted;
    this.props.mic.getAudioTracks().forEach((track) => (track.enabled = !muted));
    this.setState({ muted });
  };

  render({ repName, texts, onCallback }: CallViewProps, { phase, muted, weak, connectedAt, endedAt, lost }: State) {
    const t = { ...CALL_EN, ...texts };
    const elapsed = connectedAt ? (endedAt || Date.now()) - connectedAt : 0;
    return (
      <div class="live call" data-sixty-call={phase}>
        <audio ref={(el) => void (this.audio = el)} autoPlay />
        {phase === 'ended' ? (
          <>
            <p class="live-title" role="status" data-sixty-status>
              {t.callEnded}
              <span class="live-sub">{lost ? t.callLost : connectedAt ? fill(t.callLength, { time: callClock(elapsed) }) : ''}</span>
            </p>
            <p class="live-detail">{t.callBack}</p>
            <button type="button" class="secondary call-back" onClick={onCallback} data-sixty-call-back>
              {t.callMeBack}
            </button>
          </>
        ) : (
          <>
            <p class="live-title" role="status" data-sixty-status data-sixty-call-rep>
              {fill(phase === 'connected' ? t.callWith : t.callConnecting, { rep: repName })}
            </p>
            {phase === 'connected' ? (
              <p class="call-time" role="timer" data-sixty-call-time>
                {callClock(elapsed)}
              </p>
            ) : (
              <span class="spinner" aria-hidden="true" />
            )}
            <p class="call-weak" role="status" data-sixty-call-weak>
              {weak ? t.callWeak : ''}
            </p>
            <div class="call-actions">
              <button type="button" class="call-mute" aria-pressed={muted ? 'true' : 'false'} onClick={this.toggleMute} data-sixty-mute>
                {muted ? t.unmute : t.mute}
              </button>
              <button type="button" class="call-hangup" onClick={() => this.hangUp('hangup')} data-sixty-hangup>
                {t.hangUp}
              </button>
            </div>
          </>
        )}
      </div>
    );
  }
}
