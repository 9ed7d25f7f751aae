// Figure 4: microseconds to score one new event for a visitor with 1,000 past events, on the
// incremental path, in Node (a process of its own) and in Chromium; beside it, a full re-score
// of the visitor's whole history, the cost the incremental state avoids. Also, in Node, a
// behaviour rule's URL pattern matched at its worst, beside `includes` over the same path.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { DEFAULT_RULES } from '../../../server/sites/default-site';
import type { SiteRules } from '../../../shared/site-rules';
import type { BenchContext } from '../context';
import { BenchWorker } from '../fleet';
import type { GlobRun } from '../glob-loop';
import { manyRules, type ScoringRun } from '../scoring-loop';
import { percentile, spread, spreadOf, type Spread } from '../stats';

export const SCORING_GOALS = { medianUs: 50 };

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const ENTRY = fileURLToPath(new URL('../browser/score-entry.ts', import.meta.url));

export interface ScoringCase {
  /** Median over rounds of each round's median microseconds per event. */
  incrementalUs: Spread;
  /** p99 over batches, per round. */
  incrementalP99Us: Spread;
  fullUs: Spread;
}

/** One worst-case URL pattern on the longest path scored: nanoseconds per match over rounds. */
export interface GlobCase {
  pattern: string;
  pathChars: number;
  steps: number;
  matchNs: Spread;
  includesNs: Spread;
}

export interface ScoringFigure {
  pastEvents: number;
  /** Absent from results written before the glob matcher was measured. */
  globs?: GlobCase[];
  rulesCount: { default: number; many: number };
  node: { default: ScoringCase; many: ScoringCase };
  browser: { default: ScoringCase; many: ScoringCase; engine: 'widget' | 'bundled' };
  goals: { node: boolean; browser: boolean };
}

type RunArgs = { rules: SiteRules; pastEvents: number; batch: number; batches: number };

function summarize(runs: ScoringRun[]): ScoringCase {
  const med = (xs: number[]) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    );
  return {
    incrementalUs: spread(runs.map((r) => med(r.incrementalUs))),
    incrementalP99Us: spread(
      runs.map((r) =>
        percentile(
          [...r.incrementalUs].sort((a, b) => a - b),
          99,
        ),
      ),
    ),
    fullUs: spread(runs.map((r) => med(r.fullUs))),
  };
}

export async function measureScoring(ctx: BenchContext, browser: Browser): Promise<ScoringFigure> {
  const { config } = ctx;
  const sets = { default: DEFAULT_RULES, many: manyRules(DEFAULT_RULES) };
  const args = (rules: SiteRules): RunArgs => ({ rules, pastEvents: config.scoring.pastEvents, batch: config.scoring.batch, batches: config.scoring.batches });

  const worker = await BenchWorker.start('scoring');
  const node = { default: [] as ScoringRun[], many: [] as ScoringRun[] };
  const globRounds: GlobRun[][] = [];
  try {
    for (let r = 0; r < config.rounds; r++) {
      for (const k of ['default', 'many'] as const) node[k].push(await worker.call('scoring.node', args(sets[k])));
      globRounds.push(await worker.call('scoring.globs', { matches: config.scoring.globMatches }));
    }
  } finally {
    await worker.stop();
  }

  const script = await browserScript();
  const page = await browser.newPage();
  const inBrowser = { default: [] as ScoringRun[], many: [] as ScoringRun[] };
  let engine: 'widget' | 'bundled' = 'bundled';
  try {
    await page.setContent('<!doctype html><title>scoring</title>');
    // The widget's engine bundle registers on an existing `sixty` global; give it one, then see
    // whether it brought the engine (`sixty._qualify`).
    await page.evaluate(() => ((window as unknown as { sixty: object }).sixty = {}));
    const engineFile = join(ctx.distDir, 'widget/sixty-qualify.js');
    if (existsSync(engineFile)) await page.addScriptTag({ content: readFileSync(engineFile, 'utf8') }).catch(() => undefined);
    await page.addScriptTag({ content: script });
    for (let r = 0; r < config.rounds; r++) {
      for (const k of ['default', 'many'] as const) {
        const run = (await page.evaluate(
          (a) => (window as unknown as { sixtyBenchScoring: (x: unknown) => unknown }).sixtyBenchScoring(a),
          args(sets[k]),
        )) as ScoringRun & { engine: 'widget' | 'bundled' };
        engine = run.engine;
        inBrowser[k].push(run);
      }
    }
  } finally {
    await page.close();
  }

  const result: ScoringFigure = {
    pastEvents: config.scoring.pastEvents,
    globs: globRounds[0]!.map((g, i) => ({
      pattern: g.pattern,
      pathChars: g.pathChars,
      steps: g.steps,
      matchNs: spreadOf(globRounds, (round) => round[i]!.matchNs),
      includesNs: spreadOf(globRounds, (round) => round[i]!.includesNs),
    })),
    rulesCount: { default: sets.default.behaviour.length, many: sets.many.behaviour.length },
    node: { default: summarize(node.default), many: summarize(node.many) },
    browser: { default: summarize(inBrowser.default), many: summarize(inBrowser.many), engine },
    goals: { node: false, browser: false },
  };
  result.goals = {
    node: result.node.default.incrementalUs.median < SCORING_GOALS.medianUs,
    browser: result.browser.default.incrementalUs.median < SCORING_GOALS.medianUs,
  };
  ctx.log(
    `scoring: node ${result.node.default.incrementalUs.median.toFixed(2)} µs, browser ${result.browser.default.incrementalUs.median.toFixed(2)} µs ` +
      `(full re-score ${result.node.default.fullUs.median.toFixed(0)} / ${result.browser.default.fullUs.median.toFixed(0)} µs)`,
  );
  return result;
}

/** shared/qualify and the loop, bundled for the page with Vite's build API (an IIFE). */
async function browserScript(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'sixty-bench-score-'));
  try {
    await build({
      configFile: false,
      root: REPO_ROOT,
      logLevel: 'warn',
      publicDir: false,
      build: {
        outDir: out,
        emptyOutDir: true,
        minify: true,
        target: 'es2019',
        reportCompressedSize: false,
        lib: { entry: ENTRY, formats: ['iife'], name: 'sixtyBenchScoringBundle', fileName: () => 'score.js' },
      },
    });
    return readFileSync(join(out, 'score.js'), 'utf8');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
