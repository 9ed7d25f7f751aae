// What a host page would notice of the widget, watched from inside the page: script errors and
// unhandled rejections (the widget must never throw into the page), CSP violations, long tasks
// and layout shifts (PerformanceObserver), and which globals appeared. Plus axe-core, run on the
// widget's shadow tree, for WCAG 2.2 AA.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';

export interface PageWatch {
  errors: string[];
  rejections: string[];
  cspViolations: string[];
  /** Durations (ms) of every long task (over 50 ms) since the page started. */
  longTasks: number[];
  /** Layout shifts not caused by input, summed. */
  layoutShift: number;
  /** Globals on window now that were not there when the page started (minus Playwright's). */
  newGlobals: string[];
}

/** Installs the watchers in every page of the context, before any of the page's own scripts. */
export async function watchPages(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const watch = { errors: [] as string[], rejections: [] as string[], csp: [] as string[], longTasks: [] as number[], shift: 0, globals: Object.keys(window) };
    Object.defineProperty(window, '__pageWatch', { value: watch, enumerable: false });
    addEventListener('error', (e) => watch.errors.push(String(e.message || e.error)));
    addEventListener('unhandledrejection', (e) => watch.rejections.push(String(e.reason && (e.reason.stack || e.reason))));
    document.addEventListener('securitypolicyviolation', (e) => watch.csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    try {
      new PerformanceObserver((list) => list.getEntries().forEach((e) => watch.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
      new PerformanceObserver((list) =>
        list.getEntries().forEach((e) => {
          const shift = e as PerformanceEntry & { value: number; hadRecentInput: boolean };
          if (!shift.hadRecentInput) watch.shift += shift.value;
        }),
      ).observe({ type: 'layout-shift', buffered: true });
    } catch {
      // Not in this browser: the arrays stay empty and the test says so.
    }
  });
}

export async function readWatch(page: Page): Promise<PageWatch> {
  return page.evaluate(() => {
    const w = (window as unknown as { __pageWatch: { errors: string[]; rejections: string[]; csp: string[]; longTasks: number[]; shift: number; globals: string[] } }).__pageWatch;
    const before = new Set(w.globals);
    return {
      errors: w.errors,
      rejections: w.rejections,
      cspViolations: w.csp,
      longTasks: w.longTasks,
      layoutShift: w.shift,
      newGlobals: Object.keys(window).filter((k) => !before.has(k) && !k.startsWith('__playwright') && !k.startsWith('__pw')),
    };
  });
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on the widget (its host and shadow tree) with the WCAG 2.0-2.2 A and AA rules.
 * Returns the violations and how many widget elements passed checks, so a run that looked at
 * nothing is noticed.
 */
export async function axeWidget(page: Page): Promise<{ violations: AxeViolation[]; checkedNodes: number }> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<any> } }).axe;
    const result = await axe.run(
      { include: [['[data-sixty-widget]']] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations', 'passes'] },
    );
    const flat = (t: unknown): string => (Array.isArray(t) ? t.map(flat).join(' >>> ') : String(t));
    return {
      violations: result.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n: any) => flat(n.target)) })),
      checkedNodes: result.passes.reduce((n: number, p: any) => n + p.nodes.length, 0),
    };
  });
}
