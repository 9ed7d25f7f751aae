// `npm run bench:cluster`: the benchmark's submit-to-rep figure on one SQLite process and on a
// three-process cluster (PostgreSQL + Redis) in the same run, with the same probe: callbacks
// POSTed to process A at a fixed rate, reps connected to B and C, each sample timed from the
// callback's due time to `offer:new` at the rep's socket. Writes test/bench/cluster-results.json
// and the cluster block of docs/benchmarks.md. Needs PostgreSQL and Redis (scripts/cluster-services.sh).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { BenchWorker } from './fleet';
import { REPO_ROOT } from './harness';
import { clusterBlock, withClusterBlock, wrapClusterBlock } from './cluster-section';
import { fileLimits } from './machine';
import { BENCH_LIMITS_OFF, startBenchServer, type BenchServer } from './server-process';
import { latency, spreadOf, type Spread } from './stats';

const DATABASE_URL = process.env.SIXTY_BENCH_DATABASE_URL ?? 'postgres://sixty:sixty@127.0.0.1:5432/sixty';
const REDIS_URL = process.env.SIXTY_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const tiny = process.argv.includes('--tiny');
const RUN = tiny ? { rate: 10, seconds: 1, warmupSeconds: 0, rounds: 1, reps: 4 } : { rate: 20, seconds: 15, warmupSeconds: 3, rounds: 3, reps: 10 };
const RESULTS = join(REPO_ROOT, 'test/bench/cluster-results.json');
const DOC = join(REPO_ROOT, 'docs/benchmarks.md');
const log = (m: string) => process.stderr.write(`[bench:cluster] ${m}\n`);

interface Setup {
  name: string;
  p50: Spread;
  p99: Spread;
  samples: number;
  missing: number;
  /** The bare socket.io echo on the process the callbacks went to, same rounds. */
  echoP50: Spread;
  /** The callback's own HTTP response (the visitor's side), for context. */
  httpP50: Spread;
}

async function measure(name: string, submitTo: BenchServer, repsOn: BenchServer[], probe: BenchWorker): Promise<Setup> {
  const site = await submitTo.seed({ name: `Cluster bench ${name}`, reps: RUN.reps });
  // Reps spread over the given processes: an offer made on A reaches a rep connected elsewhere.
  const share = Math.ceil(site.reps.length / repsOn.length);
  for (let i = 0; i < repsOn.length; i++) {
    await probe.call('reps.open', { url: repsOn[i]!.url, reps: site.reps.slice(i * share, (i + 1) * share), logOutcome: true });
  }
  const run = (seconds: number) => probe.call('probe.run', { url: submitTo.url, siteKey: site.siteKey, rate: RUN.rate, seconds, settleMs: 5000 });
  if (RUN.warmupSeconds) await run(RUN.warmupSeconds);
  const rounds = [];
  for (let r = 0; r < RUN.rounds; r++) {
    const round = await run(RUN.seconds);
    const s = latency(round.submitToOffer);
    log(
      `${name} round ${r + 1}: p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms (${s.n} samples, ${round.missing} missing), HTTP p50 ${latency(round.http).p50.toFixed(2)} ms`,
    );
    rounds.push(round);
  }
  await probe.call('reps.close', null);
  return {
    name,
    p50: spreadOf(rounds, (r) => latency(r.submitToOffer).p50),
    p99: spreadOf(rounds, (r) => latency(r.submitToOffer).p99),
    samples: rounds.reduce((n, r) => n + r.submitToOffer.length, 0),
    missing: rounds.reduce((n, r) => n + r.missing, 0),
    echoP50: spreadOf(rounds, (r) => latency(r.echo).p50),
    httpP50: spreadOf(rounds, (r) => latency(r.http).p50),
  };
}

/**
 * The server settings that decide what a commit waits for: scripts/cluster-services.sh turns them
 * off for the test suite, production keeps them on, so the report says which the figure had.
 */
const DURABILITY = ['fsync', 'synchronous_commit'] as const;

async function withDatabase<T>(run: (url: string, durability: string) => Promise<T>): Promise<T> {
  const name = `sixty_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  const settings = await admin.query<{ name: string; setting: string }>('select name, setting from pg_settings where name = any($1) order by name', [
    DURABILITY,
  ]);
  const durability = settings.rows.map((r) => `\`${r.name}=${r.setting}\``).join(', ');
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(DATABASE_URL);
    url.pathname = `/${name}`;
    return await run(url.toString(), durability);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

const fmt = (s: Spread) => `${s.median.toFixed(1)} ms (${s.min.toFixed(1)}–${s.max.toFixed(1)})`;
const ratio = (a: Spread, b: Spread) => (a.median / b.median).toFixed(2);

function render(single: Setup, cluster: Setup, at: string, load: number[], durability: string): string {
  return wrapClusterBlock(`
## Cluster: submit to rep screen on PostgreSQL + Redis

\`npm run bench:cluster\` on ${at} (load average at start ${load.map((l) => l.toFixed(2)).join(', ')}). The same probe
as figure 1, at ${RUN.rate} callbacks/s for ${RUN.rounds} × ${RUN.seconds} s after ${RUN.warmupSeconds} s of warm-up, ${RUN.reps} reps logging an
outcome after each accept, no background load. **Single process**: one Sixty process on its
SQLite file, reps and callbacks on it. **Cluster**: three Sixty processes sharing one PostgreSQL
database and one Redis (socket.io Redis streams adapter); callbacks are POSTed to process A, the
reps are connected to B and C, so every offer crosses processes through Redis. All on this one
2-core machine, so the cluster's three processes, PostgreSQL and Redis share the same two cores.
PostgreSQL ran with ${durability} (production keeps both on).

| Setup | Submit to rep screen p50 | p99 | Samples (missing) | Callback HTTP response p50 | Bare echo p50 on the submit process |
| --- | --- | --- | --- | --- | --- |
| Single process (SQLite) | ${fmt(single.p50)} | ${fmt(single.p99)} | ${single.samples} (${single.missing}) | ${fmt(single.httpP50)} | ${fmt(single.echoP50)} |
| Cluster of 3 (PostgreSQL + Redis) | ${fmt(cluster.p50)} | ${fmt(cluster.p99)} | ${cluster.samples} (${cluster.missing}) | ${fmt(cluster.httpP50)} | ${fmt(cluster.echoP50)} |
| **Ratio cluster / single** | **${ratio(cluster.p50, single.p50)}×** | **${ratio(cluster.p99, single.p99)}×** | | | |
`);
}

async function main() {
  const { hard } = fileLimits();
  const distDir = join(REPO_ROOT, 'dist');
  if (!existsSync(join(distDir, 'widget/sixty.js'))) throw new Error('dist is missing: run npm run build first');
  const load = (await import('node:os')).loadavg();
  const started = new Date().toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
  const probe = await BenchWorker.start('cluster-probe');
  try {
    log('single process (SQLite)');
    const one = await startBenchServer({ repoRoot: REPO_ROOT, fdLimit: hard, distDir });
    const single = await measure('single', one, [one], probe).finally(() => one.stop());

    let durability = '';
    const cluster = await withDatabase(async (databaseUrl, settings) => {
      durability = settings;
      // One prefix per run: the three processes share it, nothing else on the Redis does.
      const prefix = `bench-${randomBytes(3).toString('hex')}`;
      const env = (node: string) => ({
        ...BENCH_LIMITS_OFF,
        SIXTY_DATABASE_URL: databaseUrl,
        SIXTY_REDIS_URL: REDIS_URL,
        SIXTY_REDIS_PREFIX: prefix,
        SIXTY_NODE_ID: node,
      });
      log('cluster of three (PostgreSQL + Redis)');
      const nodes: BenchServer[] = [];
      try {
        for (const node of ['a', 'b', 'c']) nodes.push(await startBenchServer({ repoRoot: REPO_ROOT, fdLimit: hard, distDir, env: env(node) }));
        return await measure('cluster', nodes[0]!, [nodes[1]!, nodes[2]!], probe);
      } finally {
        await Promise.all(nodes.map((n) => n.stop()));
      }
    });

    const results = {
      at: started,
      loadAverage: load,
      postgres: durability,
      run: RUN,
      single,
      cluster,
      ratioP50: cluster.p50.median / single.p50.median,
      ratioP99: cluster.p99.median / single.p99.median,
    };
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    if (!tiny) {
      writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
      const doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n';
      writeFileSync(DOC, withClusterBlock(doc, render(single, cluster, started, load, durability)));
      log(`wrote ${RESULTS} and the cluster block of docs/benchmarks.md${clusterBlock(doc) ? ' (replaced)' : ''}`);
    }
  } finally {
    await probe.stop();
  }
}

await main();
