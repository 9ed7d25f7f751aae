import { describe, expect, it } from 'vitest';
import { callClock, isWeak, qualityOf, sampleOf, type Sample, type StatEntry } from './quality';

/** A getStats() report as Chromium gives it for an audio call, by the fields read. */
function report(o: { lost: number; received: number; jitter?: number; rtt?: number; remoteRtt?: number; selected?: boolean }): StatEntry[] {
  return [
    { type: 'inbound-rtp', kind: 'audio', packetsLost: o.lost, packetsReceived: o.received, jitter: o.jitter },
    { type: 'outbound-rtp', kind: 'audio' },
    { type: 'transport', selectedCandidatePairId: o.selected === false ? 'none' : 'CP1' },
    { id: 'CP0', type: 'candidate-pair', currentRoundTripTime: 9, state: 'failed' },
    { id: 'CP1', type: 'candidate-pair', currentRoundTripTime: o.rtt, nominated: true, state: 'succeeded' },
    { type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: o.remoteRtt },
  ];
}

describe('sampleOf and qualityOf', () => {
  it("read the incoming audio, the selected pair's round trip and the jitter in milliseconds", () => {
    const s = sampleOf(report({ lost: 5, received: 995, jitter: 0.0123, rtt: 0.0456 }));
    expect(s).toEqual({ lost: 5, received: 995, rttMs: 46, jitterMs: 12 });
    expect(qualityOf(s)).toEqual({ rttMs: 46, packetLossPct: 0.5, jitterMs: 12 });
  });

  it("fall back to the nominated pair, then to the far end's round trip, and say null for what the browser did not give", () => {
    expect(sampleOf(report({ lost: 0, received: 10, rtt: 0.02, selected: false })).rttMs).toBe(20);
    expect(sampleOf(report({ lost: 0, received: 10, remoteRtt: 0.03 })).rttMs).toBe(30);
    expect(qualityOf(sampleOf([]))).toEqual({ rttMs: null, packetLossPct: null, jitterMs: null });
  });

  it('stay within the schema: a loss percentage from 0 to 100, times capped at a minute', () => {
    expect(qualityOf({ lost: 10, received: 0, rttMs: null, jitterMs: null }).packetLossPct).toBe(100);
    expect(sampleOf(report({ lost: -3, received: 1, rtt: 120 })).rttMs).toBe(60_000);
    expect(sampleOf(report({ lost: -3, received: 1 })).lost).toBe(0);
  });
});

describe('isWeak', () => {
  const at = (lost: number, received: number, rttMs = 40, jitterMs = 5): Sample => ({ lost, received, rttMs, jitterMs });
  it('is not weak on the first reading, nor while audio flows with little loss, lag or jitter', () => {
    expect(isWeak(null, at(0, 0))).toBe(false);
    expect(isWeak(at(0, 100), at(2, 200))).toBe(false);
  });
  it('is weak when no audio came in since the last reading, or too much of it was lost, late or uneven', () => {
    expect(isWeak(at(0, 100), at(0, 100))).toBe(true);
    expect(isWeak(at(0, 100), at(10, 190))).toBe(true);
    expect(isWeak(at(0, 100), at(0, 200, 450))).toBe(true);
    expect(isWeak(at(0, 100), at(0, 200, 40, 80))).toBe(true);
  });
});

describe('callClock', () => {
  it('shows minutes and seconds, and hours past an hour', () => {
    expect(callClock(-5)).toBe('0:00');
    expect(callClock(9_999)).toBe('0:09');
    expect(callClock(75_000)).toBe('1:15');
    expect(callClock(3_600_000 + 62_000)).toBe('1:01:02');
  });
});
