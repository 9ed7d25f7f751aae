// A real Sixty server in its own process, as `npm start` runs it (built widget and console, tsx),
// on a fresh SQLite file in a temp folder, with the bench-only routes on (SIXTY_BENCH=1).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProfileSummary } from '../../server/bench/profile-summary';
import type { SeededWorkspace } from '../../server/bench/seed';
import { withFileLimit } from './machine';

/**
 * Abuse limits switched off for the bench server through their documented environment
 * variables (0 = off): one loopback address sends every request, far faster than any visitor.
 */
export const BENCH_LIMITS_OFF: Record<string, string> = {
  SIXTY_LIMIT_CALLBACKS_PER_IP: '0',
  SIXTY_LIMIT_CALLBACKS_PER_SITE: '0',
  SIXTY_LIMIT_CALLBACKS_PER_PHONE: '0',
  SIXTY_DUPLICATE_WINDOW_MS: '0',
  SIXTY_LIMIT_EVENTS_PER_IP: '0',
  SIXTY_LIMIT_CONFIG_PER_IP: '0',
};

export interface ServerMemory {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  gcForced: boolean;
  openFiles: number | null;
  engineClients: number | null;
  benchNamespace: boolean;
}

export interface ServerCpu {
  /** Connected socket.io clients (all namespaces), or null before the bench namespace is up. */
  engineClients: number | null;
  userUs: number;
  systemUs: number;
  elu: { idle: number; active: number; utilization: number };
}

export interface BenchServer {
  url: string;
  pid: number;
  /** The soft open-file limit the server was started with. */
  fdLimit: number;
  seed(req: { name: string; reps: number; capacity?: number | null }): Promise<SeededWorkspace>;
  memory(): Promise<ServerMemory>;
  cpu(): Promise<ServerCpu>;
  profileStart(): Promise<void>;
  profileStop(path: string | null): Promise<ProfileSummary | null>;
  stop(): Promise<void>;
}

export async function startBenchServer(opts: {
  repoRoot: string;
  fdLimit: number;
  distDir: string;
  /** Extra environment, last (the cluster bench points processes at PostgreSQL and Redis). */
  env?: Record<string, string>;
}): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'sixty-bench-'));
  const [cmd, args] = withFileLimit(opts.fdLimit, [process.execPath, '--expose-gc', '--import', 'tsx', 'server/main.ts']);
  const child = spawn(cmd, args, {
    cwd: opts.repoRoot,
    env: {
      ...process.env,
      ...BENCH_LIMITS_OFF,
      NODE_ENV: 'production',
      SIXTY_BENCH: '1',
      SIXTY_DEMO: '0',
      SIXTY_LOG_LEVEL: 'warn',
      SIXTY_DB: join(dir, 'data', 'sixty.db'),
      SIXTY_DIST: opts.distDir,
      PORT: '0',
      // Loopback only: the bench routes have no auth. Clients may still bind any 127.0.0.x.
      HOST: '127.0.0.1',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[server] ${d}`));
  const listening = new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running on http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${out}`));
    });
  });
  const url = await listening.catch((err: unknown) => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  child.stdout!.resume();

  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };

  return {
    url,
    pid: child.pid!,
    fdLimit: opts.fdLimit,
    seed: (req) => call('POST', '/bench/seed', { capacity: null, ...req }),
    memory: () => call('GET', '/bench/memory'),
    cpu: () => call('GET', '/bench/cpu'),
    profileStart: () => call('POST', '/bench/profile/start'),
    profileStop: async (path) => (await call<{ summary: ProfileSummary | null }>('POST', '/bench/profile/stop', { path })).summary,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** SIGTERM (the server finishes in-flight work), then SIGKILL after 10 s. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
