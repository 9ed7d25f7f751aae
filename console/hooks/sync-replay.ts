// A snapshot asked for over the socket (`offers:sync` on connect) answers after the server has
// read it, and pushes can overtake the answer: an offer that arrived or closed, or a presence that
// changed, while the server was still reading (always possible on PostgreSQL, where the read
// awaits, and across processes). Replacing the state with the snapshot would undo those pushes
// until the next reconnect. So pushes received while a sync is in flight are kept and applied
// again on top of its snapshot: each is a change the snapshot may predate, and applying one the
// snapshot already contains changes nothing (add by id, remove by id, set).

/** One push's effect on the state. */
export type Change<S> = (state: S) => S;

export class SyncReplay<S> {
  /** The sync in flight (a newer one supersedes it), and the pushes received since it was asked. */
  private current = 0;
  private pending: Array<Change<S>> | null = null;

  /** A sync is being asked for; returns its ticket. */
  begin(): number {
    this.pending = [];
    return ++this.current;
  }

  /** A push arrived: returns it, remembered when a sync is in flight. */
  note(change: Change<S>): Change<S> {
    this.pending?.push(change);
    return change;
  }

  /**
   * The sync's answer: the snapshot with the pushes since re-applied in order, or null when a
   * newer sync was asked for meanwhile (its answer is the one to wait for).
   */
  settle(ticket: number, snapshot: S): S | null {
    if (ticket !== this.current || !this.pending) return null;
    const state = this.pending.reduce((s, change) => change(s), snapshot);
    this.pending = null;
    return state;
  }

  /** The sync failed: stop remembering (unless a newer one is in flight). */
  abandon(ticket: number): void {
    if (ticket === this.current) this.pending = null;
  }
}
