// `npm run backup` while callbacks stream in: restoring the copy finds every lead acknowledged
// before the backup started.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackBody, postCallback, startTestServer, type TestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('npm run backup', () => {
  it('copies the live database under load, and the copy holds every acknowledged lead', async () => {
    const acknowledged: string[] = [];
    let stop = false;
    let n = 0;
    const load = (async () => {
      while (!stop) {
        const res = await postCallback(server.url, callbackBody(server.siteKey, { phone: `+1 415 555 01${String(n++ % 100).padStart(2, '0')}` }));
        if (res.status === 201) acknowledged.push(res.body.leadId);
      }
    })();
    let ackedBefore: string[];
    let stdout: string;
    const destination = join(server.dir, 'backup-under-load.db');
    try {
      // Under load first: some leads acknowledged before the backup starts (however slow the
      // machine), and requests still going while it runs.
      await waitFor('more than 5 acknowledged leads', () => acknowledged.length > 5, 20_000);
      ackedBefore = [...acknowledged];
      ({ stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', destination], {
        cwd: ROOT,
        env: { ...process.env, SIXTY_DB: server.deps.config.dbPath },
      }));
      // The load went on past the backup: at least one more lead acknowledged after it started.
      await waitFor('a lead acknowledged after the backup started', () => acknowledged.length > ackedBefore.length, 20_000);
    } finally {
      // Also when a wait failed: the load must end before the server is stopped under it.
      stop = true;
      await load;
    }
    expect(stdout).toMatch(/integrity ok/);
    expect(ackedBefore.length).toBeGreaterThan(5);
    expect(acknowledged.length).toBeGreaterThan(ackedBefore.length);

    const restored = new Database(destination, { readonly: true });
    const ids = new Set((restored.prepare('select id from leads').all() as Array<{ id: string }>).map((r) => r.id));
    restored.close();
    const missing = ackedBefore.filter((id) => !ids.has(id));
    expect(missing).toEqual([]);
  }, 60_000); // spawns the backup script through tsx: seconds on a busy machine
});
