// What every figure gets from the harness: the run's config, the server, the load generators.
import type { BenchConfig } from './config';
import type { BenchWorker } from './fleet';
import type { BenchServer } from './server-process';
import type { SeededWorkspace } from '../../server/bench/seed';

export interface BenchContext {
  config: BenchConfig;
  server: BenchServer;
  /** HTTP load (autocannon). */
  load: BenchWorker;
  /** Reps and the callback probe, on one clock. */
  probe: BenchWorker;
  /** Idle and active client sockets. */
  sockets: BenchWorker[];
  /** The site behaviour events go to. */
  eventsSite: SeededWorkspace;
  /** The run's own copy of dist/ (the server serves it; the widget figures read it). */
  distDir: string;
  /** Where `.cpuprofile` files are written (null: keep only the summaries). */
  profileDir: string | null;
  /** Source addresses the client sockets are spread over. */
  localAddresses: string[];
  log(message: string): void;
  /** Values that later figures reuse (the measured ingest maximum, idle visitor tokens). */
  shared: { maxSingleRps?: number; idleTokens?: string[]; probeSite?: SeededWorkspace };
}

/** Runs `run` with a CPU profile of the server around it; the profile is summarized. */
export async function profiled(ctx: BenchContext, name: string, run: () => Promise<unknown>) {
  await ctx.server.profileStart();
  // Stop the profiler whatever happens, so a failed phase does not leave it running.
  const outcome = await run().then(
    () => null,
    (err: unknown) => err,
  );
  const path = ctx.profileDir ? `${ctx.profileDir}/${name}.cpuprofile` : null;
  const summary = await ctx.server.profileStop(path);
  if (outcome) throw outcome;
  return { name, file: path, summary };
}

export type ProfileResult = Awaited<ReturnType<typeof profiled>>;

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Splits `total` into `parts` near-equal counts. */
export function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}
