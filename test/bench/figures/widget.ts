// Figure 5: what the widget costs a customer's page. Bytes per file (gzip -9, brotli q11), and in
// Chromium the host page's main-thread time with the snippet against the same page without it,
// plus time to the launcher and to an interactive panel, at normal and throttled speeds.
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { widgetEntries } from '../../../vite.config';
import type { BenchContext } from '../context';
import { spreadOf, type Spread } from '../stats';

/** DevTools' "Slow 3G" (as Puppeteer defines it) and a 4x slower CPU. */
export const SLOW_3G = { latency: 2000, downloadThroughput: 50_000, uploadThroughput: 50_000 };
export const CPU_SLOWDOWN = 4;

export interface WidgetFile {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
  gzipBudget: number | null;
}

/** One speed's loads, with and without the snippet. */
export interface WidgetSpeed {
  loads: number;
  /** Main-thread busy time (CDP TaskDuration) added by the snippet, ms. */
  addedTaskMs: Spread;
  /** Script evaluation time (CDP ScriptDuration) added, ms. */
  addedScriptMs: Spread;
  /** Long tasks (over 50 ms) with the snippet: count and total, and the same without. */
  longTasks: { with: Spread; without: Spread; withTotalMs: Spread };
  /** Cumulative layout shift with the snippet (and without, for the page's own). */
  cls: { with: Spread; without: Spread };
  /** From navigation start. */
  launcherVisibleMs: Spread;
  /** From the click on the launcher to the form's first field on screen and enabled. */
  panelInteractiveMs: Spread;
  /** The host page's own load event, without the snippet, for scale. */
  pageLoadMs: Spread;
}

export interface WidgetFigure {
  files: WidgetFile[];
  normal: WidgetSpeed;
  throttled: WidgetSpeed | null;
}

interface LoadResult {
  taskMs: number;
  scriptMs: number;
  longTaskCount: number;
  longTaskMs: number;
  cls: number;
  launcherMs: number | null;
  panelMs: number | null;
  loadMs: number;
}

/** Every script in dist/widget, with its gzip budget where the build declares one. */
export function widgetFiles(distDir: string): WidgetFile[] {
  const dir = join(distDir, 'widget');
  const budgets = new Map<string, number>(widgetEntries.map((w) => [w.fileName, w.gzipBudget]));
  const names = readdirSync(dir).filter((f) => f.endsWith('.js'));
  // The loader first (every page pays for it), then the build's order, then anything else.
  const order = (f: string) => (budgets.has(f) ? [...budgets.keys()].indexOf(f) : budgets.size);
  names.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  return names.map((name) => {
    const code = readFileSync(join(dir, name));
    return {
      file: `dist/widget/${name}`,
      raw: code.length,
      gzip: gzipSync(code, { level: 9 }).length,
      brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      gzipBudget: budgets.get(name) ?? null,
    };
  });
}

export async function measureWidget(ctx: BenchContext, browser: Browser): Promise<WidgetFigure> {
  const host = await serveHostPages(ctx.server.url, ctx.eventsSite.siteKey);
  try {
    const normal = await measureSpeed(ctx, browser, host.origin, false, ctx.config.widget.normalLoads);
    const throttled =
      ctx.config.widget.throttled && ctx.config.widget.throttledLoads > 0
        ? await measureSpeed(ctx, browser, host.origin, true, ctx.config.widget.throttledLoads)
        : null;
    return { files: widgetFiles(ctx.distDir), normal, throttled };
  } finally {
    await host.close();
  }
}

async function measureSpeed(ctx: BenchContext, browser: Browser, origin: string, slow: boolean, loads: number): Promise<WidgetSpeed> {
  const withRuns: LoadResult[] = [];
  const withoutRuns: LoadResult[] = [];
  // One unmeasured pair first: the browser's own first-page costs belong to neither variant.
  if (!slow) for (const variant of ['with', 'without'] as const) await loadOnce(browser, `${origin}/${variant}`, variant === 'with', slow);
  for (let i = 0; i < loads; i++) {
    // Alternate which goes first so neither always meets a warmer machine.
    const order = i % 2 ? (['without', 'with'] as const) : (['with', 'without'] as const);
    for (const variant of order) {
      const r = await loadOnce(browser, `${origin}/${variant}`, variant === 'with', slow);
      (variant === 'with' ? withRuns : withoutRuns).push(r);
    }
    const w = withRuns.at(-1)!;
    ctx.log(
      `widget ${slow ? 'throttled' : 'normal'} load ${i + 1}: launcher ${w.launcherMs?.toFixed(0)} ms, panel ${w.panelMs?.toFixed(0)} ms, ` +
        `main thread +${(w.taskMs - withoutRuns.at(-1)!.taskMs).toFixed(1)} ms`,
    );
  }
  const pairs = withRuns.map((w, i) => ({ w, wo: withoutRuns[i]! }));
  return {
    loads,
    addedTaskMs: spreadOf(pairs, (p) => p.w.taskMs - p.wo.taskMs),
    addedScriptMs: spreadOf(pairs, (p) => p.w.scriptMs - p.wo.scriptMs),
    longTasks: {
      with: spreadOf(withRuns, (r) => r.longTaskCount),
      without: spreadOf(withoutRuns, (r) => r.longTaskCount),
      withTotalMs: spreadOf(withRuns, (r) => r.longTaskMs),
    },
    cls: { with: spreadOf(withRuns, (r) => r.cls), without: spreadOf(withoutRuns, (r) => r.cls) },
    launcherVisibleMs: spreadOf(withRuns, (r) => r.launcherMs ?? NaN),
    panelInteractiveMs: spreadOf(withRuns, (r) => r.panelMs ?? NaN),
    pageLoadMs: spreadOf(withoutRuns, (r) => r.loadMs),
  };
}

/**
 * Installed before any page script: long tasks, layout shifts, and when the widget shows. It must
 * cost the page the same with and without the snippet, and force nothing: the launcher is seen
 * by an IntersectionObserver (computed with the frame's own layout, never a forced one), and
 * waiting for a mark is a promise in the page (`__bench.when`), not Playwright's waitForFunction,
 * whose first call evaluates Playwright's 330 KB injected script in the page: 20 ms of main
 * thread at normal speed, charged to the snippet because only its loads waited for the launcher.
 */
export const OBSERVE = `(() => {
  const waiters = { launcherAt: [], panelAt: [] };
  const b = (window.__bench = { longTasks: [], cls: 0, launcherAt: null, clickAt: null, panelAt: null,
    when: (key) => new Promise((resolve) => (b[key] !== null ? resolve() : waiters[key].push(resolve))) });
  const mark = (key, at) => { if (b[key] === null) { b[key] = at; waiters[key].splice(0).forEach((r) => r()); } };
  try {
    new PerformanceObserver((l) => l.getEntries().forEach((e) => b.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((l) => l.getEntries().forEach((e) => { if (!e.hadRecentInput) b.cls += e.value; })).observe({ type: 'layout-shift', buffered: true });
  } catch (e) {}
  const shown = (el) => { if (!el) return false; const r = el.getBoundingClientRect(); const s = getComputedStyle(el); return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && !el.disabled; };
  const seen = new IntersectionObserver((entries) => {
    for (const e of entries) if (e.isIntersecting && e.boundingClientRect.width > 0 && getComputedStyle(e.target).visibility !== 'hidden') requestAnimationFrame(() => mark('launcherAt', performance.now()));
  });
  const watchRoot = (root) => {
    let launcher = null;
    const check = () => {
      const found = root.querySelector('[data-sixty-launcher]');
      if (found && found !== launcher) seen.observe((launcher = found));
      if (b.clickAt !== null && b.panelAt === null && shown(root.querySelector('[data-sixty-form] input'))) requestAnimationFrame(() => mark('panelAt', performance.now()));
    };
    new MutationObserver(check).observe(root, { childList: true, subtree: true, attributes: true });
    check();
  };
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1 && n.hasAttribute('data-sixty-widget') && n.shadowRoot) watchRoot(n.shadowRoot);
  }).observe(document, { childList: true, subtree: true });
  addEventListener('click', () => { if (b.clickAt === null) b.clickAt = performance.now(); }, true);
})();`;

async function loadOnce(browser: Browser, url: string, withSnippet: boolean, slow: boolean): Promise<LoadResult> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    await page.addInitScript({ content: OBSERVE });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (slow) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW_3G });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    }
    const timeout = slow ? 60_000 : 15_000;
    await page.goto(url, { waitUntil: 'load', timeout });
    // The same harness work in the page either way: one evaluate, waiting or not.
    await settle(page, withSnippet, slow);
    const metrics = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => (metrics.metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
    const loadMs = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return nav ? nav.loadEventStart : NaN;
    });
    const before = await readBench(page);

    let panelMs: number | null = null;
    if (withSnippet) {
      await page.locator('[data-sixty-launcher]').click({ timeout });
      await waitForBench(page, 'panelAt', timeout);
      const after = await readBench(page);
      panelMs = after.panelAt! - after.clickAt!;
    }
    return {
      taskMs: metric('TaskDuration'),
      scriptMs: metric('ScriptDuration'),
      longTaskCount: before.longTasks.length,
      longTaskMs: before.longTasks.reduce((a, b) => a + b, 0),
      cls: before.cls,
      launcherMs: before.launcherAt,
      panelMs,
      loadMs,
    };
  } finally {
    await context.close();
  }
}

/**
 * Main-thread totals are read this long after navigation, with the snippet and without: the same
 * window on both sides, else the page's own background work (timers, frames) during the longer
 * "with" wait (the launcher shows after the config, 6 s into a throttled load) counts as the
 * snippet's. Long enough for the snippet's follow-up work (config, tracker, first events): at
 * least 1 s (3 s throttled) past the launcher.
 */
export const WINDOW_MS = { normal: 2500, throttled: 10_000 };

/** Waits out the window; with the snippet, first for the launcher (and for the settling time past it). */
export async function settle(page: Page, withSnippet: boolean, slow: boolean): Promise<void> {
  const timeout = slow ? 60_000 : 15_000;
  // The same harness work in the page either way: one evaluate, waiting or not.
  if (withSnippet) await waitForBench(page, 'launcherAt', timeout);
  else await page.evaluate(() => undefined);
  const { now, launcherAt } = await page.evaluate(() => ({
    now: performance.now(),
    launcherAt: (window as unknown as { __bench: BenchMarks }).__bench.launcherAt,
  }));
  const end = Math.max(slow ? WINDOW_MS.throttled : WINDOW_MS.normal, (launcherAt ?? 0) + (slow ? 3000 : 1000));
  await page.waitForTimeout(Math.max(0, end - now));
}

export interface BenchMarks {
  longTasks: number[];
  cls: number;
  launcherAt: number | null;
  clickAt: number | null;
  panelAt: number | null;
}

export function readBench(page: Page): Promise<BenchMarks> {
  return page.evaluate(() => {
    const { longTasks, cls, launcherAt, clickAt, panelAt } = (window as unknown as { __bench: BenchMarks }).__bench;
    return { longTasks, cls, launcherAt, clickAt, panelAt };
  });
}

export async function waitForBench(page: Page, key: 'launcherAt' | 'panelAt', timeout: number) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${key} not reached in ${timeout} ms`)), timeout)));
  try {
    await Promise.race([page.evaluate((k) => (window as unknown as { __bench: { when(k: string): Promise<void> } }).__bench.when(k), key), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A plain customer page on its own origin: `/with` the console's snippet (the per-site loader),
 * `/with-generic` the generic `/sixty.js` one existing installs carry, `/without` none. */
export async function serveHostPages(sixtyUrl: string, siteKey: string): Promise<{ origin: string; close(): Promise<void> }> {
  const page = (snippet: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Northwind Kitchens</title>
<style>body{font-family:Georgia,serif;margin:0;color:#222}header{background:#1b2a3a;color:#fff;padding:24px 40px}main{max-width:760px;margin:0 auto;padding:24px 40px}h1{margin:0}section{margin:24px 0}</style>
${snippet}</head><body>
<header><h1>Northwind Kitchens</h1><p>Commercial kitchen equipment since 1987.</p></header>
<main>
${Array.from({ length: 8 }, (_, i) => `<section><h2>Section ${i + 1}</h2><p>${'Ovens, fryers and ranges for restaurants, hotels and schools. '.repeat(12)}</p></section>`).join('\n')}
</main></body></html>`;
  const pages: Record<string, string> = {
    '/with': page(`<script async src="${sixtyUrl}/s/${siteKey}.js"></script>`),
    '/with-generic': page(`<script async src="${sixtyUrl}/sixty.js" data-site="${siteKey}"></script>`),
    '/without': page(''),
  };
  const server: Server = createServer((req, res) => {
    const body = pages[req.url ?? ''];
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
