import type { Logger } from 'pino';
import { MemoryBotFilter, PAGE_BURST, PAGE_BURST_MS, PAGE_MEMORY_MS, type BotFilter, type BotVerdict } from '../tracking/bot-filter';
import type { RedisConnection } from './redis';
import { luaScript, withDeadline } from './lua-script';
import { redisOrLocal } from './redis-fallback';

/** An event batch never waits longer than this on Redis for its bot check. */
const DEADLINE_MS = 500;

/**
 * MemoryBotFilter.checkNow, line for line, on one hash per visitor: `s` window start, `c` events
 * kept in the window, `p` recent page-view times (JSON). Returns {0, keep} or {1} (page speed).
 */
const CHECK = luaScript(`
local now = tonumber(ARGV[1])
local events = tonumber(ARGV[2])
local maxPerSecond = tonumber(ARGV[3])
local burst = tonumber(ARGV[5])
local burstMs = tonumber(ARGV[6])
local memoryMs = tonumber(ARGV[7])
local state = redis.call('HMGET', KEYS[1], 's', 'c', 'p')
local start = tonumber(state[1])
local count = tonumber(state[2]) or 0
if not start or now - start >= 1000 then
  start = now
  count = 0
end
local pages = {}
local function remember(list)
  for _, t in ipairs(list) do
    if now - t < memoryMs then table.insert(pages, t) end
  end
end
if state[3] then remember(cjson.decode(state[3])) end
remember(cjson.decode(ARGV[4]))
while #pages > burst * 2 do table.remove(pages, 1) end
local sorted = {}
for i, t in ipairs(pages) do sorted[i] = t end
table.sort(sorted)
local bot = false
for i = burst + 1, #sorted do
  if sorted[i] - sorted[i - burst] < burstMs then bot = true break end
end
local keep = 0
if not bot then
  keep = math.min(math.max(0, maxPerSecond - count), events)
  count = count + keep
end
redis.call('HSET', KEYS[1], 's', string.format('%.0f', start), 'c', count, 'p', #pages > 0 and cjson.encode(pages) or '[]')
redis.call('PEXPIRE', KEYS[1], memoryMs)
if bot then return { 1 } end
return { 0, keep }
`);

/** One visitor's pace counted across every process; each process's own counters while Redis is away. */
export class RedisBotFilter implements BotFilter {
  private readonly fallback = new MemoryBotFilter();
  private readonly ask: ReturnType<typeof redisOrLocal>;

  constructor(
    private readonly redis: RedisConnection,
    log: Logger,
  ) {
    this.ask = redisOrLocal(redis, log, 'bot limits');
  }

  async check(key: string, events: number, pageViewTimes: number[], maxPerSecond: number, now: number): Promise<BotVerdict> {
    return this.ask(
      async (): Promise<BotVerdict> => {
        const args = [now, events, maxPerSecond, JSON.stringify(pageViewTimes), PAGE_BURST, PAGE_BURST_MS, PAGE_MEMORY_MS];
        const [bot, keep] = (await withDeadline(CHECK(this.redis.client, [`${this.redis.prefix}:bot:${key}`], args), DEADLINE_MS)) as [number, number?];
        return bot === 1 ? { ok: false, why: 'page_speed' } : { ok: true, keep: keep ?? 0 };
      },
      () => this.fallback.checkNow(key, events, pageViewTimes, maxPerSecond, now),
    );
  }
}
