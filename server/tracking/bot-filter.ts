import { isbot } from 'isbot';

/** More page views than this within PAGE_BURST_MS is faster than a person can click. */
const PAGE_BURST = 4;
const PAGE_BURST_MS = 1000;
/** Bound on remembered visitors, so the filter's memory cannot grow without limit. */
const MAX_TRACKED = 50_000;

export type BotVerdict = { ok: true; keep: number } | { ok: false; why: 'user_agent' | 'page_speed' };

/**
 * Drops bots on the ingest path: a maintained User-Agent list (isbot, which also flags
 * HeadlessChrome and HTTP libraries) and behaviour limits per visitor: events per second
 * (the excess is dropped) and page views faster than a person can click (the visitor is a bot).
 */
export class BotFilter {
  private readonly windows = new Map<string, { start: number; count: number; pages: number[] }>();

  userAgentIsBot(userAgent: string | undefined): boolean {
    return !userAgent || isbot(userAgent);
  }

  /**
   * How many of `events` to keep for this visitor now, or a bot verdict.
   * `pageViews` are the receive-order client times of the batch's page views.
   */
  check(key: string, events: number, pageViewTimes: number[], maxPerSecond: number, now: number): BotVerdict {
    let w = this.windows.get(key);
    if (!w || now - w.start >= 1000) {
      if (!w && this.windows.size >= MAX_TRACKED) this.windows.clear();
      w = { start: now, count: 0, pages: w?.pages ?? [] };
      this.windows.set(key, w);
    }
    w.pages = [...w.pages, ...pageViewTimes].filter((t) => now - t < 60_000).slice(-PAGE_BURST * 2);
    const sorted = [...w.pages].sort((a, b) => a - b);
    for (let i = PAGE_BURST; i < sorted.length; i++) {
      if (sorted[i]! - sorted[i - PAGE_BURST]! < PAGE_BURST_MS) return { ok: false, why: 'page_speed' };
    }
    const room = Math.max(0, maxPerSecond - w.count);
    const keep = Math.min(room, events);
    w.count += keep;
    return { ok: true, keep };
  }
}
