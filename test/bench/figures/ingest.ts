// Figure 2: behaviour events per second through POST /v1/events, one event per request and ten,
// each beside a bare Hono endpoint on the same server parsing the same body (parse JSON, 204, no storage).
import { profiled, type BenchContext, type ProfileResult } from '../context';
import { EVENT_HEADERS, eventsBody } from '../bench-data';
import type { IngestKind } from '../workers/http-load';
import { spreadOf, type Spread } from '../stats';

export const INGEST_GOALS = { singleToBare: 0.8, batchToBare: 0.7 };
export const BATCH_SIZE = 10;

export interface IngestFigure {
  connections: number;
  secondsPerRound: number;
  /** serverCpuUs: the server's CPU time (user + system) per request, robust to a shared machine. */
  bare: { rps: Spread; p99Ms: Spread; serverCpuUs: Spread };
  single: { rps: Spread; p99Ms: Spread; serverCpuUs: Spread };
  /** The bare endpoint given the same batches as `batch`. */
  bareBatch: { rps: Spread; eventsPerSecond: Spread; p99Ms: Spread; serverCpuUs: Spread };
  batch: { rps: Spread; eventsPerSecond: Spread; p99Ms: Spread; serverCpuUs: Spread };
  /** Single-event requests per second over the bare endpoint's, per round. */
  singleToBare: Spread;
  /** Batched events per second over the bare endpoint's with the same batches, per round. */
  batchToBare: Spread;
  failedRequests: number;
  goals: { singleToBare: boolean; batchToBare: boolean };
  profiles: ProfileResult[];
}

export async function measureIngest(ctx: BenchContext): Promise<IngestFigure> {
  const { config, server, load, eventsSite } = ctx;
  await checkAccepted(server.url, eventsSite.siteKey);
  const run = async (kind: IngestKind, seconds: number) => {
    const before = await server.cpu();
    const result = await load.call('http.run', {
      url: server.url,
      kind,
      siteKey: eventsSite.siteKey,
      connections: config.ingest.connections,
      seconds,
      visitors: config.ingest.visitors,
      batchSize: BATCH_SIZE,
    });
    const after = await server.cpu();
    const cpuUs = after.userUs + after.systemUs - before.userUs - before.systemUs;
    return { ...result, serverCpuUsPerRequest: cpuUs / (result.rps * result.seconds) };
  };
  type Run = Awaited<ReturnType<typeof run>>;

  if (config.ingest.warmupSeconds > 0) {
    ctx.log('ingest: warm-up');
    for (const kind of KINDS) await run(kind, config.ingest.warmupSeconds);
  }

  const rounds: Array<Record<IngestKind, Run>> = [];
  for (let r = 0; r < config.rounds; r++) {
    const round = {} as Record<IngestKind, Run>;
    for (const kind of KINDS) round[kind] = await run(kind, config.ingest.seconds);
    ctx.log(
      `ingest round ${r + 1}: bare ${round.bare.rps.toFixed(0)} req/s, single ${round.single.rps.toFixed(0)} req/s, ` +
        `bare batch ${round.bareBatch.eventsPerSecond.toFixed(0)} events/s, batch ${round.batch.eventsPerSecond.toFixed(0)} events/s`,
    );
    rounds.push(round);
  }

  const singleToBare = spreadOf(rounds, (r) => r.single.rps / r.bare.rps);
  const batchToBare = spreadOf(rounds, (r) => r.batch.eventsPerSecond / r.bareBatch.eventsPerSecond);
  const goals = {
    singleToBare: singleToBare.median >= INGEST_GOALS.singleToBare,
    batchToBare: batchToBare.median >= INGEST_GOALS.batchToBare,
  };
  const profiles: ProfileResult[] = [];
  if (config.profileMisses && !goals.singleToBare) profiles.push(await profiled(ctx, 'ingest-single', () => run('single', config.ingest.seconds)));
  if (config.profileMisses && !goals.batchToBare) profiles.push(await profiled(ctx, 'ingest-batch', () => run('batch', config.ingest.seconds)));

  return {
    connections: config.ingest.connections,
    secondsPerRound: config.ingest.seconds,
    bare: {
      rps: spreadOf(rounds, (r) => r.bare.rps),
      p99Ms: spreadOf(rounds, (r) => r.bare.latency.p99),
      serverCpuUs: spreadOf(rounds, (r) => r.bare.serverCpuUsPerRequest),
    },
    single: {
      rps: spreadOf(rounds, (r) => r.single.rps),
      p99Ms: spreadOf(rounds, (r) => r.single.latency.p99),
      serverCpuUs: spreadOf(rounds, (r) => r.single.serverCpuUsPerRequest),
    },
    bareBatch: batchVariant(rounds.map((r) => r.bareBatch)),
    batch: batchVariant(rounds.map((r) => r.batch)),
    singleToBare,
    batchToBare,
    failedRequests: rounds.reduce((n, r) => n + Object.values(r).reduce((m, x) => m + x.non2xx + x.errors + x.timeouts, 0), 0),
    goals,
    profiles,
  };
}

/** Interleaved within each round, so a change in the machine's load touches every variant alike. */
const KINDS = ['bare', 'single', 'bareBatch', 'batch'] as const;

function batchVariant(runs: Array<{ rps: number; eventsPerSecond: number; latency: { p99: number }; serverCpuUsPerRequest: number }>) {
  return {
    rps: spreadOf(runs, (r) => r.rps),
    eventsPerSecond: spreadOf(runs, (r) => r.eventsPerSecond),
    p99Ms: spreadOf(runs, (r) => r.latency.p99),
    serverCpuUs: spreadOf(runs, (r) => r.serverCpuUsPerRequest),
  };
}

/** The load is only worth measuring if the events are kept: one request of each size first. */
async function checkAccepted(url: string, siteKey: string) {
  for (const count of [1, BATCH_SIZE]) {
    const res = await fetch(`${url}/v1/events`, { method: 'POST', headers: EVENT_HEADERS, body: eventsBody(siteKey, 999_999, 0, count, Date.now()) });
    const body = (await res.json()) as { accepted?: number };
    if (res.status !== 200 || body.accepted !== count) {
      throw new Error(`ingest check: ${count} event(s) gave ${res.status} ${JSON.stringify(body)}; is the bench site's bot filter off?`);
    }
  }
}
