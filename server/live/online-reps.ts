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
  close(): Promise<void>;
}

/** One process: its own sockets are all there is. */
export class LocalOnlineReps implements OnlineReps {
  private readonly sockets = new Map<string, Set<string>>();
  private readonly ids = new Set<string>();

  connect(repId: string, socketId: string): boolean {
    let set = this.sockets.get(repId);
    if (!set) this.sockets.set(repId, (set = new Set()));
    set.add(socketId);
    const first = !this.ids.has(repId);
    this.ids.add(repId);
    return first;
  }

  disconnect(repId: string, socketId: string): boolean {
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

  async close(): Promise<void> {}
}

/** The single-process default, under the name the tests and the simulation construct. */
export const OnlineReps = LocalOnlineReps;
