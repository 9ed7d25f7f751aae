// What a host page would notice of the widget, watched from inside the page: script errors and
// unhandled rejections (the widget must never throw into the page), CSP violations, long tasks
// and layout shifts (PerformanceObserver), and which globals appeared. Plus axe-core, run on the
// widget's shadow tree, for WCAG 2.2 AA. The test's own work in the page (evaluating axe-core, a
// 650 KB script, and running it) is recorded as time windows, so that its long tasks are not
// counted against the widget.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

export interface PageWatch {
  errors: string[];
  rejections: string[];
  cspViolations: string[];
  /** Every long task (over 50 ms) since the page started: start (page time, ms) and duration. */
  longTasks: LongTask[];
  /** When the test itself was busy in the page (axe-core): [from, to] in page time (performance.now()). */
  testWindows: Array<[number, number]>;
  /** Layout shifts not caused by input that moved the host page's content, summed. */
  layoutShift: number;
  /** Layout shifts not caused by input of the widget's own boxes (its panel re-flowing), summed. */
  widgetShift: number;
  /** Globals on window now that were not there when the page started (minus Playwright's). */
  newGlobals: string[];
}

export interface LongTask {
  startTime: number;
  duration: number;
}

/**
 * The long tasks that are not the test's own: those that overlap none of the windows in which the
 * test ran axe-core. Page JavaScript runs one task at a time, so a task overlapping such a window
 * is the test's (or ran while axe was between its own tasks, a few ms of idle time).
 */
export function pageLongTasks(watch: Pick<PageWatch, 'longTasks' | 'testWindows'>): LongTask[] {
  return watch.longTasks.filter((t) => !watch.testWindows.some(([from, to]) => t.startTime <= to && t.startTime + t.duration >= from));
}

/** Installs the watchers in every page of the context, before any of the page's own scripts. */
export async function watchPages(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const watch = {
      errors: [] as string[],
      rejections: [] as string[],
      csp: [] as string[],
      longTasks: [] as Array<{ startTime: number; duration: number }>,
      testWindows: [] as Array<[number, number]>,
      shift: 0,
      widgetShift: 0,
      globals: Object.keys(window),
    };
    Object.defineProperty(window, '__pageWatch', { value: watch, enumerable: false });
    addEventListener('error', (e) => watch.errors.push(String(e.message || e.error)));
    addEventListener('unhandledrejection', (e) => watch.rejections.push(String(e.reason && (e.reason.stack || e.reason))));
    document.addEventListener('securitypolicyviolation', (e) => watch.csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    try {
      new PerformanceObserver((list) => list.getEntries().forEach((e) => watch.longTasks.push({ startTime: e.startTime, duration: e.duration }))).observe({
        type: 'longtask',
        buffered: true,
      });
      // Which shifts are the host page's. Chromium reports a shifted node inside a shadow tree as
      // null (shadow content is not exposed to the page's observers), so the widget's own boxes
      // are recognised by where they are: a source with no node whose new box lies inside one of
      // the widget's fixed boxes (the launcher dock, the panel) moved inside the widget. Those are
      // summed apart: they still count towards the page's CLS in a browser, so the test bounds
      // them too, but they are the widget re-flowing its own panel (a live status arriving), not
      // the page's content moving.
      // A box's visual rect includes its shadow: a blur reaches 1.5 times its radius past the
      // box (the panel's is 48 px, offset 12 px).
      const SHADOW_SLACK = 96;
      const widgetBoxes = (): DOMRect[] => {
        const root = document.querySelector('[data-sixty-widget]')?.shadowRoot;
        if (!root) return [];
        const fixed = [...root.querySelectorAll('*')].filter((el) => getComputedStyle(el).position === 'fixed');
        return fixed.map((el) => el.getBoundingClientRect()).filter((r) => r.width && r.height);
      };
      const inWidgetNode = (node: Node | null): boolean => {
        for (let n: Node | null = node; n; n = n.parentNode ?? (n as ShadowRoot).host ?? null)
          if (n instanceof Element && n.hasAttribute('data-sixty-widget')) return true;
        return false;
      };
      type Source = { node: Node | null; currentRect: DOMRectReadOnly };
      const isWidgetSource = (source: Source, boxes: DOMRect[]): boolean =>
        source.node
          ? inWidgetNode(source.node)
          : boxes.some(
              (b) =>
                source.currentRect.left >= b.left - SHADOW_SLACK &&
                source.currentRect.right <= b.right + SHADOW_SLACK &&
                source.currentRect.top >= b.top - SHADOW_SLACK &&
                source.currentRect.bottom <= b.bottom + SHADOW_SLACK,
            );
      new PerformanceObserver((list) =>
        list.getEntries().forEach((e) => {
          const shift = e as PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: Source[] };
          if (shift.hadRecentInput) return;
          const boxes = widgetBoxes();
          if (shift.sources?.length && shift.sources.every((s) => isWidgetSource(s, boxes))) watch.widgetShift += shift.value;
          else watch.shift += shift.value;
        }),
      ).observe({ type: 'layout-shift', buffered: true });
    } catch {
      // Not in this browser: the arrays stay empty and the test says so.
    }
  });
}

export async function readWatch(page: Page): Promise<PageWatch> {
  return page.evaluate(() => {
    const w = (
      window as unknown as {
        __pageWatch: {
          errors: string[];
          rejections: string[];
          csp: string[];
          longTasks: LongTask[];
          testWindows: Array<[number, number]>;
          shift: number;
          widgetShift: number;
          globals: string[];
        };
      }
    ).__pageWatch;
    const before = new Set(w.globals);
    return {
      errors: w.errors,
      rejections: w.rejections,
      cspViolations: w.csp,
      longTasks: w.longTasks,
      testWindows: w.testWindows,
      layoutShift: w.shift,
      widgetShift: w.widgetShift,
      newGlobals: Object.keys(window).filter((k) => !before.has(k) && !k.startsWith('__playwright') && !k.startsWith('__pw')),
    };
  });
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/**
 * axe-core as evaluated in the page, with the window of its evaluation recorded. Top-level
 * statements around the untouched source (Playwright evaluates a string with a global eval), all
 * in one task: the task that parses and runs axe-core overlaps [from, to] whatever its parse took.
 * Pages without the watcher (none today) just get axe-core.
 */
const AXE_INJECTION = [
  'if (window.__pageWatch) window.__pageWatch.axeFrom = performance.now();',
  AXE_SOURCE,
  ';if (window.__pageWatch) window.__pageWatch.testWindows.push([window.__pageWatch.axeFrom, performance.now()]);',
].join('\n');

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
export function axeWidget(page: Page): Promise<{ violations: AxeViolation[]; checkedNodes: number }> {
  return axeRun(page, '[data-sixty-widget]');
}

/** axe-core's WCAG 2.0-2.2 A and AA rules on the elements matching `include` (default: the whole page). */
export async function axeRun(page: Page, include = 'html'): Promise<{ violations: AxeViolation[]; checkedNodes: number }> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_INJECTION);
  return page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<any> } }).axe;
    const watch = (window as unknown as { __pageWatch?: { testWindows: Array<[number, number]> } }).__pageWatch;
    // axe.run spreads its work over several tasks: the whole run is the test's window.
    const from = performance.now();
    let result: any;
    try {
      result = await axe.run(
        { include: [[include]] },
        { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations', 'passes'] },
      );
    } finally {
      watch?.testWindows.push([from, performance.now()]);
    }
    const flat = (t: unknown): string => (Array.isArray(t) ? t.map(flat).join(' >>> ') : String(t));
    return {
      violations: result.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n: any) => flat(n.target)) })),
      checkedNodes: result.passes.reduce((n: number, p: any) => n + p.nodes.length, 0),
    };
  }, include);
}

/** axe finds nothing on the widget in `state`, and did look at it. */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const { violations, checkedNodes } = await axeWidget(page);
  expect(violations, `axe on ${state}`).toEqual([]);
  expect(checkedNodes, `axe looked at the widget (${state})`).toBeGreaterThan(3);
}
