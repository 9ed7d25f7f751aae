// The speed-pays and rep-fairness reads on PostgreSQL against their SQLite twins: the same
// generated history (test/helpers/speed-fairness-history.ts) in both, and both must give the
// answers its fixture states. Runs on the cluster suite's PostgreSQL and, in npm test, on PGlite.
import { storeRules } from '../../server/routing/store-rules';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgDb } from '../../server/db/pg/open';
import { createReportsOps as pgReports } from '../../server/db/pg/reports-ops';
import { openDatabase, type Db } from '../../server/db/sqlite/open';
import { createReportsOps as sqliteReports } from '../../server/db/sqlite/reports-ops';
import { repFairness } from '../../server/reports/rep-fairness.core';
import type { ReportsStore } from '../../server/reports/reports-store';
import { speedPays } from '../../server/reports/speed-pays.core';
import { PG } from '../helpers/pg-under-test';
import {
  EXPECTED_REPS,
  EXPECTED_SPEED_PAYS,
  EXPECTED_TEAMS,
  HISTORY_CURRENCY,
  HISTORY_FROM,
  HISTORY_TO,
  insertHistory,
  speedFairnessHistory,
} from '../helpers/speed-fairness-history';

const WS = 'w-speed-fairness';

describe(`speed pays and rep fairness on ${PG.name} (same answers as SQLite, as the history states)`, () => {
  let url: string;
  let dir: string;
  let sqliteDb: Db;
  let pgDb: PgDb;
  let sides: Array<[string, ReportsStore]>;

  beforeAll(async () => {
    url = await PG.createDatabase();
    [pgDb] = (await PG.openPools(url, 1, 4)) as [PgDb];
    dir = mkdtempSync(join(tmpdir(), 'sixty-speed-fairness-'));
    const dbPath = join(dir, 'sixty.db');
    sqliteDb = openDatabase(dbPath);
    const history = speedFairnessHistory(WS, 's-speed-fairness', { ownWorkspace: true });
    await insertHistory({ dbPath, databaseUrl: null }, history);
    await insertHistory({ dbPath: '', databaseUrl: url }, history);
    sides = [
      ['sqlite', sqliteReports(sqliteDb, storeRules)],
      ['postgres', pgReports(pgDb, storeRules)],
    ];
  });
  afterAll(async () => {
    sqliteDb?.$client.close();
    await pgDb?.$client.end();
    if (url) await PG.dropDatabase(url);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('buckets the hand-raises alike', async () => {
    const [s, p] = await Promise.all(sides.map(async ([, r]) => speedPays(await r.speedPaysLeads(WS, HISTORY_FROM, HISTORY_TO), HISTORY_FROM, HISTORY_TO)));
    expect(p).toEqual(s);
    expect(p!.buckets.map(({ bucket, leads, sql, won }) => ({ bucket, leads, sql, won }))).toEqual(EXPECTED_SPEED_PAYS.buckets);
    // Leads come back as the core reads them: numbers, the stage, and the stages reached as a list.
    const [lead] = await sides[1]![1].speedPaysLeads(WS, HISTORY_FROM, HISTORY_TO);
    expect(lead).toEqual({
      handRaiseAt: expect.any(Number),
      firstCallAt: expect.any(Number),
      stage: 'won',
      reached: expect.arrayContaining(['hot', 'opportunity', 'won']),
    });
  });

  it('gives the same rep and team figures', async () => {
    const [s, p] = await Promise.all(sides.map(async ([, r]) => repFairness(await r.fairnessFacts(WS, HISTORY_FROM, HISTORY_TO), HISTORY_FROM, HISTORY_TO)));
    expect(p).toEqual(s);
    expect(p!.currency).toBe(HISTORY_CURRENCY);
    for (const [rep, want] of Object.entries(EXPECTED_REPS)) expect(p!.reps.find((r) => r.repId === `sf-${rep}`)).toMatchObject(want);
    for (const [name, { members, ...want }] of Object.entries(EXPECTED_TEAMS)) {
      const team = p!.teams.find((t) => t.name === name)!;
      expect(team).toMatchObject(want);
      expect(team.members.map(({ name: n, weight, expectedShare, rotationOffers }) => ({ name: n, weight, expectedShare, rotationOffers }))).toEqual(members);
    }
  });
});
