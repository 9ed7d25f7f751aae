// Runs the benchmark: real server processes, load generators in their own processes, seven
// figures, each over repeated rounds beside a bare baseline measured in the same run.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser/chromium';
import type { BenchConfig } from './config';
import type { BenchContext } from './context';
import { BenchWorker, startWorkers } from './fleet';
import { measureConnections } from './figures/connections';
import { measureIngest } from './figures/ingest';
import { measureReports } from './figures/reports';
import { measureScoring } from './figures/scoring';
import { closeIdle, measureSubmit } from './figures/submit';
import { measureVoice } from './figures/voice';
import { measureVolume } from './figures/volume';
import { measureWidget } from './figures/widget';
import { fileLimits, machineInfo } from './machine';
import { FIGURES, type BenchResults, type FigureName } from './results';
import { BENCH_LIMITS_OFF, startBenchServer } from './server-process';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunOptions {
  /** Figures to run (default: all). */
  only?: readonly FigureName[];
  /** Folder for `.cpuprofile` files of goals not met (null: summaries only). */
  profileDir?: string | null;
  log?: (message: string) => void;
  /** Figure 7: only these report calls (names in figures/reports.ts REPORT_CALLS). */
  reportCalls?: readonly string[];
}

export async function runBench(config: BenchConfig, opts: RunOptions = {}): Promise<BenchResults> {
  const started = performance.now();
  const stamp = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s`;
  const log = opts.log ?? ((m: string) => process.stderr.write(`[bench ${stamp()}] ${m}\n`));
  const only = new Set(opts.only ?? FIGURES);
  ensureBuilt(log);
  if (opts.profileDir) mkdirSync(opts.profileDir, { recursive: true });

  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    config,
    machine: await machineInfo(),
    commit: commitOf(),
    durationSeconds: 0,
    protections: { site: null, env: BENCH_LIMITS_OFF },
    localAddresses: [],
    figures: {},
    errors: {},
  };

  const step: Step = async (name, run) => {
    if (!only.has(name)) return;
    const t = performance.now();
    log(`${name}: start`);
    try {
      results.figures[name] = (await run()) as never;
    } catch (err) {
      results.errors[name] = err instanceof Error ? (err.stack ?? err.message) : String(err);
      log(`${name}: FAILED ${results.errors[name]}`);
    }
    log(`${name}: done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };

  // The run serves and measures its own copy of the build, so a rebuild by someone else on the
  // same checkout cannot change the files halfway through.
  const distCopy = mkdtempSync(join(tmpdir(), 'sixty-bench-dist-'));
  cpSync(join(REPO_ROOT, 'dist'), distCopy, { recursive: true });
  const { hard } = fileLimits();
  try {
    // Figures 1-6 share one server and the load generators; figures 7 and 8 bring their own servers.
    if (FIGURES.some((f) => f !== 'reports' && f !== 'voice' && only.has(f)))
      await runServerFigures(config, opts, { results, log, step, distCopy, fdLimit: hard });
    await step('reports', () => measureReports(config, { repoRoot: REPO_ROOT, distDir: distCopy, fdLimit: hard, log, calls: opts.reportCalls }));
    // Figure 8 brings its own server (the demo workspace, browser calls on) and browser (fake audio devices).
    await step('voice', () => measureVoice(config, { distDir: distCopy, log }));
  } finally {
    rmSync(distCopy, { recursive: true, force: true });
  }
  results.durationSeconds = Math.round((performance.now() - started) / 100) / 10;
  return results;
}

type Step = <K extends FigureName>(name: K, run: () => Promise<NonNullable<BenchResults['figures'][K]>>) => Promise<void>;

/** Figures 1-6: one real server process, load generators in their own processes. */
async function runServerFigures(
  config: BenchConfig,
  opts: RunOptions,
  { results, log, step, distCopy, fdLimit }: { results: BenchResults; log: (m: string) => void; step: Step; distCopy: string; fdLimit: number },
) {
  const only = new Set(opts.only ?? FIGURES);
  const server = await startBenchServer({ repoRoot: REPO_ROOT, fdLimit, distDir: distCopy });
  const workers: BenchWorker[] = [];
  let browser: Browser | null = null;
  try {
    const [load, probe, ...sockets] = await startWorkers('gen', 2 + config.connections.workers);
    workers.push(load!, probe!, ...sockets);
    const eventsSite = await server.seed({ name: 'Bench events', reps: 0 });
    results.protections.site = eventsSite.protections;
    const localAddresses = await usableLocalAddresses(server.url);
    results.localAddresses = localAddresses;
    const memory = await server.memory();
    if (!memory.benchNamespace) log('warning: the /bench socket namespace is missing; socket baselines will fail');
    const ctx: BenchContext = {
      config,
      server,
      load: load!,
      probe: probe!,
      sockets,
      eventsSite,
      distDir: distCopy,
      profileDir: opts.profileDir ?? null,
      localAddresses,
      log,
      shared: {},
    };

    // Ingest first: figure 1 runs background ingest at half of its measured maximum.
    await step('ingest', async () => {
      const f = await measureIngest(ctx);
      ctx.shared.maxSingleRps = f.single.rps.median;
      return f;
    });
    await step('submit', () => measureSubmit(ctx));
    await closeIdle(ctx);
    await step('connections', () => measureConnections(ctx));
    await step('volume', () => measureVolume(ctx));
    await probe!.call('reps.close', null);
    if (only.has('scoring') || only.has('widget')) browser = await launchChromium();
    await step('scoring', () => measureScoring(ctx, browser!));
    await step('widget', () => measureWidget(ctx, browser!));
  } finally {
    await browser?.close();
    await Promise.all(workers.map((w) => w.stop()));
    await server.stop();
  }
}

/** The bench measures the production build: build it when dist is missing. */
function ensureBuilt(log: (m: string) => void) {
  const needed = ['dist/widget/sixty.js', 'dist/widget/sixty-panel.js', 'dist/widget/sixty-live.js', 'dist/console/index.html'];
  if (needed.every((f) => existsSync(join(REPO_ROOT, f)))) return;
  log('dist is missing: npm run build');
  const r = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

function commitOf(): BenchResults['commit'] {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim().length > 0;
    return { sha, dirty };
  } catch {
    return null;
  }
}

/** 127.0.0.2-9 where this system lets a client bind them (Linux does), else 127.0.0.1 only. */
async function usableLocalAddresses(serverUrl: string): Promise<string[]> {
  const port = Number(new URL(serverUrl).port);
  const candidates = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 2}`);
  const ok = await Promise.all(
    candidates.map(
      (localAddress) =>
        new Promise<boolean>((resolve) => {
          const s = connect({ host: '127.0.0.1', port, localAddress }, () => {
            s.destroy();
            resolve(true);
          });
          s.once('error', () => resolve(false));
        }),
    ),
  );
  const usable = candidates.filter((_, i) => ok[i]);
  return usable.length ? usable : ['127.0.0.1'];
}
