// Cluster mode's Redis pieces, each with two "processes" in one test process: shared rate
// limits, shared presence (and a node that dies without a word), socket.io rooms across servers.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Server, Socket as ServerSocket } from 'socket.io';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { connectRedis, type RedisConnection } from '../../server/cluster/redis';
import { RedisRateLimiter } from '../../server/cluster/redis-rate-limit';
import { RedisBotFilter } from '../../server/cluster/redis-bot-filter';
import { ClusterOnlineReps } from '../../server/cluster/cluster-online';
import { siteCachePeers } from '../../server/cluster/site-peers';
import { createLive } from '../../server/live/live';
import { MemoryBotFilter } from '../../server/tracking/bot-filter';
import { StartupError } from '../../server/db/startup-error';
import { clearRedisPrefix, TEST_REDIS_URL, testRedisPrefix } from '../helpers/databases';
import { waitFor } from '../helpers/wait-for';

const log = pino({ level: process.env.SIXTY_TEST_LOG ?? 'silent' });
const T = Date.parse('2026-03-02T10:00:00Z');

/** Everything a test opened, closed after it whatever happened. */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** One "process": its own Redis connections, under the test's prefix. */
async function processOn(prefix: string, name?: string): Promise<RedisConnection> {
  const redis = await connectRedis(TEST_REDIS_URL!, { prefix, log, ...(name ? { name } : {}) });
  cleanups.push(() => redis.close());
  return redis;
}

function freshPrefix(): string {
  const prefix = testRedisPrefix();
  cleanups.unshift(() => clearRedisPrefix(TEST_REDIS_URL!, prefix));
  return prefix;
}

const until = (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5000) => waitFor(what, check, timeoutMs);

describe.skipIf(!TEST_REDIS_URL)('Redis plumbing of cluster mode', () => {
  it('refuses to start with a clear message, without the password, when Redis is unreachable', async () => {
    const err = await connectRedis('redis://sixty:hunter2@127.0.0.1:1', { prefix: 'x', log }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StartupError);
    expect((err as Error).message).toContain('Cannot connect to Redis at redis://127.0.0.1:1 (ECONNREFUSED)');
    expect((err as Error).message).not.toContain('hunter2');
  });

  it('counts rate limits of two processes against one budget, with Retry-After from the window end', async () => {
    const prefix = freshPrefix();
    const a = new RedisRateLimiter(await processOn(prefix), log);
    const b = new RedisRateLimiter(await processOn(prefix), log);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await (i % 2 ? b : a).hit('signin:ip:10.0.0.1', 5, 60_000, T + i * 1000));
    expect(results.every((r) => r.ok)).toBe(true);
    // The window opened at T; the sixth hit, from either process, is refused until T + 60 s.
    expect(await a.hit('signin:ip:10.0.0.1', 5, 60_000, T + 10_000)).toEqual({ ok: false, retryAfterSec: 50 });
    expect(await b.hit('signin:ip:10.0.0.1', 5, 60_000, T + 30_500)).toEqual({ ok: false, retryAfterSec: 30 });
    // Other keys have budgets of their own; a new window opens when the old one ends.
    expect(await b.hit('signin:ip:10.0.0.2', 5, 60_000, T + 30_500)).toEqual({ ok: true });
    expect(await a.hit('signin:ip:10.0.0.1', 5, 60_000, T + 60_000)).toEqual({ ok: true });
  });

  it('falls back to its own counters, without waiting, while Redis is away', async () => {
    const redis = await processOn(freshPrefix());
    const limiter = new RedisRateLimiter(redis, log);
    redis.client.destroy();
    expect(await limiter.hit('k', 1, 60_000, T)).toEqual({ ok: true });
    expect(await limiter.hit('k', 1, 60_000, T + 1000)).toEqual({ ok: false, retryAfterSec: 59 });
  });

  it("judges a visitor's pace across processes exactly as one process does", async () => {
    const prefix = freshPrefix();
    const processes = [new RedisBotFilter(await processOn(prefix), log), new RedisBotFilter(await processOn(prefix), log)];
    const memory = new MemoryBotFilter();
    // Batches of (events, page-view times, now): a burst over the per-second cap, a new second,
    // then page views faster than a person clicks.
    const batches: Array<[number, number[], number]> = [
      [6, [T], T],
      [6, [], T + 300],
      [3, [], T + 1200],
      [2, [T + 1300, T + 1500], T + 1500],
      [1, [T + 1600, T + 1700], T + 1700],
      [1, [T + 1750], T + 1800],
    ];
    const verdicts = [];
    for (const [i, [events, pages, now]] of batches.entries()) {
      const shared = await processes[i % 2]!.check('site:visitor', events, pages, 10, now);
      expect(shared).toEqual(await memory.check('site:visitor', events, pages, 10, now));
      verdicts.push(shared.ok ? shared.keep : shared.why);
    }
    expect(verdicts).toEqual([6, 4, 3, 2, 1, 'page_speed']);
  });

  it('tells the other processes to drop a site from their cache', async () => {
    const prefix = freshPrefix();
    const a = await siteCachePeers(await processOn(prefix));
    const b = await siteCachePeers(await processOn(prefix));
    const dropped: Array<string | null> = [];
    b.subscribe((key) => dropped.push(key));
    a.publish('site-key-1');
    a.publish(null);
    await until('both invalidations', () => dropped.length === 2);
    expect(dropped).toEqual(['site-key-1', null]);
  });

  describe('presence', () => {
    const HEARTBEAT_MS = 500;
    const TTL_MS = 1500;
    /** Heartbeats too rare to matter within a test: whatever changes must have been pushed. */
    const NO_HEARTBEAT = { heartbeatMs: 600_000, ttlMs: 1_200_000 };

    async function node(prefix: string, nodeId: string, timing = { heartbeatMs: HEARTBEAT_MS, ttlMs: TTL_MS }) {
      const online = await ClusterOnlineReps.start(await processOn(prefix), { nodeId, log, ...timing });
      cleanups.push(() => online.close());
      return online;
    }

    it("sees the other process's reps come and go at once", async () => {
      const prefix = freshPrefix();
      // No heartbeat runs after start-up, so every change seen here was pushed: no timing bound
      // is needed to tell a push from a heartbeat (which a stalled machine could blur).
      const a = await node(prefix, 'a', NO_HEARTBEAT);
      const b = await node(prefix, 'b', NO_HEARTBEAT);

      expect(a.connect('rep-1', 's1')).toBe(true);
      expect(a.connect('rep-1', 's2')).toBe(false);
      expect(a.set.has('rep-1')).toBe(true);
      await until('b to see rep-1', () => b.set.has('rep-1'));

      // A rep already online elsewhere still counts as new on this process.
      expect(b.connect('rep-1', 's3')).toBe(true);
      expect(b.connect('rep-2', 's4')).toBe(true);
      await until('a to see rep-2', () => a.set.has('rep-2'));

      expect(a.disconnect('rep-1', 's1')).toBe(false);
      expect(a.disconnect('rep-1', 's2')).toBe(true);
      // Still connected through b (time for a wrong push to land).
      await new Promise((r) => setTimeout(r, 200));
      expect(a.set.has('rep-1')).toBe(true);
      expect(b.disconnect('rep-1', 's3')).toBe(true);
      await until('rep-1 gone everywhere', () => !a.set.has('rep-1') && !b.set.has('rep-1'));
      expect([...a.set]).toEqual(['rep-2']);

      // A process that stops cleanly takes its reps with it at once.
      await b.close();
      await until('rep-2 gone after b closed', () => !a.set.has('rep-2'));
    });

    it("sees the other process's tabs that can take browser calls come and go, per socket", async () => {
      const prefix = freshPrefix();
      const a = await node(prefix, 'a', NO_HEARTBEAT);
      const b = await node(prefix, 'b', NO_HEARTBEAT);
      a.connect('rep-1', 's1');
      a.connect('rep-1', 's2');
      expect(a.callCapable('rep-1', 's1', true)).toBe(true);
      await until('b to see rep-1 can take calls', () => b.callTabs.has('rep-1'));
      // Another tab of the same rep changes nothing; losing the microphone on the first does.
      expect(a.callCapable('rep-1', 's2', true)).toBe(false);
      expect(a.callCapable('rep-1', 's1', false)).toBe(false);
      await new Promise((r) => setTimeout(r, 200));
      expect(b.callTabs.has('rep-1')).toBe(true);
      // The last capable tab closes: the rep is online (s1) but can take no call anywhere.
      a.disconnect('rep-1', 's2');
      await until('rep-1 no longer able to take calls on b', () => !b.callTabs.has('rep-1'));
      expect(b.set.has('rep-1')).toBe(true);
    });

    it('learns reps that were online before it started, and keeps a snapshot stable', async () => {
      const prefix = freshPrefix();
      const a = await node(prefix, 'a');
      a.connect('rep-1', 's1');
      await new Promise((r) => setImmediate(r));
      await until('a to write its key', async () => (await (await processOn(prefix)).client.get(`${prefix}:online:a`))?.includes('rep-1') ?? false);
      const b = await node(prefix, 'b');
      expect(b.set.has('rep-1')).toBe(true);
      const snapshot = b.set;
      a.connect('rep-2', 's2');
      await until('b to see rep-2', () => b.set.has('rep-2'));
      expect(snapshot.has('rep-2')).toBe(false);
    });

    it('drops the reps of a process killed without a word within the TTL plus one heartbeat', async () => {
      const prefix = freshPrefix();
      const a = await node(prefix, 'a');
      const b = await node(prefix, 'b');
      a.connect('rep-1', 's1');
      await until('b to see rep-1', () => b.set.has('rep-1'));
      a.halt();
      const killedAt = Date.now();
      // What a's key had left when it went silent: b may drop rep-1 only once the key is gone.
      // Measured, not assumed from the heartbeat, so a stalled timer cannot break the bound.
      const left = await (await processOn(prefix)).client.pTTL(`${prefix}:online:a`);
      await until('rep-1 dropped', () => !b.set.has('rep-1'), 30_000);
      const after = Date.now() - killedAt;
      expect(after).toBeGreaterThanOrEqual(left - 10); // ms rounding of the two clocks
      // Nominally TTL plus one heartbeat of b; generous, for a loaded machine.
      expect(after).toBeLessThanOrEqual(TTL_MS + HEARTBEAT_MS + 5000);
      expect(a.set.has('rep-1')).toBe(true);
    });
  });

  describe('socket.io across servers (streams adapter)', () => {
    async function liveServer(prefix: string, name?: string): Promise<{ io: Server; url: string; sockets: Map<string, ServerSocket> }> {
      const http: HttpServer = createServer();
      const io = createLive(http, await processOn(prefix, name));
      const sockets = new Map<string, ServerSocket>();
      io.of('/rep').on('connection', (socket) => {
        const { rep, session } = socket.handshake.auth as { rep: string; session: string };
        socket.data.sessionHash = session;
        sockets.set(session, socket);
        void socket.join([`rep:${rep}`, `session:${session}`]);
      });
      await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
      cleanups.push(() => new Promise<void>((r) => io.close(() => r())));
      return { io, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, sockets };
    }

    /** Until a room emit from `from` reaches `socket`: the other server's stream reader is running. */
    async function streamFlowing(from: Server, socket: Socket, room: string) {
      let seen = false;
      socket.on('ready', () => (seen = true));
      await until('the stream to flow', () => {
        from.of('/rep').to(room).emit('ready');
        return seen;
      });
    }

    function client(url: string, auth: Record<string, string>): Promise<Socket> {
      const socket = connectClient(`${url}/rep`, { transports: ['websocket'], auth, reconnection: false, forceNew: true });
      cleanups.push(() => void socket.close());
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    }

    it('delivers an emit made on one server to a client of the other, and kicks it from there', async () => {
      const prefix = freshPrefix();
      const one = await liveServer(prefix);
      const two = await liveServer(prefix);
      const rep = await client(one.url, { rep: 'x', session: 'h1' });

      // Servers are counted by their subscriptions to the adapter's channel.
      await until('server two to see the socket on server one', async () => (await two.io.of('/rep').in('rep:x').fetchSockets()).length === 1);
      const [remote] = await two.io.of('/rep').fetchSockets();
      expect(remote!.data.sessionHash).toBe('h1');

      await streamFlowing(two.io, rep, 'rep:x');
      const got: unknown[] = [];
      rep.on('offer:new', (offer: unknown) => got.push(offer));
      two.io.of('/rep').to('rep:x').emit('offer:new', { offerId: 'o1' });
      two.io.of('/rep').to('rep:y').emit('offer:new', { offerId: 'not-for-x' });
      await until('the offer', () => got.length === 1);
      await new Promise((r) => setTimeout(r, 100));
      expect(got).toEqual([{ offerId: 'o1' }]);

      const reason = new Promise<string>((resolve) => rep.once('disconnect', resolve));
      two.io.of('/rep').in('rep:x').disconnectSockets(true);
      expect(await reason).toBe('io server disconnect');
    });

    it('hands a room emit to sockets of its own process at once, so a later direct reply never overtakes it', async () => {
      const prefix = freshPrefix();
      const one = await liveServer(prefix);
      await liveServer(prefix);
      const rep = await client(one.url, { rep: 'x', session: 'h1' });
      const order: string[] = [];
      rep.on('offer:new', () => order.push('room emit'));
      rep.on('ack', () => order.push('direct reply'));
      one.io.of('/rep').to('rep:x').emit('offer:new', {});
      one.sockets.get('h1')!.emit('ack');
      await until('both', () => order.length === 2);
      expect(order).toEqual(['room emit', 'direct reply']);
    });

    it('delivers what was emitted while a server was cut off from Redis once it is back', async () => {
      const prefix = freshPrefix();
      const one = await liveServer(prefix, `${prefix}:one`);
      const two = await liveServer(prefix);
      const rep = await client(one.url, { rep: 'x', session: 'h1' });
      await streamFlowing(two.io, rep, 'rep:x');
      const got: unknown[] = [];
      rep.on('offer:new', (offer: unknown) => got.push(offer));

      // Every connection of server one drops (a blip); server two emits meanwhile.
      const admin = await processOn(prefix);
      const list = String(await admin.client.sendCommand(['CLIENT', 'LIST']));
      const ids = [...list.matchAll(/^id=(\d+) .*name=(\S*)/gm)].filter((m) => m[2] === `${prefix}:one`).map((m) => m[1]!);
      expect(ids.length).toBeGreaterThanOrEqual(3);
      for (const id of ids) await admin.client.sendCommand(['CLIENT', 'KILL', 'ID', id]);
      two.io.of('/rep').to('rep:x').emit('offer:new', { offerId: 'during-the-blip' });

      // Server one reads the stream from where it was.
      await until('the offer after the blip', () => got.length === 1);
      expect(got).toEqual([{ offerId: 'during-the-blip' }]);
    });

    it('ends the connections of one signed-out session on any server', async () => {
      const prefix = freshPrefix();
      const one = await liveServer(prefix);
      const two = await liveServer(prefix);
      const signedOut = await client(one.url, { rep: 'x', session: 'h1' });
      const other = await client(two.url, { rep: 'x', session: 'h2' });
      await until('both sockets seen from server two', async () => (await two.io.of('/rep').in('rep:x').fetchSockets()).length === 2);

      await streamFlowing(two.io, signedOut, 'session:h1');
      const reason = new Promise<string>((resolve) => signedOut.once('disconnect', resolve));
      two.io.of('/rep').in('session:h1').disconnectSockets(true);
      expect(await reason).toBe('io server disconnect');
      await new Promise((r) => setTimeout(r, 200));
      expect(other.connected).toBe(true);
    });
  });
});
