import { isbot } from 'isbot';

/** More page views than this within PAGE_BURST_MS is faster than a person can click. */
export const PAGE_BURST = 4;
export const PAGE_BURST_MS = 1000;
/** Page views older than this no longer count towards a burst. */
export const PAGE_MEMORY_MS = 60_000;
/** Bound on remembered visitors, so the filter's memory cannot grow without limit. */
const MAX_TRACKED = 50_000;

export type BotVerdict = { ok: true; keep: number } | { ok: false; why: 'user_agent' | 'page_speed' };

/** A maintained User-Agent list (isbot, which also flags HeadlessChrome and HTTP libraries). */
export function userAgentIsBot(userAgent: string | undefined): boolean {
  return !userAgent || isbot(userAgent);
}

/**
 * Behaviour limits per visitor on the ingest path: events per second (the excess is dropped)
 * and page views faster than a person can click (the visitor is a bot). In memory here; in
 * Redis in a cluster (cluster/redis-bot-filter.ts), where a visitor's batches reach any process.
 */
export interface BotFilter {
  /**
   * How many of `events` to keep for this visitor now, or a bot verdict.
   * `pageViewTimes` are the receive-order client times of the batch's page views.
   */
  check(key: string, events: number, pageViewTimes: number[], maxPerSecond: number, now: number): Promise<BotVerdict>;
}

export class MemoryBotFilter implements BotFilter {
  private readonly windows = new Map<string, { start: number; count: number; pages: number[] }>();

  async check(key: string, events: number, pageViewTimes: number[], maxPerSecond: number, now: number): Promise<BotVerdict> {
    return this.checkNow(key, events, pageViewTimes, maxPerSecond, now);
  }

  /** The same, synchronously (the Redis filter falls back to this while Redis is away). */
  checkNow(key: string, events: number, pageViewTimes: number[], maxPerSecond: number, now: number): BotVerdict {
    let w = this.windows.get(key);
    if (!w || now - w.start >= 1000) {
      if (!w && this.windows.size >= MAX_TRACKED) this.windows.clear();
      w = { start: now, count: 0, pages: w?.pages ?? [] };
      this.windows.set(key, w);
    }
    w.pages = [...w.pages, ...pageViewTimes].filter((t) => now - t < PAGE_MEMORY_MS).slice(-PAGE_BURST * 2);
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
