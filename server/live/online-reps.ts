// Which reps have a live connection now. Presence is derived from this plus the rep's own choice.

export class OnlineReps {
  private readonly sockets = new Map<string, Set<string>>();
  private readonly ids = new Set<string>();

  /** True when this is the rep's first live connection (they just came online). */
  connect(repId: string, socketId: string): boolean {
    let set = this.sockets.get(repId);
    if (!set) this.sockets.set(repId, (set = new Set()));
    set.add(socketId);
    const first = !this.ids.has(repId);
    this.ids.add(repId);
    return first;
  }

  /** True when the rep's last connection closed (they went offline). */
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
}
