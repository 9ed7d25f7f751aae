// Load generators in their own processes (child_process.fork), driven by typed calls over IPC,
// so the generators never share an event loop with the server or with each other.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Tasks } from './workers/tasks';
import { stopChild } from './server-process';

const WORKER = fileURLToPath(new URL('./workers/worker.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export class BenchWorker {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(
    private readonly child: ChildProcess,
    readonly name: string,
  ) {
    child.on('message', (m: Reply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(`[${name}] ${m.error}`));
    });
    child.on('exit', (code, signal) => {
      for (const p of this.pending.values()) p.reject(new Error(`[${name}] worker exited (${code ?? signal})`));
      this.pending.clear();
    });
  }

  static async start(name: string): Promise<BenchWorker> {
    const child = fork(WORKER, [name], {
      cwd: REPO_ROOT,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`worker ${name} exited with ${code} on start`)));
    });
    return new BenchWorker(child, name);
  }

  call<K extends keyof Tasks>(task: K, args: Parameters<Tasks[K]>[0]): Promise<Awaited<ReturnType<Tasks[K]>>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, task, args });
    });
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}

/** Starts `n` workers named `<prefix>-<i>`. */
export function startWorkers(prefix: string, n: number): Promise<BenchWorker[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => BenchWorker.start(`${prefix}-${i + 1}`)));
}
