// `npm run bench`: the full benchmark; writes test/bench/results.json and docs/benchmarks.md and
// prints the summary table. Options: --tiny (the harness test's sizes), --only=ingest,submit,...
// (a partial run: results go to a temp file only; `--only=reports` runs figure 7 alone),
// --report-calls=<name>,... (figure 7: only those REPORT_CALLS), --no-write, --render (rewrite the doc from
// the last results.json, e.g. after editing next-steps.md; measures nothing).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterBlock, withClusterBlock } from './cluster-section';
import { FULL, TINY } from './config';
import { REPO_ROOT, runBench } from './harness';
import { fileLimits } from './machine';
import { renderDoc } from './report-doc';
import { renderSummary } from './report-summary';
import { FIGURES, type BenchResults, type FigureName } from './results';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const RESULTS = join(REPO_ROOT, 'test/bench/results.json');
const DOC = join(REPO_ROOT, 'docs/benchmarks.md');

/** The cluster figure (`npm run bench:cluster`) is kept when this run rewrites the doc. */
function existingClusterBlock(): string | null {
  return existsSync(DOC) ? clusterBlock(readFileSync(DOC, 'utf8')) : null;
}

if (flag('render')) {
  const results = JSON.parse(readFileSync(RESULTS, 'utf8')) as BenchResults;
  writeFileSync(DOC, withClusterBlock(renderDoc(results), existingClusterBlock()));
  process.stdout.write(`${renderSummary(results)}\nrewrote docs/benchmarks.md from test/bench/results.json\n`);
  process.exit(0);
}

// Thousands of client sockets need descriptors: raise the soft limit to the hard one and run
// again (the load generators inherit it from this process).
const { soft, hard } = fileLimits();
if (soft < hard && !process.env.SIXTY_BENCH_RAISED) {
  const limit = Number.isFinite(hard) ? String(hard) : 'unlimited';
  const r = spawnSync('sh', ['-c', `ulimit -n ${limit} && exec "$0" "$@"`, process.execPath, ...process.execArgv, process.argv[1]!, ...args], {
    stdio: 'inherit',
    env: { ...process.env, SIXTY_BENCH_RAISED: '1' },
  });
  process.exit(r.status ?? 1);
}

const only = value('only')?.split(',') as FigureName[] | undefined;
const unknown = only?.filter((f) => !(FIGURES as readonly string[]).includes(f));
if (unknown?.length) {
  process.stderr.write(`unknown figure(s): ${unknown.join(', ')}; pick from ${FIGURES.join(', ')}\n`);
  process.exit(2);
}
const config = flag('tiny') ? TINY : FULL;
const reportCalls = value('report-calls')?.split(',');
const write = config.writeReport && !only && !reportCalls && !flag('no-write');
const profileDir = join(REPO_ROOT, 'test/bench/profiles');

const results = await runBench(config, { only, profileDir: config.profileMisses ? profileDir : null, reportCalls });
process.stdout.write(`\n${renderSummary(results)}\n`);
if (write) {
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  mkdirSync(join(REPO_ROOT, 'docs'), { recursive: true });
  writeFileSync(DOC, withClusterBlock(renderDoc(results), existingClusterBlock()));
  process.stderr.write('[bench] wrote test/bench/results.json and docs/benchmarks.md\n');
} else {
  const out = join(tmpdir(), 'sixty-bench-results.partial.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stderr.write(`[bench] partial run: wrote ${out} only\n`);
}
process.exit(Object.keys(results.errors).length ? 1 : 0);
