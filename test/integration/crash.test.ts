// kill -9 while callbacks stream in: after a restart on the same database, every acknowledged
// lead is there exactly once, retries of unacknowledged ones create no duplicates, and the
// offers that were open at the crash are offered again within 10 s.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { OfferView } from '../../shared/api';
import { callbackBody, connected, postCallback, repSocket, signIn, TEST_DEMO_PASSWORD } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sixty-crash-'));
const db = join(dir, 'sixty.db');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The real process, as `npm start` runs it, with the abuse limits off (documented settings). */
async function boot(port: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SIXTY_DB: db,
      SIXTY_LOG_LEVEL: 'warn',
      SIXTY_OFFER_TIMEOUT_MS: '60000',
      SIXTY_LIMIT_CALLBACKS_PER_IP: '0',
      SIXTY_LIMIT_CALLBACKS_PER_SITE: '0',
      SIXTY_LIMIT_CALLBACKS_PER_PHONE: '0',
      SIXTY_DUPLICATE_WINDOW_MS: '0',
      SIXTY_LIMIT_SIGNINS_PER_IP: '0',
      SIXTY_DEMO_PASSWORD: TEST_DEMO_PASSWORD,
      SIXTY_DEMO_HISTORY: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));
  const url = `http://127.0.0.1:${port}`;
  // tsx compiles the server on the way up: seconds on a busy 2-core CI machine, so 30 s.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (/Sixty is running/.test(out)) return { child, url };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server did not start:\n${out}`);
}

describe('crash and restart', () => {
  it('loses no acknowledged lead, duplicates none on retry, and re-offers open offers within 10 s', async () => {
    const port = await freePort();
    const first = await boot(port);
    const siteKey = (new Database(db, { readonly: true }).prepare('select site_key as k from sites').get() as { k: string }).k;
    const dana = repSocket(first.url, await signIn(first.url, 'dana@demo.sixty'));
    await connected(dana);
    await dana.emitWithAck('presence:set', 'available');

    const acked = new Map<string, string>(); // idempotency key -> lead id
    const sent: string[] = [];
    let crashed = false;
    const stream = (async () => {
      for (let i = 0; !crashed; i++) {
        const key = `crash-test-${i}`;
        sent.push(key);
        try {
          const res = await postCallback(first.url, callbackBody(siteKey, { phone: `+1 415 555 01${String(i % 100).padStart(2, '0')}` }), { key });
          if (res.status === 201) acked.set(key, res.body.leadId);
        } catch {
          // The connection died with the process: this one was never acknowledged.
        }
      }
    })();
    // Killed mid-stream, after at least 400 ms of it and once more than 5 leads are acknowledged
    // (however slow the machine): requests are still in flight at the kill.
    const streamStart = Date.now();
    try {
      await waitFor('more than 5 acknowledged leads', () => acked.size > 5 && Date.now() - streamStart >= 400, 20_000);
    } finally {
      // Also when the wait failed: the stream must end, not spin against a dead port.
      first.child.kill('SIGKILL');
      crashed = true;
      await stream;
    }
    dana.close();
    expect(acked.size).toBeGreaterThan(5);
    const openAtCrash = (
      new Database(db, { readonly: true }).prepare("select lead_id as id from offers where status = 'offered'").all() as Array<{ id: string }>
    ).map((r) => r.id);

    const second = await boot(port);
    // Every acknowledged lead is present exactly once.
    const rows = new Database(db, { readonly: true }).prepare('select id from leads').all() as Array<{ id: string }>;
    const ids = new Set(rows.map((r) => r.id));
    expect([...acked.values()].filter((id) => !ids.has(id))).toEqual([]);
    // Retrying every request (acknowledged or not) with its key creates nothing new for the acknowledged ones.
    const before = rows.length;
    let newLeads = 0;
    for (const key of sent) {
      const i = Number(key.split('-').pop());
      const res = await postCallback(second.url, callbackBody(siteKey, { phone: `+1 415 555 01${String(i % 100).padStart(2, '0')}` }), { key });
      if (acked.has(key)) expect([res.status, res.body.leadId]).toEqual([200, acked.get(key)]);
      else if (res.status === 201) newLeads++;
    }
    const after = (new Database(db, { readonly: true }).prepare('select count(*) as n from leads').get() as { n: number }).n;
    expect(after).toBe(before + newLeads);

    // The offers open at the crash reach the rep again within 10 s of reconnecting.
    const t0 = Date.now();
    const again = repSocket(second.url, await signIn(second.url, 'dana@demo.sixty'));
    const seen = new Set<string>();
    again.on('offer:new', (o: OfferView) => seen.add(o.leadId));
    await connected(again);
    const sync = await again.emitWithAck('offers:sync');
    if (sync.ok) for (const o of sync.data.offers) seen.add(o.leadId);
    for (let i = 0; i < 100 && openAtCrash.some((id) => !seen.has(id)); i++) await new Promise((r) => setTimeout(r, 100));
    expect(openAtCrash.filter((id) => !seen.has(id))).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(10_000);
    again.close();
    second.child.kill('SIGTERM');
  }, 120_000); // two boots of up to 30 s each, on a busy machine
});
