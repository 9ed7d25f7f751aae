// `npm start`'s process as a user meets it: first start, refusals with clear messages, SIGTERM.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROCESS_STARTS, cleanUpSpawned, freePort, start, tempDir } from '../helpers/spawn-sixty';

afterEach(cleanUpSpawned);

describe('starting Sixty', PROCESS_STARTS, () => {
  it('creates the data folder and database, seeds the demo, prints URLs and sign-in, and stops cleanly on SIGTERM', async () => {
    const dir = tempDir();
    const port = await freePort();
    const db = join(dir, 'nested', 'data', 'sixty.db');
    const p = start({ PORT: String(port), SIXTY_DB: db });
    await p.waitFor('Sixty is running');
    expect(p.output()).toContain(`/console/`);
    // The demo password is this install's own, printed and kept beside the database.
    const password = readFileSync(join(dir, 'nested', 'data', 'demo-password'), 'utf8').trim();
    expect(p.output()).toContain(`dana@demo.sixty  password: ${password}`);
    expect(p.output()).toMatch(/<script async src="http:\/\/localhost:\d+\/s\/demo_[\w-]+\.js"><\/script>/);
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
    const setupToken = /Setup token \(that page asks for it\): (\S+)/.exec(p.output())![1]!;
    const res = await fetch(`${base}/v1/console/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspaceName: 'Beta Ltd', name: 'Bea Admin', email: 'bea@beta.test', password: 'correct horse battery', setupToken }),
    });
    expect(res.status).toBe(201);
    expect((await res.json()).role).toBe('admin');
    expect(await (await fetch(`${base}/v1/console/setup`)).json()).toEqual({ needsSetup: false });
    const again = await fetch(`${base}/v1/console/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspaceName: 'Evil', name: 'Eve', email: 'eve@evil.test', password: 'correct horse battery', setupToken }),
    });
    expect(again.status).toBe(409);
    expect((await fetch(`${base}/demo`)).status).toBe(404);
  });
});
