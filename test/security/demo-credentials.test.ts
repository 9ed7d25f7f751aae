// Finding 7: demo mode was on unless turned off, the server listened on 0.0.0.0, and every demo
// install had the same sign-in (`admin@demo.sixty` / `sixty-demo`). Now each install generates its
// own password at first start, keeps it beside the database (mode 0600), prints it, and
// `npm run demo:credentials` prints it again; a database seeded with the old password gets a new one.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBackend } from '../../server/db/backend';
import { RETIRED_DEMO_PASSWORD, seedDemo } from '../../server/demo/seed';
import { PROCESS_STARTS, cleanUpSpawned, freePort, start, tempDir } from '../helpers/spawn-sixty';
import { storeRules } from '../../server/routing/store-rules';

afterEach(cleanUpSpawned);

const signIn = (base: string, email: string, password: string) =>
  fetch(`${base}/v1/console/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) }).then(
    (r) => r.status,
  );

/** Starts `npm start`'s process on a fresh port; returns its base URL and printed admin password. */
async function startSixty(db: string) {
  const port = await freePort();
  const p = start({ PORT: String(port), SIXTY_DB: db, SIXTY_DEMO_PASSWORD: '' });
  await p.waitFor('Sixty is running');
  await p.waitFor('Embed snippet');
  const printed = /admin\s+admin@demo\.sixty\s+password: (\S+)/.exec(p.output())?.[1];
  return { p, base: `http://127.0.0.1:${port}`, printed: printed! };
}

describe('the demo sign-in', () => {
  it('is generated per install, kept beside the database readable by its owner only, printed, and printed again on demand', PROCESS_STARTS, async () => {
    const dirA = tempDir();
    const a = await startSixty(join(dirA, 'sixty.db'));
    const file = join(dirA, 'demo-password');
    expect(readFileSync(file, 'utf8').trim()).toBe(a.printed);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(a.printed).not.toBe(RETIRED_DEMO_PASSWORD);
    expect(a.printed.length).toBeGreaterThanOrEqual(15);
    expect(await signIn(a.base, 'admin@demo.sixty', RETIRED_DEMO_PASSWORD)).toBe(401);
    expect(await signIn(a.base, 'admin@demo.sixty', a.printed)).toBe(200);

    // Another install knows nothing of this one's password.
    const b = await startSixty(join(tempDir(), 'sixty.db'));
    expect(b.printed).not.toBe(a.printed);
    expect(await signIn(b.base, 'dana@demo.sixty', a.printed)).toBe(401);

    // The terminal scrolled away: one command prints the sign-in and the URLs again.
    const again = start({ SIXTY_DB: join(dirA, 'sixty.db'), SIXTY_DEMO_PASSWORD: '', PORT: '3000' }, 'scripts/demo-credentials.ts');
    expect(await again.exited).toBe(0);
    expect(again.output()).toContain(`admin@demo.sixty  password: ${a.printed}`);
    expect(again.output()).toContain('http://localhost:3000/console/');
  });

  it('retires the old fixed password of a demo database seeded before it was generated', PROCESS_STARTS, async () => {
    const dir = tempDir();
    const db = join(dir, 'sixty.db');
    const old = await openBackend({ dbPath: db, databaseUrl: null }, storeRules);
    await seedDemo(old.store, Date.now(), 20_000, RETIRED_DEMO_PASSWORD);
    await old.close();
    const s = await startSixty(db);
    expect(s.printed).not.toBe(RETIRED_DEMO_PASSWORD);
    expect(await signIn(s.base, 'admin@demo.sixty', RETIRED_DEMO_PASSWORD)).toBe(401);
    expect(await signIn(s.base, 'sam@demo.sixty', s.printed)).toBe(200);
  });
});
