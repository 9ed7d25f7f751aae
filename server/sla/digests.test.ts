// The digest sender on its own, over an in-memory SQLite store and a fake clock: a mail the SMTP
// server refuses is retried minutes later (its claim released) and then sent once; without SMTP
// nothing is claimed, so nothing is lost once mail is set up.
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/sqlite/open';
import { createReportsOps } from '../db/sqlite/reports-ops';
import { createSlaOps } from '../db/sqlite/sla-ops';
import { createSqliteStore } from '../db/sqlite/sqlite-store';
import { seedDemo } from '../demo/seed';
import type { Mail, Mailer } from '../mail/mailer';
import { storeRules } from '../routing/store-rules';
import { fakeTime } from '../../test/sim/fake-time';
import { startDigests, type Digests } from './digests';

/** Monday 7 December 2026, 06:00 UTC. */
const T0 = Date.UTC(2026, 11, 7, 6);
const EIGHT = Date.UTC(2026, 11, 7, 8);

let digests: Digests | null = null;
afterEach(async () => {
  await digests?.stop();
  digests = null;
});

async function setUp(mailer: Mailer) {
  const db = openDatabase(':memory:');
  const store = createSqliteStore(db, storeRules);
  await seedDemo(store, T0 - 86_400_000, 15_000, 'a password for tests');
  const admin = (await store.userByEmail('admin@demo.sixty'))!;
  const sla = createSlaOps(db);
  await sla.setDigest(admin.id, { workspaceId: admin.workspaceId, cadence: 'daily', timeZone: 'UTC', since: T0 });
  const time = fakeTime(T0);
  digests = startDigests({
    sla,
    reports: createReportsOps(db, storeRules),
    mailer,
    clock: time.clock.read,
    scheduler: time.scheduler,
    log: pino({ level: 'silent' }),
    origin: () => 'https://sixty.example.com',
  });
  digests.start();
  return { time, sla, adminId: admin.id };
}

describe('startDigests', () => {
  it('retries a refused mail five minutes later and sends the period once', async () => {
    const sent: Array<{ at: number; mail: Mail }> = [];
    let refusals = 1;
    const { time } = await setUp({
      enabled: true,
      async send(mail) {
        if (refusals-- > 0) throw new Error('421 try again later');
        sent.push({ at: time.clock.now, mail });
      },
    });
    await time.scheduler.advanceTo(EIGHT);
    expect(sent).toEqual([]);
    await time.scheduler.advanceTo(EIGHT + 5 * 60_000);
    expect(sent.map((s) => [s.at, s.mail.to])).toEqual([[EIGHT + 5 * 60_000, 'admin@demo.sixty']]);
    expect(sent[0]!.mail.text).toContain('See every figure in Numbers: https://sixty.example.com/console/numbers');
    await time.scheduler.advanceTo(EIGHT + 86_400_000 - 1);
    expect(sent).toHaveLength(1);
    await time.scheduler.advanceTo(EIGHT + 86_400_000);
    expect(sent).toHaveLength(2);
  });

  it('claims nothing while no SMTP server is set up', async () => {
    const { time, sla, adminId } = await setUp({ enabled: false, send: async () => expect.unreachable() });
    await time.scheduler.advanceTo(EIGHT + 3600_000);
    expect(await digests!.run()).toBe(0);
    // The period is still unclaimed: mail set up later can still send it.
    expect(await sla.claimDigest(adminId, 'daily:2026-12-07', EIGHT)).toBe(true);
  });
});
