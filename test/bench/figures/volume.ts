// Figure 6: 1,000 hot leads arriving within one second onto 100 available reps who accept every
// offer at once: how long until every lead is accepted, and how evenly the leads were shared.
import { profiled, type BenchContext, type ProfileResult } from '../context';
import { latency, mean, spread, spreadOf, stddev, type Latency, type Spread } from '../stats';

export interface VolumeFigure {
  leads: number;
  windowMs: number;
  reps: number;
  /** Capacity asked for (open offers and active leads per rep), and whether the store applied it. */
  capacity: number;
  capacityApplied: boolean;
  /** First callback due to last accept, per round (only rounds where every lead was accepted). */
  allAcceptedMs: Spread;
  accepted: Spread;
  roundsAllAccepted: number;
  submitToAccept: Latency;
  /** Leads accepted per rep, pooled over rounds: the spread of assignments. */
  perRep: { min: number; median: number; max: number; stddev: number; mean: number };
  /** Bare floor: the same arrivals through a bare POST and a bare echo each. */
  bareAllDoneMs: Spread;
  failures: Record<string, number>;
  profiles: ProfileResult[];
}

export async function measureVolume(ctx: BenchContext): Promise<VolumeFigure> {
  const { config, server } = ctx;
  const v = config.volume;
  const worker = ctx.sockets[ctx.sockets.length - 1]!;
  const runs: Array<Awaited<ReturnType<typeof oneRound>>> = [];
  const bare: number[] = [];
  let capacityApplied = false;

  const oneRound = async () => {
    // A fresh workspace each round: every rep starts with no leads.
    const site = await server.seed({ name: 'Bench volume', reps: v.reps, capacity: v.capacity });
    capacityApplied = site.capacityApplied;
    await worker.call('reps.open', { url: server.url, reps: site.reps, logOutcome: false });
    try {
      return await worker.call('volume.run', { url: server.url, siteKey: site.siteKey, leads: v.leads, windowMs: v.windowMs, timeoutMs: v.timeoutMs });
    } finally {
      await worker.call('reps.close', null);
    }
  };

  for (let r = 0; r < config.rounds; r++) {
    bare.push((await worker.call('volume.baseline', { url: server.url, leads: v.leads, windowMs: v.windowMs })).allDoneMs);
    const run = await oneRound();
    runs.push(run);
    ctx.log(
      `volume round ${r + 1}: ${run.accepted}/${run.created} accepted` +
        (run.allAcceptedMs !== null ? ` in ${run.allAcceptedMs.toFixed(0)} ms` : ` (not all within ${v.timeoutMs} ms)`) +
        `; bare ${bare[r]!.toFixed(0)} ms`,
    );
  }
  const profiles: ProfileResult[] = [];
  const complete = runs.filter((r) => r.allAcceptedMs !== null);
  if (config.profileMisses && complete.length < runs.length) profiles.push(await profiled(ctx, 'routing-volume', oneRound));

  const perRep = runs.flatMap((r) => r.perRep);
  const sorted = [...perRep].sort((a, b) => a - b);
  return {
    leads: v.leads,
    windowMs: v.windowMs,
    reps: v.reps,
    capacity: v.capacity,
    capacityApplied,
    allAcceptedMs: spread(complete.map((r) => r.allAcceptedMs!)),
    accepted: spreadOf(runs, (r) => r.accepted),
    roundsAllAccepted: complete.length,
    submitToAccept: latency(runs.flatMap((r) => r.submitToAccept)),
    perRep: {
      min: sorted[0] ?? NaN,
      median: sorted[Math.floor(sorted.length / 2)] ?? NaN,
      max: sorted.at(-1) ?? NaN,
      stddev: stddev(perRep),
      mean: mean(perRep),
    },
    bareAllDoneMs: spread(bare),
    failures: runs.at(-1)?.failures ?? {},
    profiles,
  };
}
