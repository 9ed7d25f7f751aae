// What one run of the bench does: the full run (`npm run bench`) and the tiny one the harness
// test uses so the harness cannot rot. Only sizes and durations differ, never the method.
import type { HistorySize } from './report-history';

export interface BenchConfig {
  name: 'full' | 'tiny';
  /** Repeated rounds per figure; each figure reports the median and min/max over them. */
  rounds: number;
  ingest: {
    /** Seconds of closed-loop load per variant per round, after a short warm-up. */
    seconds: number;
    warmupSeconds: number;
    connections: number;
    /** Distinct visitor ids the generated events are spread over. */
    visitors: number;
  };
  submit: {
    /** Open-loop samples per second (callbacks, and bare echoes beside them). */
    rate: number;
    /** Seconds of samples per round. */
    seconds: number;
    /** Unmeasured seconds of the same probe first, once the background load is running. */
    warmupSeconds: number;
    reps: number;
    idleSockets: number;
  };
  connections: {
    /** Rounds for this figure: each opens the largest count twice (visitor and bare sockets). */
    rounds: number;
    /** Idle socket counts to measure at; the largest the descriptor limit allows is added. */
    steps: number[];
    /** Open the largest count the descriptor limit allows (see docs/benchmarks.md). */
    includeMax: boolean;
    /** Sockets doing one echo per second each while the push latency is measured at the largest count. */
    active: number;
    /** Seconds of push samples at the largest count. */
    pushSeconds: number;
    /** Processes holding the client sockets. */
    workers: number;
    /** Pause before each memory reading, and after the active sockets connect. */
    settleMs: number;
  };
  /** `globMatches`: timed matches per worst-case URL pattern per round. */
  scoring: { pastEvents: number; batch: number; batches: number; globMatches: number };
  widget: { normalLoads: number; throttledLoads: number; throttled: boolean };
  volume: { leads: number; windowMs: number; reps: number; capacity: number; timeoutMs: number };
  /**
   * Figure 7: the generated history's sizes, the ranges measured (days back from its end), rounds
   * of interleaved samples, samples per call per round, and the time a call may use per round.
   */
  reports: { size: HistorySize; rangesDays: number[]; rounds: number; samples: number; budgetMs: number };
  /** Figure 8: measured browser calls, and as many bare WebRTC connects beside them (plus one unmeasured of each). */
  voice: { calls: number };
  /** Write docs/benchmarks.md and test/bench/results.json (off for the tiny run). */
  writeReport: boolean;
  /** Capture a CPU profile of the server for each server-side goal that is not met. */
  profileMisses: boolean;
}

export const FULL: BenchConfig = {
  name: 'full',
  rounds: 3,
  ingest: { seconds: 4, warmupSeconds: 2, connections: 32, visitors: 5000 },
  submit: { rate: 50, seconds: 20, warmupSeconds: 5, reps: 50, idleSockets: 2000 },
  connections: { rounds: 2, steps: [1000, 5000], includeMax: true, active: 1000, pushSeconds: 8, workers: 4, settleMs: 500 },
  scoring: { pastEvents: 1000, batch: 1000, batches: 200, globMatches: 20_000 },
  widget: { normalLoads: 5, throttledLoads: 3, throttled: true },
  volume: { leads: 1000, windowMs: 1000, reps: 100, capacity: 10, timeoutMs: 60_000 },
  reports: {
    size: { leads: 100_000, events: 2_000_000, visitors: 400_000, sites: 3, teams: 4, repsPerTeam: 10, days: 396, otherTenantShare: 0.05 },
    rangesDays: [30, 400],
    rounds: 3,
    samples: 7,
    budgetMs: 4000,
  },
  voice: { calls: 20 },
  writeReport: true,
  profileMisses: true,
};

export const TINY: BenchConfig = {
  name: 'tiny',
  rounds: 2,
  ingest: { seconds: 0.3, warmupSeconds: 0, connections: 4, visitors: 50 },
  submit: { rate: 20, seconds: 0.5, warmupSeconds: 0, reps: 3, idleSockets: 10 },
  connections: { rounds: 2, steps: [10, 20], includeMax: false, active: 5, pushSeconds: 0.5, workers: 2, settleMs: 50 },
  scoring: { pastEvents: 100, batch: 100, batches: 5, globMatches: 100 },
  widget: { normalLoads: 1, throttledLoads: 0, throttled: false },
  volume: { leads: 20, windowMs: 200, reps: 4, capacity: 10, timeoutMs: 10_000 },
  reports: {
    size: { leads: 500, events: 10_000, visitors: 2000, sites: 2, teams: 2, repsPerTeam: 3, days: 396, otherTenantShare: 0.1 },
    rangesDays: [30, 400],
    rounds: 2,
    samples: 2,
    budgetMs: 1000,
  },
  voice: { calls: 2 },
  writeReport: false,
  profileMisses: false,
};
