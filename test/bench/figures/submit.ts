// Figure 1: POST /v1/callbacks to `offer:new` at the rep's socket.io client, sampled at a fixed
// rate while idle visitor sockets, connected reps and background ingest run; beside it, a bare
// socket.io acknowledged round trip on the same server at the same rate.
import { profiled, sleep, split, type BenchContext, type ProfileResult } from '../context';
import { latency, spreadOf, type Latency, type Spread } from '../stats';
import type { PacedResult } from '../workers/paced-load';

export const SUBMIT_GOALS = { p50Ms: 5, p99Ms: 25 };
/** Half of ingest's maximum beside the probe: nothing shed, submit to offer within this of its quiet value. */
export const BACKGROUND_GOALS = { toQuiet: 1.5 };
/** Background ingest: keep-alive connections, and requests outstanding, at most. */
export const BACKGROUND_CONNECTIONS = 32;

export interface LatencyRounds {
  p50: Spread;
  p99: Spread;
  p999: Spread;
  /** Every round's samples together (p99.9 needs them). */
  pooled: Latency;
}

export interface SubmitFigure {
  rate: number;
  secondsPerRound: number;
  reps: number;
  idleSockets: { requested: number; connected: number; namespace: '/visitor'; distinctLeads: number };
  /** Over the rounds with background ingest only (not the warm-up, not the profile). */
  background: { targetRps: number; achievedRps: number; p99Ms: number; failed: number; shed: number };
  submitToOffer: LatencyRounds;
  /** The same probe with no background ingest, in rounds interleaved with the others. */
  quiet: LatencyRounds;
  /** Submit to offer with background ingest over the quiet figure, per pair of rounds. */
  toQuietP50: Spread;
  toQuietP99: Spread;
  /** The callback's own HTTP response time (the visitor's side), for context. */
  httpResponse: LatencyRounds;
  bareRoundTrip: LatencyRounds;
  /** Submit-to-offer over the bare round trip, per round. */
  ratioP50: Spread;
  ratioP99: Spread;
  missing: number;
  failures: Record<string, number>;
  goals: { p50: boolean; p99: boolean; backgroundSustained: boolean };
  profiles: ProfileResult[];
}

export function latencyRounds(rounds: number[][]): LatencyRounds {
  const stats = rounds.map(latency);
  return {
    p50: spreadOf(stats, (s) => s.p50),
    p99: spreadOf(stats, (s) => s.p99),
    p999: spreadOf(stats, (s) => s.p999),
    pooled: latency(rounds.flat()),
  };
}

/** Opens idle visitor sockets across the socket workers; returns how many connected. */
export async function openIdleVisitors(ctx: BenchContext, count: number, tokens: string[]): Promise<number> {
  const shares = split(count, ctx.sockets.length);
  const results = await Promise.all(
    ctx.sockets.map((w, i) =>
      w.call('sockets.open', {
        url: ctx.server.url,
        namespace: '/visitor',
        count: shares[i]!,
        // Each worker starts at a different token, so consecutive sockets use different leads.
        tokens: rotate(
          tokens,
          shares.slice(0, i).reduce((a, b) => a + b, 0),
        ),
        localAddresses: ctx.localAddresses,
        concurrency: 50,
      }),
    ),
  );
  const failed = results.find((r) => r.failed > 0);
  if (failed) ctx.log(`idle sockets: ${failed.failed} failed (${failed.firstError})`);
  return results.reduce((n, r) => n + r.opened, 0);
}

export async function closeIdle(ctx: BenchContext) {
  await Promise.all(ctx.sockets.map((w) => w.call('sockets.close', null)));
}

function rotate<T>(list: T[], by: number): T[] {
  if (!list.length) return list;
  const k = by % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

export async function measureSubmit(ctx: BenchContext): Promise<SubmitFigure> {
  const { config, server, probe, load } = ctx;
  const { rate, seconds, reps: repCount, idleSockets } = config.submit;

  // The idle visitors' leads are on a site whose answers rule them out: stored, never routed,
  // so they add connections without adding routing work.
  const idleSite = await server.seed({ name: 'Bench idle visitors', reps: 0 });
  ctx.log(`submit: creating ${idleSockets} idle visitors' leads`);
  const created = await probe.call('callbacks.create', { url: server.url, siteKey: idleSite.siteKey, count: idleSockets, concurrency: 16 });
  ctx.shared.idleTokens = created.tokens;
  ctx.log(`submit: ${created.tokens.length} leads in ${(created.ms / 1000).toFixed(1)} s; connecting sockets and reps`);
  const connected = await openIdleVisitors(ctx, idleSockets, created.tokens);
  await openProbeReps(ctx);

  const targetRps = (ctx.shared.maxSingleRps ?? 1000) / 2;
  const background = {
    url: server.url,
    siteKey: ctx.eventsSite.siteKey,
    rate: targetRps,
    visitors: config.ingest.visitors,
    eventsPerRequest: 1,
    connections: BACKGROUND_CONNECTIONS,
  };
  if (config.submit.warmupSeconds > 0) {
    ctx.log('submit: warm-up (with background ingest)');
    await load.call('paced.start', background);
    await runProbe(ctx, rate, config.submit.warmupSeconds);
    await load.call('paced.stop', null);
  }

  // Quiet and background rounds alternate, so both meet the same machine and the same workspace size.
  const quietRounds: Array<Awaited<ReturnType<typeof runProbe>>> = [];
  const rounds: Array<Awaited<ReturnType<typeof runProbe>>> = [];
  const bgRuns: PacedResult[] = [];
  for (let r = 0; r < config.rounds; r++) {
    const quiet = await runProbe(ctx, rate, seconds);
    quietRounds.push(quiet);
    await load.call('paced.start', background);
    await sleep(Math.min(1000, seconds * 1000));
    const round = await runProbe(ctx, rate, seconds);
    const bg = (await load.call('paced.stop', null)) as PacedResult;
    bgRuns.push(bg);
    const s = latency(round.submitToOffer);
    const q = latency(quiet.submitToOffer);
    ctx.log(
      `submit round ${r + 1}: quiet p50 ${q.p50.toFixed(2)} / p99 ${q.p99.toFixed(2)} ms; with ${bg.rps.toFixed(0)} ingest req/s ` +
        `(${bg.shed} shed) p50 ${s.p50.toFixed(2)} / p99 ${s.p99.toFixed(2)} ms (${s.n} samples, ${round.missing + quiet.missing} missing)`,
    );
    rounds.push(round);
  }
  const submitToOffer = latencyRounds(rounds.map((r) => r.submitToOffer));
  const pairs = rounds.map((r, i) => ({ bg: latency(r.submitToOffer), quiet: latency(quietRounds[i]!.submitToOffer) }));
  const toQuietP50 = spreadOf(pairs, (p) => p.bg.p50 / p.quiet.p50);
  const toQuietP99 = spreadOf(pairs, (p) => p.bg.p99 / p.quiet.p99);
  const shed = bgRuns.reduce((n, b) => n + b.shed, 0);
  const goals = {
    p50: submitToOffer.p50.median < SUBMIT_GOALS.p50Ms,
    p99: submitToOffer.p99.median < SUBMIT_GOALS.p99Ms,
    backgroundSustained: shed === 0 && toQuietP50.median <= BACKGROUND_GOALS.toQuiet && toQuietP99.median <= BACKGROUND_GOALS.toQuiet,
  };
  const profiles: ProfileResult[] = [];
  if (config.profileMisses && !(goals.p50 && goals.p99 && goals.backgroundSustained)) {
    // Profiled under the same background ingest, which is not counted: the profiler slows the server.
    await load.call('paced.start', background);
    profiles.push(await profiled(ctx, 'submit-to-offer', () => runProbe(ctx, rate, Math.min(seconds, 10))));
    await load.call('paced.stop', null);
  }

  const last = rounds[rounds.length - 1]!;
  const bgSeconds = bgRuns.reduce((n, b) => n + b.seconds, 0);
  return {
    rate,
    secondsPerRound: seconds,
    reps: repCount,
    idleSockets: { requested: idleSockets, connected, namespace: '/visitor', distinctLeads: created.tokens.length },
    background: {
      targetRps,
      achievedRps: bgRuns.reduce((n, b) => n + b.ok, 0) / bgSeconds,
      p99Ms: Math.max(...bgRuns.map((b) => b.latency.p99)),
      failed: bgRuns.reduce((n, b) => n + b.failed, 0),
      shed,
    },
    submitToOffer,
    quiet: latencyRounds(quietRounds.map((r) => r.submitToOffer)),
    toQuietP50,
    toQuietP99,
    httpResponse: latencyRounds(rounds.map((r) => r.http)),
    bareRoundTrip: latencyRounds(rounds.map((r) => r.echo)),
    ratioP50: spreadOf(rounds, (r) => latency(r.submitToOffer).p50 / latency(r.echo).p50),
    ratioP99: spreadOf(rounds, (r) => latency(r.submitToOffer).p99 / latency(r.echo).p99),
    missing: [...rounds, ...quietRounds].reduce((n, r) => n + r.missing, 0),
    failures: last.failures,
    goals,
    profiles,
  };
}

/** Figure 1's reps, signed in and connected in the probe process (once per run). */
export async function openProbeReps(ctx: BenchContext) {
  if (ctx.shared.probeSite) return;
  const site = await ctx.server.seed({ name: 'Bench submit', reps: ctx.config.submit.reps });
  await ctx.probe.call('reps.open', { url: ctx.server.url, reps: site.reps, logOutcome: true });
  ctx.shared.probeSite = site;
}

export function runProbe(ctx: BenchContext, rate: number, seconds: number) {
  return ctx.probe.call('probe.run', { url: ctx.server.url, siteKey: ctx.shared.probeSite!.siteKey, rate, seconds, settleMs: 5000 });
}
