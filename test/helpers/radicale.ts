// A real CalDAV server for the calendar tests: Debian's Radicale (installed by `npm test`'s
// pretest step, scripts/test-packages.ts) on a free loopback port, with its own storage folder
// and a users file, each user owning only their own calendars. Missing Radicale fails the test
// that needs it: a calendar suite that skipped would hide that nothing was checked.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './wait-for';

export interface RadicaleUser {
  name: string;
  password: string;
}

export interface Radicale {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Stops the server (the storage stays, so `start()` brings the same calendars back). */
  stop(): Promise<void>;
  /** Starts it again on the same port after `stop()`. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function requireRadicale(): void {
  const found = spawnSync('sh', ['-c', 'command -v radicale'], { encoding: 'utf8' });
  if (found.status !== 0)
    throw new Error("Radicale is not installed: `npm test`'s pretest step installs Debian's `radicale` (as root: apt-get install -y radicale)");
}

export async function startRadicale(users: readonly RadicaleUser[]): Promise<Radicale> {
  requireRadicale();
  const dir = mkdtempSync(join(tmpdir(), 'sixty-radicale-'));
  const port = await freePort();
  // Plain passwords are enough for a throwaway server; owner_only keeps each user to their own calendars.
  writeFileSync(join(dir, 'users'), users.map((u) => `${u.name}:${u.password}`).join('\n') + '\n');
  writeFileSync(
    join(dir, 'config'),
    [
      '[server]',
      `hosts = 127.0.0.1:${port}`,
      '[auth]',
      'type = htpasswd',
      `htpasswd_filename = ${join(dir, 'users')}`,
      'htpasswd_encryption = plain',
      // Radicale waits this long after a failed login; the wrong-password case should not.
      'delay = 0',
      '[rights]',
      'type = owner_only',
      '[storage]',
      `filesystem_folder = ${join(dir, 'collections')}`,
      '[web]',
      'type = none',
      '[logging]',
      'level = warning',
    ].join('\n'),
  );
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let output = '';

  async function start() {
    output = '';
    const started = spawn('radicale', ['--config', join(dir, 'config')], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    started.stdout!.on('data', (b) => (output += b));
    started.stderr!.on('data', (b) => (output += b));
    await waitFor(
      `Radicale answering on ${url}`,
      async () => {
        if (started.exitCode !== null) throw new Error(`Radicale exited (${started.exitCode}): ${output}`);
        return fetch(`${url}/`).then(
          () => true,
          () => false,
        );
      },
      20_000,
      50,
    );
  }

  async function stop() {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    await exited;
  }

  await start();
  return {
    url,
    port,
    start,
    stop,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
