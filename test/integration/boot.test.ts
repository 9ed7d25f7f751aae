// `npm start`'s process as a user meets it: first start, refusals with clear messages, SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'sixty-boot-'));
  dirs.push(d);
  return d;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, SIXTY_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (text: string, ms = 20_000) =>
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

describe('starting Sixty', () => {
  it('creates the data folder and database, seeds the demo, prints URLs and sign-in, and stops cleanly on SIGTERM', async () => {
    const dir = tempDir();
    const port = await freePort();
    const db = join(dir, 'nested', 'data', 'sixty.db');
    const p = start({ PORT: String(port), SIXTY_DB: db });
    await p.waitFor('Sixty is running');
    expect(p.output()).toContain(`/console/`);
    expect(p.output()).toMatch(/dana@demo\.sixty\s+password: sixty-demo/);
    expect(p.output()).toMatch(/<script async src="http:\/\/localhost:\d+\/sixty\.js" data-site="demo_[\w-]+"><\/script>/);
    expect(existsSync(db)).toBe(true);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    // A clean close checkpoints the WAL into the main file.
    expect(!existsSync(`${db}-wal`) || statSync(`${db}-wal`).size === 0).toBe(true);
  });

  it('refuses to start when the port is taken, saying so', async () => {
    const port = await freePort();
    const blocker = createServer().listen(port, '0.0.0.0');
    try {
      const p = start({ PORT: String(port), SIXTY_DB: join(tempDir(), 'sixty.db') });
      expect(await p.exited).toBe(1);
      expect(p.output()).toContain(`Port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('refuses to start when the data folder cannot be created or written, saying so', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-file'), 'not a folder');
    const p = start({ PORT: String(await freePort()), SIXTY_DB: join(dir, 'a-file', 'data', 'sixty.db') });
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain('is not writable');
  });

  it('without demo mode, asks the first visitor of the console to create the first admin', async () => {
    const port = await freePort();
    const p = start({ PORT: String(port), SIXTY_DB: join(tempDir(), 'sixty.db'), SIXTY_DEMO: '0' });
    await p.waitFor('create the first admin');
    const base = `http://127.0.0.1:${port}`;
    expect(await (await fetch(`${base}/v1/console/setup`)).json()).toEqual({ needsSetup: true });
    const res = await fetch(`${base}/v1/console/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspaceName: 'Beta Ltd', name: 'Bea Admin', email: 'bea@beta.test', password: 'correct horse battery' }),
    });
    expect(res.status).toBe(201);
    expect((await res.json()).role).toBe('admin');
    expect(await (await fetch(`${base}/v1/console/setup`)).json()).toEqual({ needsSetup: false });
    const again = await fetch(`${base}/v1/console/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspaceName: 'Evil', name: 'Eve', email: 'eve@evil.test', password: 'correct horse battery' }),
    });
    expect(again.status).toBe(409);
    expect((await fetch(`${base}/demo`)).status).toBe(404);
  });
});
