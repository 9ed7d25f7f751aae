// A clock and a scheduler that only move when the test says so, so routing runs deterministically.
import type { Scheduler } from '../../server/routing/scheduler';

export class FakeClock {
  constructor(public now: number) {}
  readonly read = () => this.now;
}

interface Task {
  at: number;
  seq: number;
  run: () => Promise<void>;
}

export class FakeScheduler implements Scheduler {
  private readonly tasks = new Map<string, Task>();
  private seq = 0;
  /** Tasks run so far (to see that a schedule exercised the timers). */
  ran = 0;

  constructor(private readonly clock: FakeClock) {}

  set(key: string, at: number, run: () => Promise<void>): void {
    this.tasks.set(key, { at, seq: this.seq++, run });
  }

  cancel(key: string): void {
    this.tasks.delete(key);
  }

  clear(): void {
    this.tasks.clear();
  }

  get size(): number {
    return this.tasks.size;
  }

  /** The earliest task (ties in the order they were set). */
  private next(): [string, Task] | null {
    let best: [string, Task] | null = null;
    for (const entry of this.tasks) {
      if (!best || entry[1].at < best[1].at || (entry[1].at === best[1].at && entry[1].seq < best[1].seq)) best = entry;
    }
    return best;
  }

  /**
   * Moves the clock to `until`, running every task due on the way at its own time (a task due
   * in the past runs now). `after` runs after each task, e.g. to check invariants.
   */
  async advanceTo(until: number, after: () => Promise<void> = async () => {}): Promise<void> {
    for (;;) {
      const next = this.next();
      if (!next || next[1].at > until) break;
      const [key, task] = next;
      // Check the world as it stands when time moved, before the task changes it.
      if (task.at > this.clock.now) {
        this.clock.now = task.at;
        await after();
      }
      this.tasks.delete(key);
      this.ran++;
      await task.run();
      await after();
    }
    this.clock.now = Math.max(this.clock.now, until);
    await after();
  }
}

/** A fake clock starting at `start` and the scheduler that follows it, as startTestServer takes them. */
export function fakeTime(start = Date.now()) {
  const clock = new FakeClock(start);
  const scheduler = new FakeScheduler(clock);
  return {
    clock,
    scheduler,
    /** For startTestServer / startServer: the whole server, routing timers included, on this time. */
    server: { clock: clock.read, scheduler },
    /** Moves time on by `ms`, running each routing timer due on the way at its own time. */
    advance: (ms: number) => scheduler.advanceTo(clock.now + ms),
  };
}
