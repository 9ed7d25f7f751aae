// Figure 3: server memory per idle socket at several counts up to what the open-file limit
// allows, for visitor sockets (/visitor, authenticated, in their lead's room) and, as the bare
// baseline, sockets on the bench namespace; then push latency with the most sockets open.
import { profiled, sleep, split, type BenchContext, type ProfileResult } from '../context';
import type { ServerMemory } from '../server-process';
import { latency, spreadOf, type Latency, type Spread } from '../stats';
import { SUBMIT_GOALS, closeIdle, latencyRounds, openIdleVisitors, openProbeReps, runProbe, type LatencyRounds } from './submit';

export const CONNECTION_GOALS = { bytesPerIdleSocket: 40 * 1024 };

/** Share of the descriptor limit given to idle sockets; the rest is for active sockets, reps, load generators and SQLite. */
export const IDLE_SHARE_OF_FD_LIMIT = 0.75;
/** Upper bound when the limit is very high or unlimited, to keep the run short. */
const MAX_IDLE_CAP = 30_000;

export interface MemoryStep {
  sockets: number;
  /** Bytes per socket: growth of the server's RSS (after a forced GC) over the empty server, divided by the count. */
  rssPerSocket: Spread;
  heapPerSocket: Spread;
  /** external + arrayBuffers (socket buffers live there). */
  externalPerSocket: Spread;
}

export interface SocketCost {
  steps: MemoryStep[];
  /**
   * Bytes per socket between the smallest and the largest count: the marginal cost, free of
   * the noise in the empty server's RSS. The goal is judged on this.
   */
  rssSlope: Spread;
  heapSlope: Spread;
}

export interface ConnectionsFigure {
  fdLimit: number;
  steps: number[];
  visitor: SocketCost;
  bare: SocketCost;
  connectRatePerSecond: Spread;
  /** Distinct leads behind the visitor sockets (each lead's token is used by several sockets). */
  distinctLeads: number;
  push: {
    idleSockets: number;
    activeSockets: number;
    submitToOffer: LatencyRounds;
    activeEcho: Latency;
  } | null;
  goals: { bytesPerIdleSocket: boolean };
  /** A CPU profile of one more push run at the largest count, when its p99 misses figure 1's goal. */
  profiles: ProfileResult[];
}

type Kind = 'visitor' | 'bare';
type Reading = { n: number; m: ServerMemory };
type Round = Record<Kind, { base: ServerMemory; steps: Reading[] }> & { rate: number };

/** The largest idle count for a descriptor limit, rounded down to a thousand. */
export function maxIdleSockets(fdLimit: number, active: number): number {
  if (!Number.isFinite(fdLimit)) return MAX_IDLE_CAP;
  const byShare = Math.floor((fdLimit * IDLE_SHARE_OF_FD_LIMIT) / 1000) * 1000;
  return Math.max(0, Math.min(MAX_IDLE_CAP, byShare, fdLimit - active - 2000));
}

export async function measureConnections(ctx: BenchContext): Promise<ConnectionsFigure> {
  const { config, server } = ctx;
  const steps = [...config.connections.steps];
  if (config.connections.includeMax) {
    const max = maxIdleSockets(server.fdLimit, config.connections.active);
    if (max > steps[steps.length - 1]!) steps.push(max);
  }
  const tokens = await visitorTokens(ctx);
  await openProbeReps(ctx);

  const rounds: Round[] = [];
  const pushRounds: number[][] = [];
  let push: ConnectionsFigure['push'] = null;
  const profiles: ProfileResult[] = [];
  for (let r = 0; r < config.connections.rounds; r++) {
    const round = { rate: 0 } as Round;
    for (const kind of ['bare', 'visitor'] as const) {
      const base = await settledMemory(ctx, 0);
      const readings: Reading[] = [];
      let open = 0;
      let connectMs = 0;
      for (const target of steps) {
        const t = performance.now();
        open += kind === 'visitor' ? await openIdleVisitors(ctx, target - open, rotateFrom(tokens, open)) : await openBare(ctx, target - open);
        connectMs += performance.now() - t;
        readings.push({ n: open, m: await settledMemory(ctx, open) });
        ctx.log(`connections round ${r + 1}: ${open} ${kind} sockets, rss ${(readings.at(-1)!.m.rss / 2 ** 20).toFixed(0)} MiB`);
      }
      round[kind] = { base, steps: readings };
      if (kind === 'visitor') {
        round.rate = open / (connectMs / 1000);
        const probe = await pushUnderLoad(ctx);
        pushRounds.push(probe.samples);
        push = { idleSockets: open, activeSockets: config.connections.active, submitToOffer: latencyRounds(pushRounds), activeEcho: probe.echo };
        ctx.log(`connections round ${r + 1}: push p99 ${latency(probe.samples).p99.toFixed(2)} ms with ${open} idle + ${config.connections.active} active`);
        const last = r === config.connections.rounds - 1;
        if (last && config.profileMisses && push.submitToOffer.p99.median >= SUBMIT_GOALS.p99Ms) {
          profiles.push(await profiled(ctx, 'push-at-max-sockets', () => pushUnderLoad(ctx)));
        }
      }
      await closeIdle(ctx);
      await waitForClients(ctx, 0);
    }
    rounds.push(round);
  }

  const visitor = socketCost(rounds, 'visitor');
  return {
    fdLimit: server.fdLimit,
    steps,
    visitor,
    bare: socketCost(rounds, 'bare'),
    connectRatePerSecond: spreadOf(rounds, (r) => r.rate),
    distinctLeads: tokens.length,
    push,
    goals: { bytesPerIdleSocket: visitor.rssSlope.median < CONNECTION_GOALS.bytesPerIdleSocket },
    profiles,
  };
}

function socketCost(rounds: Round[], kind: Kind): SocketCost {
  const count = rounds[0]![kind].steps.length;
  const steps = Array.from({ length: count }, (_, i) => {
    const per = (field: (m: ServerMemory) => number) =>
      spreadOf(rounds, (r) => {
        const at = r[kind].steps[i]!;
        return (field(at.m) - field(r[kind].base)) / at.n;
      });
    return {
      sockets: rounds[0]![kind].steps[i]!.n,
      rssPerSocket: per((m) => m.rss),
      heapPerSocket: per((m) => m.heapUsed),
      externalPerSocket: per((m) => m.external + m.arrayBuffers),
    };
  });
  const slope = (field: (m: ServerMemory) => number) =>
    spreadOf(rounds, (r) => {
      const first = r[kind].steps[0]!;
      const last = r[kind].steps.at(-1)!;
      // With one step there is no slope: fall back to growth over the empty server.
      return last.n > first.n ? (field(last.m) - field(first.m)) / (last.n - first.n) : (field(last.m) - field(r[kind].base)) / last.n;
    });
  return { steps, rssSlope: slope((m) => m.rss), heapSlope: slope((m) => m.heapUsed) };
}

/** Figure 1's probe with the active sockets echoing once a second each beside the idle ones. */
async function pushUnderLoad(ctx: BenchContext): Promise<{ samples: number[]; echo: Latency }> {
  const { config, server } = ctx;
  const activeWorker = ctx.sockets[0]!;
  await activeWorker.call('active.start', {
    url: server.url,
    count: config.connections.active,
    intervalMs: 1000,
    localAddresses: ctx.localAddresses,
    concurrency: 50,
  });
  await sleep(2 * config.connections.settleMs);
  // Echoes sent while the active sockets were still connecting do not count.
  await activeWorker.call('active.reset', null);
  const probe = await runProbe(ctx, config.submit.rate, config.connections.pushSeconds);
  const echo = await activeWorker.call('active.stop', null);
  return { samples: probe.submitToOffer, echo };
}

/**
 * The visitor sockets present the tokens of figure 1's idle leads, in turn: one lead per
 * socket would mean one callback per socket, which costs the run more time than it tells.
 */
async function visitorTokens(ctx: BenchContext): Promise<string[]> {
  if (ctx.shared.idleTokens?.length) return ctx.shared.idleTokens;
  const site = await ctx.server.seed({ name: 'Bench idle visitors', reps: 0 });
  const made = await ctx.probe.call('callbacks.create', { url: ctx.server.url, siteKey: site.siteKey, count: ctx.config.submit.idleSockets, concurrency: 16 });
  ctx.shared.idleTokens = made.tokens;
  return made.tokens;
}

function rotateFrom<T>(list: T[], from: number): T[] {
  const k = list.length ? from % list.length : 0;
  return [...list.slice(k), ...list.slice(0, k)];
}

async function openBare(ctx: BenchContext, count: number): Promise<number> {
  const shares = split(count, ctx.sockets.length);
  const results = await Promise.all(
    ctx.sockets.map((w, i) =>
      w.call('sockets.open', { url: ctx.server.url, namespace: '/bench', count: shares[i]!, localAddresses: ctx.localAddresses, concurrency: 50 }),
    ),
  );
  return results.reduce((n, r) => n + r.opened, 0);
}

/** Memory once the server has seen every connection and a forced GC has run. */
async function settledMemory(ctx: BenchContext, clients: number): Promise<ServerMemory> {
  await waitForClients(ctx, clients);
  await sleep(ctx.config.connections.settleMs);
  return ctx.server.memory();
}

/** Waits until the server has `n` clients besides figure 1's reps (closes are asynchronous). */
async function waitForClients(ctx: BenchContext, n: number) {
  const expected = n + (ctx.shared.probeSite?.reps.length ?? 0);
  let seen: number | null = null;
  for (let i = 0; i < 100; i++) {
    seen = (await ctx.server.cpu()).engineClients;
    if (seen === null || Math.abs(seen - expected) <= n * 0.001) return;
    await sleep(100);
  }
  ctx.log(`connections: expected ${expected} connected clients, the server has ${seen}`);
}
