// `npm start`'s process as a user meets it (server/main.ts in a child process), with its output
// collected; temp folders and children are cleaned up by `cleanUpSpawned` after each test.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
const children: ChildProcess[] = [];

export function cleanUpSpawned() {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'sixty-boot-'));
  dirs.push(d);
  return d;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Spawned servers start from the bare demo workspace unless a test asks for its history (`SIXTY_DEMO_HISTORY: '1'`). */
const NO_HISTORY = { SIXTY_DEMO_HISTORY: '0' };

/** Runs a TypeScript entry point of the repo (default: the server) with `env` added to this process's. */
export function start(env: Record<string, string>, entry = 'server/main.ts') {
  return watch(
    spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: ROOT,
      env: { ...process.env, SIXTY_LOG_LEVEL: 'warn', ...NO_HISTORY, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** Whether util-linux `script` is here to give a child a pseudo-terminal. */
export const CAN_OPEN_TERMINAL = existsSync('/usr/bin/script');

/**
 * Runs the server as `npm start` in a terminal: `script` gives it a pseudo-terminal for stdout
 * (`exec` makes node the terminal's process itself, so `terminalProcess` finds it for signals).
 * What the terminal shows is collected, with CR LF line ends.
 */
export function startInTerminal(env: Record<string, string>) {
  const command = `exec ${process.execPath} --import tsx server/main.ts`;
  const started = watch(
    spawn('/usr/bin/script', ['-qfec', command, '/dev/null'], {
      cwd: ROOT,
      env: { ...process.env, SIXTY_LOG_LEVEL: 'info', ...NO_HISTORY, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  /** The server's pid inside the terminal (the child of `script`). */
  const terminalProcess = () => Number(readFileSync(`/proc/${started.child.pid}/task/${started.child.pid}/children`, 'utf8').trim().split(' ')[0]);
  return { ...started, terminalProcess };
}

/**
 * How long a started server may take to print something. `npm start` compiles TypeScript as it
 * loads (tsx): a second or two alone, but 20 s was not enough beside a busy process and other
 * test files on 2 cores. Tests that start processes take PROCESS_STARTS as their timeout.
 */
export const PROCESS_START_MS = 60_000;
export const PROCESS_STARTS = { timeout: PROCESS_START_MS + 30_000 };

function watch(child: ChildProcess) {
  children.push(child);
  let out = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (text: string, ms = PROCESS_START_MS) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const tick = setInterval(() => {
        if (out.includes(text)) {
          clearInterval(tick);
          resolve();
        } else if (Date.now() - started > ms || child.exitCode !== null) {
          clearInterval(tick);
          reject(new Error(`never printed "${text}"; got:\n${out}`));
        }
      }, 50);
    });
  return { child, exited, waitFor, output: () => out };
}
