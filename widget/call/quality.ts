// The call's figures, read from `RTCPeerConnection.getStats()`: what the visitor's side reports
// when the call ends (round trip, packet loss, jitter), whether the connection is weak right now,
// and the call timer's text. Pure: the stats entries in, numbers out.
import type { CallQuality } from '../../shared/schemas/call.schema';

/** One getStats() entry, by the fields read here. */
export interface StatEntry {
  id?: string;
  type: string;
  kind?: string;
  packetsLost?: number;
  packetsReceived?: number;
  /** Seconds. */
  jitter?: number;
  /** Seconds (candidate pair). */
  currentRoundTripTime?: number;
  /** Seconds (remote-inbound-rtp). */
  roundTripTime?: number;
  selectedCandidatePairId?: string;
  nominated?: boolean;
  state?: string;
}

/** The audio coming in so far and the latest round trip: one reading of the call. */
export interface Sample {
  lost: number;
  received: number;
  rttMs: number | null;
  jitterMs: number | null;
}

/** Past these, the connection is weak: speech breaks up or lags enough to notice. */
const WEAK_LOSS_PCT = 5;
const WEAK_RTT_MS = 400;
const WEAK_JITTER_MS = 50;
/** The schema's ceiling for a time figure. */
const MAX_MS = 60_000;

const ms = (seconds: number | undefined) => (typeof seconds === 'number' && seconds >= 0 ? Math.min(MAX_MS, Math.round(seconds * 1000)) : null);

/** The reading in one getStats() report. */
export function sampleOf(stats: Iterable<StatEntry>): Sample {
  const all = Array.from(stats);
  const inbound = all.find((s) => s.type === 'inbound-rtp' && s.kind === 'audio');
  const transport = all.find((s) => s.type === 'transport' && s.selectedCandidatePairId);
  const pair =
    all.find((s) => s.type === 'candidate-pair' && transport && s.id === transport.selectedCandidatePairId) ||
    all.find((s) => s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded');
  const remote = all.find((s) => s.type === 'remote-inbound-rtp' && s.kind === 'audio');
  const rtt = ms(pair && pair.currentRoundTripTime);
  return {
    lost: Math.max(0, (inbound && inbound.packetsLost) || 0),
    received: (inbound && inbound.packetsReceived) || 0,
    rttMs: rtt !== null ? rtt : ms(remote && remote.roundTripTime),
    jitterMs: ms(inbound && inbound.jitter),
  };
}

/** The call's quality summary over its whole length, as `call:report` carries it. */
export function qualityOf(s: Sample): CallQuality {
  const packets = s.lost + s.received;
  return { rttMs: s.rttMs, packetLossPct: packets > 0 ? Math.round((s.lost / packets) * 1000) / 10 : null, jitterMs: s.jitterMs };
}

/** Whether the connection was weak between two readings: no audio came in, or too much was lost, late or uneven. */
export function isWeak(before: Sample | null, now: Sample): boolean {
  if (!before) return false;
  const received = now.received - before.received;
  const lost = Math.max(0, now.lost - before.lost);
  if (received <= 0) return true;
  return (lost / (lost + received)) * 100 > WEAK_LOSS_PCT || (now.rttMs ?? 0) > WEAK_RTT_MS || (now.jitterMs ?? 0) > WEAK_JITTER_MS;
}

/** The call timer: `m:ss`, or `h:mm:ss` past an hour. */
export function callClock(elapsedMs: number): string {
  const total = Math.max(0, Math.floor(elapsedMs / 1000));
  const two = (n: number) => (n < 10 ? '0' : '') + n;
  const h = Math.floor(total / 3600);
  const m = Math.floor(total / 60) % 60;
  return (h ? `${h}:${two(m)}` : `${m}`) + `:${two(total % 60)}`;
}
