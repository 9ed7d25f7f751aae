// Which reps have a live connection on any process of the cluster, readable synchronously.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { LocalOnlineReps, type OnlineReps } from '../live/online-reps';
import type { RedisConnection } from './redis';
import { luaScript } from './lua-script';

/**
 * How often a process rewrites its reps and re-reads everyone's. One small Lua call per second
 * per process; short so a killed process's reps stop receiving offers within about 4 s, well
 * inside one offer timeout.
 */
const HEARTBEAT_MS = 1000;
/** A process silent this long is gone (killed, hung, cut off): its reps drop out. */
const TTL_MS = 3000;
/** Channel of join/leave pushes, under the install's prefix. */
const CHANNEL = 'online';

/** What a process says about itself, in its key and in each push. */
interface NodeState {
  /** Node id (SIXTY_NODE_ID). */
  n: string;
  /** Random per process start, so a restarted node with the same id is not mistaken for its past. */
  b: string;
  /** Grows with every change; an older state never overwrites a newer one. */
  s: number;
  /** Rep ids with a live socket on that process. */
  r: string[];
  /** Of those, the reps with a tab that can take a browser call (absent from a process that predates calls). */
  c?: string[];
}

/**
 * Refreshes this process's key and registry entry, drops registry entries whose key expired,
 * and returns every live process's state: one round trip per heartbeat.
 * KEYS: this node's key, the registry. ARGV: state JSON, TTL ms, node key prefix, node id.
 */
const BEAT = luaScript(`
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[4])
local states = {}
for _, node in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local state = redis.call('GET', ARGV[3] .. node)
  if state then table.insert(states, state) else redis.call('SREM', KEYS[2], node) end
end
return states
`);

export interface ClusterOnlineOptions {
  nodeId: string;
  log: Logger;
  heartbeatMs?: number;
  ttlMs?: number;
}

/**
 * Local sockets are counted as on one process. Each process keeps its rep ids in Redis under
 * `${prefix}:online:${nodeId}` with a TTL its heartbeat refreshes, pushes every change on a
 * channel so the others update their union at once, and rebuilds the union from every live
 * key on each heartbeat, so a process killed with kill -9 drops its reps within TTL plus one
 * heartbeat. Each key holds a versioned state (not a bare set) so a push and a heartbeat read
 * that cross on the wire cannot bring back a rep who left.
 *
 * `connect` is true for a rep's first socket on *this* process; the router then runs a routing
 * pass for the workspace, which is harmless when the rep was already online elsewhere. No hook
 * tells other processes to route when a rep appears: the process where the rep connected
 * already routes the workspace, and routing decisions are serialized by the database.
 */
export class ClusterOnlineReps implements OnlineReps {
  private readonly local = new LocalOnlineReps();
  private readonly boot = randomUUID();
  private seq = 0;
  /** Other processes' states, with the push counter when each was last heard on the channel. */
  private readonly remote = new Map<string, { state: NodeState; heardAt: number }>();
  /** Pushes received so far: orders pushes against heartbeat reads. */
  private pushes = 0;
  /** A fresh Set per change: a routing pass holding the old one keeps a consistent snapshot. */
  private union: ReadonlySet<string> = new Set();
  private callUnion: ReadonlySet<string> = new Set();
  private lastBeatAt: number;
  private flushQueued = false;
  private beating = false;
  private stopped = false;
  private warnedTwin = false;
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly redis: RedisConnection,
    private readonly nodeId: string,
    private readonly log: Logger,
    heartbeatMs: number,
    private readonly ttlMs: number,
  ) {
    this.lastBeatAt = Date.now();
    this.timer = setInterval(() => void this.beat(), heartbeatMs);
    this.timer.unref();
  }

  /** Subscribes, publishes this (empty) process and reads everyone else's reps before returning. */
  static async start(redis: RedisConnection, { nodeId, log, heartbeatMs = HEARTBEAT_MS, ttlMs = TTL_MS }: ClusterOnlineOptions): Promise<ClusterOnlineReps> {
    const online = new ClusterOnlineReps(redis, nodeId, log, heartbeatMs, ttlMs);
    await redis.subscribe(CHANNEL, (message) => online.heard(message));
    await online.beat();
    return online;
  }

  connect(repId: string, socketId: string): boolean {
    const first = this.local.connect(repId, socketId);
    if (first) this.changed();
    return first;
  }

  disconnect(repId: string, socketId: string): boolean {
    const hadCallTab = this.local.callTabs.has(repId);
    const last = this.local.disconnect(repId, socketId);
    if (last || hadCallTab !== this.local.callTabs.has(repId)) this.changed();
    return last;
  }

  get set(): ReadonlySet<string> {
    return this.union;
  }

  callCapable(repId: string, socketId: string, capable: boolean): boolean {
    const changed = this.local.callCapable(repId, socketId, capable);
    if (changed) this.changed();
    return changed;
  }

  get callTabs(): ReadonlySet<string> {
    return this.callUnion;
  }

  /** Leaves the cluster: the key goes and the others drop this process's reps at once. */
  async close(): Promise<void> {
    if (this.stopped) return;
    this.stop();
    if (!this.redis.client.isReady) return;
    this.seq++;
    const goodbye: NodeState = { ...this.state(), r: [], c: [] };
    await this.redis.client
      .multi()
      .del(this.keyOf(this.nodeId))
      .sRem(this.registryKey(), this.nodeId)
      .publish(this.channel(), JSON.stringify(goodbye))
      .exec()
      .catch((err: Error) => this.log.warn({ err: err.message }, 'leaving the presence registry failed'));
  }

  /** Stops the heartbeat without a word to Redis: what kill -9 leaves behind (for tests). */
  halt(): void {
    this.stop();
  }

  private stop() {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private changed() {
    this.seq++;
    this.rebuild();
    // Connections that arrive together go out in one write and one push.
    if (this.flushQueued) return;
    this.flushQueued = true;
    setImmediate(() => {
      this.flushQueued = false;
      void this.push();
    });
  }

  private async push() {
    if (this.stopped || !this.redis.client.isReady) return;
    const state = JSON.stringify(this.state());
    try {
      await this.redis.client
        .multi()
        .set(this.keyOf(this.nodeId), state, { PX: this.ttlMs })
        .sAdd(this.registryKey(), this.nodeId)
        .publish(this.channel(), state)
        .exec();
    } catch (err) {
      // The next heartbeat writes the same state.
      this.log.warn({ err: (err as Error).message }, 'presence push failed');
    }
  }

  private async beat() {
    if (this.stopped || this.beating) return;
    this.beating = true;
    const askedAt = this.pushes;
    try {
      if (!this.redis.client.isReady) throw new Error('Redis is not connected');
      const args = [JSON.stringify(this.state()), this.ttlMs, `${this.redis.prefix}:online:`, this.nodeId];
      const states = (await BEAT(this.redis.client, [this.keyOf(this.nodeId), this.registryKey()], args)) as string[];
      if (this.stopped) return;
      this.lastBeatAt = Date.now();
      this.applyRead(
        states.map(parse).filter((s): s is NodeState => s !== null),
        askedAt,
      );
    } catch (err) {
      // Cut off from Redis, nothing from other processes can be trusted (nor reach them):
      // once a TTL has passed their reps drop out, and only this process's count.
      if (Date.now() - this.lastBeatAt >= this.ttlMs && this.remote.size > 0) {
        this.log.warn({ err: (err as Error).message }, 'presence of other processes unknown; counting only reps connected here');
        this.remote.clear();
        this.rebuild();
      }
    } finally {
      this.beating = false;
    }
  }

  private heard(message: string) {
    if (this.stopped) return;
    const state = parse(message);
    if (!state) return;
    this.pushes++;
    if (state.n === this.nodeId) {
      if (state.b !== this.boot && !this.warnedTwin) {
        this.warnedTwin = true;
        this.log.error({ nodeId: this.nodeId }, 'another process uses this SIXTY_NODE_ID; give each process its own');
      }
      return;
    }
    const known = this.remote.get(state.n);
    // Pushes from one process arrive in order; a new boot is a restart.
    if (known && known.state.b === state.b && known.state.s > state.s) return;
    // A process that left stays as an empty state until a heartbeat read no longer lists it,
    // so a read that was already under way cannot bring its reps back.
    this.remote.set(state.n, { state, heardAt: this.pushes });
    this.rebuild();
  }

  /** A heartbeat read: newer than what we knew, unless a push arrived after we asked. */
  private applyRead(states: NodeState[], askedAt: number) {
    const seen = new Set<string>();
    for (const state of states) {
      if (state.n === this.nodeId) continue;
      seen.add(state.n);
      const known = this.remote.get(state.n);
      if (known && known.heardAt > askedAt) continue;
      if (known && known.state.b === state.b && known.state.s > state.s) continue;
      this.remote.set(state.n, { state, heardAt: known?.heardAt ?? 0 });
    }
    for (const [node, known] of this.remote) {
      if (!seen.has(node) && known.heardAt <= askedAt) this.remote.delete(node);
    }
    this.rebuild();
  }

  private rebuild() {
    const ids = new Set(this.local.set);
    for (const { state } of this.remote.values()) for (const id of state.r) ids.add(id);
    this.union = ids;
    const calls = new Set(this.local.callTabs);
    for (const { state } of this.remote.values()) for (const id of state.c ?? []) calls.add(id);
    this.callUnion = calls;
  }

  private state(): NodeState {
    return { n: this.nodeId, b: this.boot, s: this.seq, r: [...this.local.set], c: [...this.local.callTabs] };
  }

  private keyOf(nodeId: string) {
    return `${this.redis.prefix}:online:${nodeId}`;
  }

  private registryKey() {
    return `${this.redis.prefix}:online-nodes`;
  }

  private channel() {
    return `${this.redis.prefix}:${CHANNEL}`;
  }
}

function parse(raw: string): NodeState | null {
  try {
    const s = JSON.parse(raw) as NodeState;
    return typeof s.n === 'string' && typeof s.b === 'string' && typeof s.s === 'number' && Array.isArray(s.r) ? s : null;
  } catch {
    return null;
  }
}
