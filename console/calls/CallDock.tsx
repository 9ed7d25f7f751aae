// Browser calls in the console (issue 23), loaded as its own chunk once the queue shows: tells
// the server whether this tab can take calls (a microphone granted and present), offers the
// headset picker, and runs the call the rep accepted: status, timer, mute, hang up and the
// "connection weak" sign, beside the lead card.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDuration } from '../format';
import { emitWithAck, type RepSocket } from '../live';
import { startRepCall, type CallView, type RepCall } from './rep-call';

export interface CallDockProps {
  /** The rep's live socket (set once the queue connected). */
  socket: { current: RepSocket | null };
  /** The accepted browser call to run (its offer id, and who the visitor is); null between calls. */
  call: { offerId: string; name: string } | null;
  /** The call ended: the outcome form's note of it (`Browser call, 2 min 14 s`), null when voice never connected. */
  onEnded: (note: string | null) => void;
}

/** The microphone this browser last chose for calls (per browser, as headsets are). */
const MIC_KEY = 'sixty.callMicrophone';

type Mic = 'checking' | 'ready' | 'ask' | 'blocked' | 'none' | 'unsupported';

const MIC_TEXT: Record<Exclude<Mic, 'ready' | 'ask'>, string> = {
  checking: 'Checking the microphone…',
  blocked: 'The microphone is blocked for this site: browser calls go to other reps. Allow it in the browser’s site settings.',
  none: 'No microphone found: plug in a headset to take browser calls.',
  unsupported: 'This browser cannot take browser calls.',
};

const END_TEXT = { you: 'You hung up', visitor: 'The visitor hung up', network: 'The connection was lost' } as const;

/** Whether this tab can take calls, the microphones to pick from, and the one chosen; reported to the server on every (re)connect. */
function useMicrophone(socket: CallDockProps['socket']) {
  const [mic, setMic] = useState<Mic>('checking');
  const [inputs, setInputs] = useState<MediaDeviceInfo[]>([]);
  const [chosen, setChosen] = useState(() => localStorage.getItem(MIC_KEY) ?? '');
  const capable = useRef(false);

  const check = async () => {
    const media = navigator.mediaDevices;
    if (!media?.getUserMedia || typeof RTCPeerConnection === 'undefined') return setMic('unsupported');
    let permission: PermissionState = 'prompt';
    try {
      permission = (await navigator.permissions.query({ name: 'microphone' as PermissionName })).state;
    } catch {
      // No Permissions API for the microphone: the device labels tell whether it was granted.
    }
    const found = (await media.enumerateDevices()).filter((d) => d.kind === 'audioinput');
    const granted = permission === 'granted' || found.some((d) => d.label);
    setInputs(granted ? found.filter((d) => d.deviceId) : []);
    setMic(permission === 'denied' ? 'blocked' : !granted ? 'ask' : found.length ? 'ready' : 'none');
  };

  useEffect(() => {
    void check();
    let status: PermissionStatus | null = null;
    navigator.permissions?.query({ name: 'microphone' as PermissionName }).then(
      (s) => ((status = s).onchange = () => void check()),
      () => undefined,
    );
    navigator.mediaDevices?.addEventListener('devicechange', check);
    return () => {
      if (status) status.onchange = null;
      navigator.mediaDevices?.removeEventListener('devicechange', check);
    };
  }, []);

  // The server keeps it per socket: said again after every reconnect.
  useEffect(() => {
    capable.current = mic === 'ready';
    const s = socket.current;
    if (!s) return;
    const tell = () => void emitWithAck(s, 'calls:capable', { capable: capable.current }).catch(() => undefined);
    if (s.connected) tell();
    s.on('connect', tell);
    return () => void s.off('connect', tell);
  }, [mic, socket.current]);

  /** Asks for the microphone (the browser's prompt), then looks again. */
  const allow = async () => {
    try {
      (await navigator.mediaDevices.getUserMedia({ audio: true })).getTracks().forEach((t) => t.stop());
    } catch {
      // Refused or no device: check() says which.
    }
    await check();
  };

  const choose = (deviceId: string) => {
    setChosen(deviceId);
    localStorage.setItem(MIC_KEY, deviceId);
  };

  return { mic, inputs, chosen: inputs.some((d) => d.deviceId === chosen) ? chosen : '', allow, choose };
}

export function CallDock({ socket, call: asked, onEnded }: CallDockProps) {
  const offerId = asked?.offerId ?? null;
  const mic = useMicrophone(socket);
  const [view, setView] = useState<CallView | null>(null);
  const call = useRef<RepCall | null>(null);
  const [now, setNow] = useState(Date.now());
  const ended = useRef(onEnded);
  ended.current = onEnded;

  useEffect(() => {
    const s = socket.current;
    if (!offerId || !s) return;
    call.current = startRepCall(s, offerId, mic.chosen, (v) => {
      setView(v);
      if (v.phase === 'ended') ended.current(v.durationMs === null ? null : `Browser call, ${formatDuration(v.durationMs)}`);
    });
    // Leaving the page (or the lead) mid-call ends it for the visitor too.
    const leave = () => call.current?.hangUp();
    addEventListener('pagehide', leave);
    return () => {
      removeEventListener('pagehide', leave);
      leave();
      call.current = null;
    };
  }, [offerId]);

  const live = view && view.phase !== 'ended' ? view : null;
  useEffect(() => {
    if (!live) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [!!live]);

  const picker = mic.inputs.length > 0 && (
    <label class="bcall-mic">
      <span>Microphone</span>
      <select
        value={mic.chosen}
        onChange={(e) => {
          const id = e.currentTarget.value;
          mic.choose(id);
          void call.current?.useMicrophone(id);
        }}
      >
        <option value="">Browser default</option>
        {mic.inputs.map((d, i) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || `Microphone ${i + 1}`}
          </option>
        ))}
      </select>
    </label>
  );

  if (live && asked) {
    const status =
      live.phase === 'connecting'
        ? 'Connecting…'
        : live.phase === 'reconnecting'
          ? 'Reconnecting…'
          : `Connected · ${formatClock(now - (live.connectedAt ?? now))}`;
    return (
      <section class="panel bcall bcall-live" aria-label={`Browser call with ${asked.name}`} data-call-phase={live.phase}>
        <div class="bcall-head">
          <span class="badge badge-call">Browser call</span>
          {live.weak && (
            <span class="bcall-weak" role="status">
              Connection weak
            </span>
          )}
        </div>
        <p class="bcall-name">{asked.name}</p>
        <p class="bcall-status" aria-live="polite">
          <span class="bcall-timer" data-call-timer>
            {status}
          </span>
        </p>
        <div class="bcall-actions">
          <button type="button" class="btn" aria-pressed={live.muted} onClick={() => call.current?.setMuted(!live.muted)}>
            {live.muted ? 'Unmute' : 'Mute'}
          </button>
          <button type="button" class="btn btn-danger" onClick={() => call.current?.hangUp()}>
            Hang up
          </button>
        </div>
        {picker}
      </section>
    );
  }

  return (
    <section class="panel bcall bcall-idle" aria-label="Browser calls">
      {view?.phase === 'ended' && (
        <p class="bcall-ended" role="status">
          {view.problem ??
            `Call ended: ${END_TEXT[view.endedBy ?? 'network'].toLowerCase()}${view.durationMs === null ? ' before it connected' : ` after ${formatDuration(view.durationMs)}`}. Log the outcome on the lead card.`}
        </p>
      )}
      {mic.mic === 'ready' ? (
        <>
          <p class="bcall-ready">
            <span class="bcall-dot" aria-hidden="true" />
            Ready for browser calls
          </p>
          {picker}
        </>
      ) : mic.mic === 'ask' ? (
        <p class="bcall-ready">
          <button type="button" class="btn btn-small" onClick={() => void mic.allow()}>
            Allow the microphone
          </button>
          <span class="muted">to take browser calls</span>
        </p>
      ) : (
        <p class="muted bcall-ready">{MIC_TEXT[mic.mic]}</p>
      )}
    </section>
  );
}

/** `0:42`, `12:05`: a running call's length. */
function formatClock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
