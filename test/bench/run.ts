// `npm run bench`: the full benchmark; writes test/bench/results.json and docs/benchmarks.md and
// prints the summary table. Options: --tiny (the harness test's sizes), --only=ingest,submit,...
// (a partial run: results go to a temp file only; `--only=reports` runs figure 7 alone; `--only=voice`
// alone writes test/bench/voice-results.json and figure 8's block of docs/benchmarks.md),
// --report-calls=<name>,... (figure 7: only those REPORT_CALLS), --no-write, --render (rewrite the doc from
// the last results.json, e.g. after editing next-steps.md; measures nothing).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterBlock, docBlock, withClusterBlock, withDocBlock } from './cluster-section';
import { FULL, TINY } from './config';
import { REPO_ROOT, runBench } from './harness';
import { fileLimits } from './machine';
import { renderDoc } from './report-doc';
import { renderVoiceBlock } from './report-voice';
import { renderSummary } from './report-summary';
import { FIGURES, type BenchResults, type FigureName } from './results';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const RESULTS = join(REPO_ROOT, 'test/bench/results.json');
/** Figure 8's own results, from `--only=voice` (a full run keeps it in results.json too). */
const VOICE_RESULTS = join(REPO_ROOT, 'test/bench/voice-results.json');
const DOC = join(REPO_ROOT, 'docs/benchmarks.md');

/**
 * The rendered doc with its own-block figures: the cluster figure (`npm run bench:cluster`) kept
 * as it is, and figure 8 from these results, else kept as the doc has it.
 */
function fullDoc(results: BenchResults): string {
  const old = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
  const voice = renderVoiceBlock(results) ?? docBlock(old, 'voice-bench');
  return withClusterBlock(withDocBlock(renderDoc(results), 'voice-bench', voice), clusterBlock(old));
}

if (flag('render')) {
  const results = JSON.parse(readFileSync(RESULTS, 'utf8')) as BenchResults;
  writeFileSync(DOC, fullDoc(results));
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
// `--only=voice` alone writes figure 8's block of the doc and its own results file, nothing else.
const writeVoice = config.writeReport && only?.length === 1 && only[0] === 'voice' && !flag('no-write');
const profileDir = join(REPO_ROOT, 'test/bench/profiles');

const results = await runBench(config, { only, profileDir: config.profileMisses ? profileDir : null, reportCalls });
process.stdout.write(`\n${renderSummary(results)}\n`);
if (write) {
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  mkdirSync(join(REPO_ROOT, 'docs'), { recursive: true });
  writeFileSync(DOC, fullDoc(results));
  process.stderr.write('[bench] wrote test/bench/results.json and docs/benchmarks.md\n');
} else if (writeVoice && results.figures.voice) {
  writeFileSync(VOICE_RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(DOC, withDocBlock(readFileSync(DOC, 'utf8'), 'voice-bench', renderVoiceBlock(results)));
  process.stderr.write('[bench] wrote test/bench/voice-results.json and the figure 8 block of docs/benchmarks.md\n');
} else {
  const out = join(tmpdir(), 'sixty-bench-results.partial.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stderr.write(`[bench] partial run: wrote ${out} only\n`);
}
process.exit(Object.keys(results.errors).length ? 1 : 0);
