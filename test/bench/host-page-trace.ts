// Where the snippet's main-thread time goes on a host page (issue 24, target 1): the bench's
// host pages (figure 5), loaded with and without the snippet in Chromium, each load traced (CDP
// Tracing: the renderer's main thread, by phase) and profiled (CDP Profiler: our functions, mapped
// back to widget/ sources through hidden source maps of the same build). Prints a markdown summary.
//
//   node --import tsx test/bench/host-page-trace.ts [--loads=5] [--throttled-loads=3] [--snippet=with|with-generic] [--out=file.md]
//
// Times are the main thread's thread (CPU) time, so that other work on a shared machine counts
// less; figure 5 reads wall time (CDP TaskDuration), also shown. Figures are medians over the
// pairs of the "with" load minus the "without" load next to it, both over the same window as
// figure 5. Builds nothing into dist/: it serves a temporary copy of dist/ whose widget files are
// rebuilt, byte for byte the same code, with their maps beside.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Browser, CDPSession } from 'playwright-core';
import { build } from 'vite';
import { widgetConfig, widgetEntries } from '../../vite.config';
import { launchChromium } from './browser/chromium';
import { CPU_SLOWDOWN, OBSERVE, readBench, serveHostPages, settle, SLOW_3G } from './figures/widget';
import { REPO_ROOT } from './harness';
import { fileLimits } from './machine';
import { startBenchServer } from './server-process';

const args = process.argv.slice(2);
const value = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const LOADS = Number(value('loads') ?? 5);
const THROTTLED_LOADS = Number(value('throttled-loads') ?? 3);
const OUT = value('out');
/** The host pages with a snippet (test/bench/figures/widget.ts), measured side by side. */
const SNIPPETS: Record<string, string> = {
  with: "Per-site loader `/s/KEY.js` (the console's snippet)",
  'with-generic': 'Generic loader `/sixty.js` with `data-site`',
};
/** `--snippet=with` or `--snippet=with-generic`: only that one (default: both, interleaved). */
const SNIPPET = value('snippet');

/** Trace categories: tasks, the DevTools timeline (style, layout, paint, parse), V8's compile and run. */
const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'loading', 'blink', '__metadata'];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: what the event cost the main thread, whatever else ran on the machine. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown>; beginData?: { url?: string; stackTrace?: Array<{ url: string }> } };
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface CpuProfile {
  /** µs, on the trace's clock. */
  startTime: number;
  nodes: Array<{ id: number; callFrame: CallFrame; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

/** One load's figures. */
interface Load {
  /** Sum of the main thread's top-level tasks, thread (CPU) time, ms. */
  taskMs: number;
  /** The same in wall time (CDP's TaskDuration, figure 5's measure), ms. */
  wallMs: number;
  /** Self time by phase, ms. */
  phases: Map<string, number>;
  /** Self time by trace event name, ms: what the phases are made of. */
  names: Map<string, number>;
  /** Self time of our own functions (profiler samples), by `source:function`, ms. */
  functions: Map<string, number>;
  /** Layouts and style recalculations forced synchronously by our scripts. */
  forcedByUs: number;
  /** Wall durations of the main-thread tasks in which our code ran (a profiler sample in them). */
  ourTasks: number[];
  longTasks: number[];
  cls: number;
  launcherMs: number | null;
}

/** Our scripts: the generic loader and its bundles (`/sixty-*.js`), the per-site loader (`/s/KEY.js`). */
const OURS = /\/(sixty(-[a-z]+)?\.js|s\/[\w-]+\.js)$/;
/** The widget file a script URL of ours was built as (the per-site loader: its template). */
const ourFile = (url: string) => {
  const file = OURS.exec(url.split('?')[0]!)?.[1];
  return file && file.startsWith('s/') ? 'site-loader.js' : file;
};

/** Which phase a trace event's self time belongs to; `url` is the script it runs or compiles, if any. */
function phaseOf(e: TraceEvent): string {
  const url = String(e.args?.data?.url ?? e.args?.beginData?.url ?? '');
  const ours = ourFile(url);
  const n = e.name;
  if (/compile|parse(?!HTML|AuthorStyleSheet)|Deserialize|CacheScript/i.test(n)) return ours ? `parse/compile ${ours}` : 'parse/compile (page)';
  if (
    /^(EvaluateScript|FunctionCall|V8\.Execute|v8\.run|v8\.callFunction|RunMicrotasks|TimerFire|EventDispatch|FireAnimationFrame|FireIdleCallback|XHRReadyStateChange|XHRLoad)$/.test(
      n,
    )
  )
    return ours ? `script ${ours}` : 'script (other: promise callbacks, observers)';
  if (/GC|Scavenge|MarkCompact|Sweep/.test(n)) return 'garbage collection';
  if (/Font/i.test(n)) return 'fonts';
  if (/UpdateLayoutTree|RecalculateStyles|ScheduleStyleRecalculation|ParseAuthorStyleSheet|InvalidateLayout|StyleInvalidator/.test(n)) return 'style';
  if (/^Layout$|UpdateLayer|IntersectionObserver|HitTest/.test(n)) return 'layout';
  if (/Paint|Layerize|Commit|Composite|Raster|Decode/.test(n)) return 'paint/composite';
  if (n === 'ParseHTML') return 'HTML parse';
  if (/Resource|Loader|Network|Navigation/i.test(n)) return 'loading (network callbacks)';
  return 'other (task overhead)';
}

/** The renderer main thread of the host page: the CrRendererMain that parsed its HTML. */
function mainThread(events: TraceEvent[], path: string): { pid: number; tid: number } | null {
  const parse = events.find((e) => e.name === 'ParseHTML' && String(e.args?.beginData?.url ?? '').endsWith(path));
  return parse ? { pid: parse.pid, tid: parse.tid } : null;
}

/** An event's thread time in µs (its wall time where the trace has none). */
const cpu = (e: TraceEvent) => e.tdur ?? e.dur!;

/**
 * Self times of nested complete events on one thread, by phase, and the top-level tasks' total:
 * in thread (CPU) time, so that other work on a shared machine does not count; wall time too.
 */
function summariseTrace(events: TraceEvent[], path: string, ourSamples: number[]) {
  const thread = mainThread(events, path);
  const phases = new Map<string, number>();
  const names = new Map<string, number>();
  let taskMs = 0;
  let wallMs = 0;
  let forcedByUs = 0;
  const ourTasks: number[] = [];
  if (!thread) return { phases, names, taskMs, wallMs, forcedByUs, ourTasks };
  const slices = events
    .filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const stack: Array<{ e: TraceEvent; end: number; childUs: number }> = [];
  const close = (upTo: number) => {
    while (stack.length && stack.at(-1)!.end <= upTo) {
      const top = stack.pop()!;
      const self = Math.max(0, cpu(top.e) - top.childUs) / 1000;
      const phase = phaseOf(top.e);
      phases.set(phase, (phases.get(phase) ?? 0) + self);
      names.set(top.e.name, (names.get(top.e.name) ?? 0) + self);
    }
  };
  for (const e of slices) {
    close(e.ts);
    if (stack.length) stack.at(-1)!.childUs += cpu(e);
    else if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') {
      taskMs += cpu(e) / 1000;
      wallMs += e.dur! / 1000;
      if (ourSamples.some((t) => t >= e.ts && t <= e.ts + e.dur!)) ourTasks.push(e.dur! / 1000);
    } else if (!stack.length) continue; // not inside a task: metadata-like slices
    const forced = e.args?.beginData?.stackTrace;
    if ((e.name === 'Layout' || e.name === 'UpdateLayoutTree') && forced?.some((f) => !!ourFile(f.url))) forcedByUs++;
    stack.push({ e, end: e.ts + e.dur!, childUs: 0 });
  }
  close(Infinity);
  return { phases, names, taskMs, wallMs, forcedByUs, ourTasks };
}

/** When the profiler caught our code on the stack (µs, trace clock). */
function ourSampleTimes(profile: CpuProfile): number[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ours = new Map<number, boolean>();
  const isOurs = (id: number): boolean => {
    if (ours.has(id)) return ours.get(id)!;
    const own = !!ourFile(byId.get(id)?.callFrame.url ?? '');
    const up = parent.get(id);
    const result = own || (up !== undefined && isOurs(up));
    ours.set(id, result);
    return result;
  };
  const times: number[] = [];
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (isOurs(id)) times.push(t);
  });
  return times;
}

/** Our functions' self time from the CPU profile, named by their place in widget/ sources. */
function summariseProfile(profile: CpuProfile, maps: Map<string, SourceMap>): Map<string, number> {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const out = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id);
    const file = frame && ourFile(frame.url);
    if (!frame || !file) return;
    const map = maps.get(file);
    const entry = map?.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string; originalLine?: number } | undefined;
    const where = entry?.originalSource
      ? `${relative(REPO_ROOT, entry.originalSource.replace(/^file:\/\//, ''))}:${entry.originalLine! + 1}`
      : `${file}:${frame.columnNumber}`;
    const key = `${file} ${where} ${frame.functionName || '(anonymous)'}`;
    out.set(key, (out.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return out;
}

async function traceLoad(browser: Browser, url: string, withSnippet: boolean, slow: boolean, maps: Map<string, SourceMap>): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    await page.addInitScript({ content: OBSERVE });
    const cdp = await context.newCDPSession(page);
    if (slow) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW_3G });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    }
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])));
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
    await cdp.send('Profiler.start');
    const timeout = slow ? 60_000 : 15_000;
    await page.goto(url, { waitUntil: 'load', timeout });
    // The same window as figure 5, with and without the snippet.
    await settle(page, withSnippet, slow);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    await endTracing(cdp);
    const marks = await readBench(page);
    const path = new URL(url).pathname;
    if (process.env.SIXTY_TRACE_DUMP)
      writeFileSync(`${process.env.SIXTY_TRACE_DUMP}-${slow ? 'slow' : 'normal'}${path.replace('/', '-')}.json`, JSON.stringify({ traceEvents: events }));
    return {
      ...summariseTrace(events, path, ourSampleTimes(profile)),
      functions: summariseProfile(profile, maps),
      longTasks: marks.longTasks,
      cls: marks.cls,
      launcherMs: marks.launcherAt,
    };
  } finally {
    await context.close();
  }
}

function endTracing(cdp: CDPSession): Promise<void> {
  return new Promise((resolve) => {
    cdp.once('Tracing.tracingComplete', () => resolve());
    void cdp.send('Tracing.end');
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');

/**
 * Loads the page without the snippet and with each of `snippets` (host page paths), interleaved
 * in turn so every variant meets the same machine load; a report per snippet against the same
 * loads without it.
 */
async function speed(browser: Browser, origin: string, slow: boolean, loads: number, maps: Map<string, SourceMap>, snippets: string[]): Promise<string[]> {
  const variants = [...snippets, 'without'];
  const pairs = new Map(snippets.map((v) => [v, [] as Array<{ w: Load; wo: Load }>]));
  // One unmeasured round first: the browser's own first-page costs belong to no variant.
  if (!slow) for (const v of variants) await traceLoad(browser, `${origin}/${v}`, v !== 'without', slow, maps);
  for (let i = 0; i < loads; i++) {
    // Rotated each round: no variant always goes first.
    const order = variants.map((_, j) => variants[(i + j) % variants.length]!);
    const got: Record<string, Load> = {};
    for (const v of order) got[v] = await traceLoad(browser, `${origin}/${v}`, v !== 'without', slow, maps);
    for (const v of snippets) pairs.get(v)!.push({ w: got[v]!, wo: got.without! });
    process.stderr.write(
      `[trace] ${slow ? 'throttled' : 'normal'} round ${i + 1}: ${snippets.map((v) => `${v} +${ms(got[v]!.taskMs - got.without!.taskMs)} ms CPU, +${ms(got[v]!.wallMs - got.without!.wallMs)} ms wall`).join('; ')}\n`,
    );
  }
  return snippets.map((v) => report(pairs.get(v)!, slow, v));
}

function report(pairs: Array<{ w: Load; wo: Load }>, slow: boolean, snippet: string): string {
  const loads = pairs.length;
  const table = (key: 'phases' | 'names') =>
    [...new Set(pairs.flatMap((p) => [...p.w[key].keys(), ...p.wo[key].keys()]))]
      .map((name) => ({
        name,
        without: median(pairs.map((p) => p.wo[key].get(name) ?? 0)),
        with: median(pairs.map((p) => p.w[key].get(name) ?? 0)),
        added: median(pairs.map((p) => (p.w[key].get(name) ?? 0) - (p.wo[key].get(name) ?? 0))),
      }))
      .sort((a, b) => b.added - a.added);
  const rows = table('phases');
  const names = table('names').filter((r) => Math.abs(r.added) >= 0.2);
  const fns = [...new Set(pairs.flatMap((p) => [...p.w.functions.keys()]))]
    .map((name) => ({ name, ms: median(pairs.map((p) => p.w.functions.get(name) ?? 0)) }))
    .filter((f) => f.ms >= 0.05)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 20);
  const lines = [
    `### ${SNIPPETS[snippet]}, ${slow ? `throttled (${CPU_SLOWDOWN}x CPU, Slow 3G)` : 'normal speed'}: ${loads} pairs`,
    '',
    `Main-thread task time, wall (figure 5's measure): page alone ${ms(median(pairs.map((p) => p.wo.wallMs)))} ms, with the snippet ${ms(median(pairs.map((p) => p.w.wallMs)))} ms, ` +
      `added ${ms(median(pairs.map((p) => p.w.wallMs - p.wo.wallMs)))} ms (every pair: ${pairs.map((p) => ms(p.w.wallMs - p.wo.wallMs)).join(', ')}).`,
    `Main-thread task time, thread CPU: page alone ${ms(median(pairs.map((p) => p.wo.taskMs)))} ms, with the snippet ${ms(median(pairs.map((p) => p.w.taskMs)))} ms, ` +
      `added ${ms(median(pairs.map((p) => p.w.taskMs - p.wo.taskMs)))} ms (median of pairs; every pair: ${pairs.map((p) => ms(p.w.taskMs - p.wo.taskMs)).join(', ')}).`,
    `Long tasks with the snippet: ${pairs.map((p) => p.w.longTasks.length).join(', ')} (durations ${pairs.map((p) => p.w.longTasks.map((d) => d.toFixed(0)).join('+') || '0').join(', ')} ms); ` +
      `without: ${pairs.map((p) => p.wo.longTasks.length).join(', ')}. CLS with: ${pairs.map((p) => p.w.cls.toFixed(3)).join(', ')}. ` +
      `Launcher visible at ${pairs.map((p) => ms(p.w.launcherMs ?? NaN)).join(', ')} ms. Layouts/style recalcs forced by sixty*.js: ${pairs.map((p) => p.w.forcedByUs).join(', ')}.`,
    `Tasks running our code (sixty*.js on the profiler's stack), wall ms, longest per load: ${pairs.map((p) => ms(Math.max(0, ...p.w.ourTasks))).join(', ')}; ` +
      `over 50 ms: ${pairs.map((p) => p.w.ourTasks.filter((d) => d > 50).length).join(', ')}.`,
    '',
    '| phase (trace self time, thread CPU) | page alone ms | with snippet ms | added ms |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.name} | ${ms(r.without)} | ${ms(r.with)} | ${ms(r.added)} |`),
    '',
    '| trace event (self time), added at least 0.2 ms | page alone ms | with snippet ms | added ms |',
    '| --- | ---: | ---: | ---: |',
    ...names.map((r) => `| ${r.name} | ${ms(r.without)} | ${ms(r.with)} | ${ms(r.added)} |`),
    '',
    '| our function (profiler self time, with snippet) | ms |',
    '| --- | ---: |',
    ...fns.map((f) => `| \`${f.name}\` | ${ms(f.ms)} |`),
    '',
  ];
  return lines.join('\n');
}

/** The repo's dist/ copied, with the widget rebuilt from the same sources plus hidden source maps. */
async function distWithMaps(): Promise<{ dir: string; maps: Map<string, SourceMap> }> {
  if (!existsSync(join(REPO_ROOT, 'dist/console/index.html'))) throw new Error('dist is missing: npm run build');
  const dir = mkdtempSync(join(tmpdir(), 'sixty-trace-dist-'));
  cpSync(join(REPO_ROOT, 'dist'), dir, { recursive: true });
  const maps = new Map<string, SourceMap>();
  for (const w of widgetEntries) {
    const config = widgetConfig(w.entry, w.fileName, 'sharesPanelPreact' in w && w.sharesPanelPreact);
    await build({ ...config, build: { ...config.build, outDir: join(dir, 'widget'), sourcemap: 'hidden' } });
    const built = readFileSync(join(dir, 'widget', w.fileName));
    if (!built.equals(readFileSync(join(REPO_ROOT, 'dist/widget', w.fileName)))) throw new Error(`${w.fileName} differs from dist/: run npm run build first`);
    const map = JSON.parse(readFileSync(join(dir, 'widget', `${w.fileName}.map`), 'utf8')) as { sources: string[] };
    map.sources = map.sources.map((s) => join(dir, 'widget', s));
    maps.set(w.fileName, new SourceMap(map as never));
  }
  return { dir, maps };
}

const { dir, maps } = await distWithMaps();
const server = await startBenchServer({ repoRoot: REPO_ROOT, fdLimit: fileLimits().hard, distDir: dir });
const browser = await launchChromium();
try {
  const site = await server.seed({ name: 'Trace', reps: 0 });
  const host = await serveHostPages(server.url, site.siteKey);
  try {
    const snippets = SNIPPET ? [SNIPPET] : Object.keys(SNIPPETS);
    const sections = await speed(browser, host.origin, false, LOADS, maps, snippets);
    if (THROTTLED_LOADS > 0) sections.push(...(await speed(browser, host.origin, true, THROTTLED_LOADS, maps, snippets)));
    const sixty = readFileSync(join(dir, 'widget/sixty.js'));
    const { gzipSync } = await import('node:zlib');
    // The per-site loader as the server serves it to this site (template plus its config).
    const perSite = Buffer.from(await (await fetch(`${server.url}/s/${site.siteKey}.js`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer());
    const report = [
      `sixty.js: ${sixty.length} B raw, ${gzipSync(sixty, { level: 9 }).length} B gzip. /s/KEY.js for this site: ${perSite.length} B raw, ${gzipSync(perSite, { level: 9 }).length} B gzip.`,
      '',
      ...sections,
    ].join('\n');
    process.stdout.write(`${report}\n`);
    if (OUT) writeFileSync(OUT, `${report}\n`);
  } finally {
    await host.close();
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
