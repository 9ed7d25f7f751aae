// Which reps have a live connection now. Presence is derived from this plus the rep's own choice.

/**
 * Read on every routing decision, so `set` is synchronous: a cluster implementation
 * (cluster/cluster-online.ts) keeps the union of every process's reps in memory.
 */
export interface OnlineReps {
  /** True when this is the rep's first live connection on this process (they may have just come online). */
  connect(repId: string, socketId: string): boolean;
  /** True when the rep's last connection on this process closed. */
  disconnect(repId: string, socketId: string): boolean;
  /** Reps with a live connection anywhere. */
  readonly set: ReadonlySet<string>;
  /**
   * One socket's tab can take browser calls now (a microphone granted and present), or no longer
   * can (`calls:capable`). True when the rep went from no such tab to one on this process, or back.
   */
  callCapable(repId: string, socketId: string, capable: boolean): boolean;
  /** Reps with a live tab that can take a browser call, anywhere (routing reads it: take-call.core.ts). */
  readonly callTabs: ReadonlySet<string>;
  close(): Promise<void>;
}

/** One process: its own sockets are all there is. */
export class LocalOnlineReps implements OnlineReps {
  private readonly sockets = new Map<string, Set<string>>();
  private readonly ids = new Set<string>();
  /** Each rep's sockets that can take a browser call; a rep is in `calls` while one is open. */
  private readonly capable = new Map<string, Set<string>>();
  private readonly calls = new Set<string>();

  connect(repId: string, socketId: string): boolean {
    let set = this.sockets.get(repId);
    if (!set) this.sockets.set(repId, (set = new Set()));
    set.add(socketId);
    const first = !this.ids.has(repId);
    this.ids.add(repId);
    return first;
  }

  disconnect(repId: string, socketId: string): boolean {
    this.callCapable(repId, socketId, false);
    const set = this.sockets.get(repId);
    if (!set) return false;
    set.delete(socketId);
    if (set.size > 0) return false;
    this.sockets.delete(repId);
    this.ids.delete(repId);
    return true;
  }

  get set(): ReadonlySet<string> {
    return this.ids;
  }

  callCapable(repId: string, socketId: string, capable: boolean): boolean {
    // Only a connected socket counts: a report that arrives after its disconnect is ignored.
    if (capable && !this.sockets.get(repId)?.has(socketId)) return false;
    let tabs = this.capable.get(repId);
    if (capable) {
      if (!tabs) this.capable.set(repId, (tabs = new Set()));
      tabs.add(socketId);
    } else tabs?.delete(socketId);
    if (tabs && tabs.size === 0) this.capable.delete(repId);
    const had = this.calls.has(repId);
    if (this.capable.has(repId)) this.calls.add(repId);
    else this.calls.delete(repId);
    return had !== this.calls.has(repId);
  }

  get callTabs(): ReadonlySet<string> {
    return this.calls;
  }

  async close(): Promise<void> {}
}

/** The single-process default, under the name the tests and the simulation construct. */
export const OnlineReps = LocalOnlineReps;
