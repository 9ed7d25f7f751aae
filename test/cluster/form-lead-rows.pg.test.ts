// The forms' lead rows for a range (FormsStore.leadRows with { from, to }, which Numbers' form
// figures read) on PostgreSQL against its SQLite twin: submissions before, inside and at the end of
// the range, and only those inside come back, the same rows as all of them filtered by time.
// Runs on the cluster suite's PostgreSQL and, in npm test, on PGlite (test/helpers/pg-under-test).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Qualification } from '../../shared/qualify/types';
import { planCapture } from '../../server/capture/plan-capture.core';
import { createFormsOps as pgForms } from '../../server/db/pg/forms-ops';
import type { PgDb } from '../../server/db/pg/open';
import { createPgStore } from '../../server/db/pg/pg-store';
import { createFormsOps as sqliteForms } from '../../server/db/sqlite/forms-ops';
import { openDatabase, type Db } from '../../server/db/sqlite/open';
import { createSqliteStore } from '../../server/db/sqlite/sqlite-store';
import type { Site } from '../../server/db/store';
import { seedDemo } from '../../server/demo/seed';
import type { FormsStore } from '../../server/forms/forms-store';
import { storeRules } from '../../server/routing/store-rules';
import { PG } from '../helpers/pg-under-test';
import { TEST_DEMO_PASSWORD } from '../helpers/test-server';

const COLD: Qualification = { fit: { status: 'passes', missing: [] }, score: 10, handRaise: false, mql: false, hot: false, reasons: [], rulesVersion: 1 };
const DAY = 24 * 3600 * 1000;
const T0 = Date.UTC(2026, 5, 1);
const RANGE = { from: T0 + 10 * DAY, to: T0 + 20 * DAY };
/** Submission times: before the range, its first instant, inside, its end (excluded), after. */
const TIMES = [T0 + 2 * DAY, RANGE.from, T0 + 15 * DAY, RANGE.to, T0 + 25 * DAY];

describe(`form lead rows of a range on ${PG.name} and SQLite`, () => {
  let url: string;
  let dir: string;
  let sqliteDb: Db;
  let pgDb: PgDb;
  const sides: Array<{ name: string; forms: FormsStore; site: Site }> = [];

  beforeAll(async () => {
    url = await PG.createDatabase();
    dir = mkdtempSync(join(tmpdir(), 'sixty-form-rows-'));
    sqliteDb = openDatabase(join(dir, 'sixty.db'));
    [pgDb] = (await PG.openPools(url, 1, 4)) as [PgDb];
    const made = [
      {
        name: 'sqlite',
        store: createSqliteStore(sqliteDb, storeRules),
        forms: sqliteForms(sqliteDb),
      },
      {
        name: 'postgres',
        store: createPgStore(pgDb, storeRules),
        forms: pgForms(pgDb),
      },
    ];
    for (const m of made) {
      const { siteKey } = await seedDemo(m.store, T0 - DAY, 20_000, TEST_DEMO_PASSWORD);
      const site = (await m.store.siteByKey(siteKey))!;
      const leads: string[] = [];
      for (const [i, now] of TIMES.entries()) {
        const made = await m.store.commitCapture(
          planCapture({
            site,
            name: `Form lead ${i}`,
            phoneE164: `+4420794600${10 + i}`,
            email: null,
            answers: {},
            pageUrl: 'https://example.com/contact',
            referrer: null,
            visitorId: null,
            qualification: COLD,
            stage: 'lead',
            idempotency: null,
            now,
          }),
          null,
        );
        if (made.kind !== 'created') throw new Error(`capture ${i}: ${made.kind}`);
        leads.push(made.leadId);
      }
      for (const [i, now] of TIMES.entries())
        await m.forms.recordSubmission({
          site,
          formKey: i % 2 ? 'quote' : 'contact',
          formName: i % 2 ? 'Quote' : 'Contact',
          leadId: leads[i]!,
          pageUrl: 'https://example.com/contact',
          answers: {},
          joined: true,
          now,
        });
      sides.push({ name: m.name, forms: m.forms, site });
    }
  });

  afterAll(async () => {
    await pgDb?.$client.end();
    sqliteDb?.$client.close();
    if (url) await PG.dropDatabase(url);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives the submissions in [from, to) only, the rows all time gives for them', async () => {
    const byTime = (a: { submittedAt: number }, b: { submittedAt: number }) => a.submittedAt - b.submittedAt;
    const results = [];
    for (const side of sides) {
      const all = await side.forms.leadRows(side.site.id);
      const inRange = await side.forms.leadRows(side.site.id, RANGE);
      expect(all.map((r) => r.submittedAt).sort((a, b) => a - b)).toEqual(TIMES);
      expect(inRange.map((r) => r.submittedAt).sort((a, b) => a - b)).toEqual([RANGE.from, T0 + 15 * DAY]);
      expect([...inRange].sort(byTime)).toEqual(all.filter((r) => r.submittedAt >= RANGE.from && r.submittedAt < RANGE.to).sort(byTime));
      results.push(inRange.map((r) => [r.formKey, r.submittedAt]).sort((a, b) => Number(a[1]) - Number(b[1])));
    }
    // Both dialects give the same submissions of the range.
    expect(results[1]).toEqual(results[0]);
  });
});
