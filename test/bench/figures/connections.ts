// Figure 3: server memory per idle socket at several counts up to what the open-file limit
// allows, for visitor sockets (/visitor, authenticated, in their lead's room) and, as the bare
// baseline, sockets on the bench namespace; then push latency with the most sockets open.
import { sleep, split, type BenchContext } from '../context';
import type { ServerMemory } from '../server-process';
import { latency, spreadOf, type Latency, type Spread } from '../stats';
import { closeIdle, latencyRounds, openIdleVisitors, runProbe, type LatencyRounds } from './submit';

export const CONNECTION_GOALS = { bytesPerIdleSocket: 40 * 1024 };

/** Share of the descriptor limit given to idle sockets; the rest is for active sockets, reps, load generators and SQLite. */
export const IDLE_SHARE_OF_FD_LIMIT = 0.75;
/** Upper bound when the limit is very high or unlimited, to keep the run short. */
const MAX_IDLE_CAP = 30_000;

export interface MemoryStep {
  sockets: number;
  /** Bytes per socket: growth of the server's RSS (after a forced GC) over the count. */
  rssPerSocket: Spread;
  heapPerSocket: Spread;
  /** external + arrayBuffers (socket buffers live there). */
  externalPerSocket: Spread;
}

export interface ConnectionsFigure {
  fdLimit: number;
  steps: number[];
  visitor: MemoryStep[];
  bare: MemoryStep[];
  connectRatePerSecond: Spread;
  distinctLeads: number;
  push: {
    idleSockets: number;
    activeSockets: number;
    submitToOffer: LatencyRounds;
    activeEcho: Latency;
  } | null;
  goals: { bytesPerIdleSocket: boolean };
}

/** The largest idle count for a descriptor limit, rounded down to a thousand. */
export function maxIdleSockets(fdLimit: number, active: number): number {
  const byLimit = Number.isFinite(fdLimit) ? Math.floor((fdLimit * IDLE_SHARE_OF_FD_LIMIT) / 1000) * 1000 : MAX_IDLE_CAP;
  return Math.max(0, Math.min(MAX_IDLE_CAP, byLimit, Number.isFinite(fdLimit) ? fdLimit - active - 2000 : Infinity));
}

export async function measureConnections(ctx: BenchContext): Promise<ConnectionsFigure> {
  const { config, server } = ctx;
  const steps = [...config.connections.steps];
  if (config.connections.includeMax) {
    const max = maxIdleSockets(server.fdLimit, config.connections.active);
    if (max > steps[steps.length - 1]!) steps.push(max);
  }
  const tokens = await visitorTokens(ctx, steps[steps.length - 1]!);

  type Round = { visitor: Array<{ n: number; m: ServerMemory }>; bare: Array<{ n: number; m: ServerMemory }>; base: Record<string, ServerMemory>; rate: number };
  const rounds: Round[] = [];
  let push: ConnectionsFigure['push'] = null;
  const pushRounds: number[][] = [];

  for (let r = 0; r < config.rounds; r++) {
    const round: Round = { visitor: [], bare: [], base: {}, rate: 0 };
    for (const kind of ['bare', 'visitor'] as const) {
      round.base[kind] = await settledMemory(ctx, 0);
      let open = 0;
      let connectMs = 0;
      for (const target of steps) {
        const t = performance.now();
        if (kind === 'visitor') open += await openIdleVisitors(ctx, target - open, rotateFrom(tokens, open));
        else open += await openBare(ctx, target - open);
        connectMs += performance.now() - t;
        round[kind].push({ n: open, m: await settledMemory(ctx, open) });
        ctx.log(`connections round ${r + 1}: ${open} ${kind} sockets, rss ${(round[kind].at(-1)!.m.rss / 2 ** 20).toFixed(0)} MiB`);
      }
      if (kind === 'visitor') {
        round.rate = open / (connectMs / 1000);
        // Push latency at the largest count, with the active sockets echoing beside it.
        const activeWorker = ctx.sockets[0]!;
        await activeWorker.call('active.start', {
          url: server.url,
          count: config.connections.active,
          intervalMs: 1000,
          localAddresses: ctx.localAddresses,
          concurrency: 50,
        });
        await sleep(1000);
        await activeWorker.call('active.reset', null);
        const probe = await runProbe(ctx, config.submit.rate, config.connections.pushSeconds);
        pushRounds.push(probe.submitToOffer);
        const echo = await activeWorker.call('active.stop', null);
        push = { idleSockets: open, activeSockets: config.connections.active, submitToOffer: latencyRounds(pushRounds), activeEcho: echo };
        ctx.log(`connections round ${r + 1}: push p99 ${latency(probe.submitToOffer).p99.toFixed(2)} ms with ${open} idle + ${config.connections.active} active`);
      }
      await closeIdle(ctx);
      await waitForClients(ctx, 0);
    }
    rounds.push(round);
  }

  const perSocket = (kind: 'visitor' | 'bare') =>
    steps.map((_, i) => {
      const at = (r: Round) => r[kind][i]!;
      const per = (field: (m: ServerMemory) => number) => spreadOf(rounds, (r) => (field(at(r).m) - field(r.base[kind]!)) / at(r).n);
      return {
        sockets: rounds[0]![kind][i]!.n,
        rssPerSocket: per((m) => m.rss),
        heapPerSocket: per((m) => m.heapUsed),
        externalPerSocket: per((m) => m.external + m.arrayBuffers),
      };
    });
  const visitor = perSocket('visitor');
  return {
    fdLimit: server.fdLimit,
    steps,
    visitor,
    bare: perSocket('bare'),
    connectRatePerSecond: spreadOf(rounds, (r) => r.rate),
    distinctLeads: tokens.length,
    push,
    goals: { bytesPerIdleSocket: visitor[visitor.length - 1]!.rssPerSocket.median < CONNECTION_GOALS.bytesPerIdleSocket },
  };
}

/** One lead per visitor socket: the idle leads figure 1 made, plus more as needed. */
async function visitorTokens(ctx: BenchContext, count: number): Promise<string[]> {
  const tokens = [...(ctx.shared.idleTokens ?? [])];
  if (tokens.length < count) {
    const siteKey = ctx.shared.idleSiteKey ?? (await ctx.server.seed({ name: 'Bench idle visitors', reps: 0 })).siteKey;
    ctx.log(`connections: creating ${count - tokens.length} more idle visitors' leads`);
    const shares = split(count - tokens.length, ctx.sockets.length);
    const made = await Promise.all(
      ctx.sockets.map((w, i) => w.call('callbacks.create', { url: ctx.server.url, siteKey, count: shares[i]!, concurrency: 8 })),
    );
    for (const m of made) tokens.push(...m.tokens);
  }
  return tokens.slice(0, count);
}

function rotateFrom<T>(list: T[], from: number): T[] {
  return [...list.slice(from), ...list.slice(0, from)];
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
async function settledMemory(ctx: BenchContext, minClients: number): Promise<ServerMemory> {
  await waitForClients(ctx, minClients);
  await sleep(500);
  return ctx.server.memory();
}

/** Waits until the server's engine has `n` clients beyond the reps (closes are asynchronous). */
async function waitForClients(ctx: BenchContext, n: number) {
  const reps = ctx.config.submit.reps;
  let seen: number | null = null;
  for (let i = 0; i < 100; i++) {
    seen = (await ctx.server.cpu()).engineClients;
    if (seen === null || Math.abs(seen - reps - n) <= n * 0.001) return;
    await sleep(100);
  }
  ctx.log(`connections: expected ${reps + n} connected clients, the server has ${seen}`);
}
