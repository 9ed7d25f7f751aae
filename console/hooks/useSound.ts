// The offer chime, played with WebAudio. Browsers start audio only after a user gesture, so the
// rep switches sound on with a click (remembered), and after a reload the first click or key
// press anywhere wakes it again.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/** Remembers the rep's choice across reloads; the audio itself must be re-armed by a gesture. */
const SOUND_KEY = 'sixty:sound';
/** Two rising notes: distinct from chat pings, short enough to repeat while an offer waits. */
const CHIME: ReadonlyArray<{ hz: number; at: number }> = [
  { hz: 880, at: 0 },
  { hz: 1320, at: 0.16 },
];
const NOTE_S = 0.14;

function remembered(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) === 'on';
  } catch {
    return false;
  }
}

function remember(on: boolean) {
  try {
    localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
  } catch {
    // Private modes may refuse storage; the choice then lasts for this page only.
  }
}

function chime(ctx: AudioContext) {
  const start = ctx.currentTime + 0.01;
  for (const note of CHIME) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = note.hz;
    const t = start + note.at;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.35, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + NOTE_S);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t);
    osc.stop(t + NOTE_S + 0.02);
  }
}

export interface Sound {
  /** True when a chime would be heard now. */
  on: boolean;
  supported: boolean;
  enable: () => void;
  disable: () => void;
  play: () => void;
}

export function useSound(): Sound {
  const ctx = useRef<AudioContext | null>(null);
  const [wanted, setWanted] = useState(remembered);
  const [running, setRunning] = useState(false);
  const supported = typeof window !== 'undefined' && 'AudioContext' in window;

  /** Must run inside a user gesture the first time. */
  const arm = useCallback(
    (withChime: boolean) => {
      if (!supported) return;
      const audio = (ctx.current ??= new AudioContext());
      audio.onstatechange = () => setRunning(audio.state === 'running');
      audio.resume().then(
        () => {
          setRunning(audio.state === 'running');
          if (withChime) chime(audio);
        },
        () => setRunning(false),
      );
    },
    [supported],
  );

  const enable = useCallback(() => {
    remember(true);
    setWanted(true);
    arm(true);
  }, [arm]);

  const disable = useCallback(() => {
    remember(false);
    setWanted(false);
  }, []);

  // Chosen earlier but not yet allowed on this page load: the next gesture re-arms it.
  useEffect(() => {
    if (!wanted || running) return;
    const wake = () => arm(false);
    document.addEventListener('pointerdown', wake, true);
    document.addEventListener('keydown', wake, true);
    return () => {
      document.removeEventListener('pointerdown', wake, true);
      document.removeEventListener('keydown', wake, true);
    };
  }, [wanted, running, arm]);

  useEffect(() => () => void ctx.current?.close(), []);

  const play = useCallback(() => {
    const audio = ctx.current;
    if (wanted && audio && audio.state === 'running') chime(audio);
  }, [wanted]);

  return { on: wanted && running, supported, enable, disable, play };
}
