// The attribution report's store read on PostgreSQL against its SQLite twin: the known month of
// test/fixtures/attribution-history.ts replayed through each dialect's tracking ingest and capture
// (the paths the server takes), deals closed as rows, must give the figures the fixture states
// under every model on both, and the touches query must be served by the schema's indexes.
// Runs on the cluster suite's PostgreSQL and, in npm test, on PGlite (test/helpers/pg-under-test).
import { sql } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Qualification } from '../../shared/qualify/types';
import { planCapture } from '../../server/capture/plan-capture.core';
import type { PgDb } from '../../server/db/pg/open';
import { createPgStore } from '../../server/db/pg/pg-store';
import { createReportsOps as pgReports, reportLeadsQuery } from '../../server/db/pg/reports-ops';
import { FUNNEL_STAGES, funnel, funnelCounts, funnelOfCounts, type FunnelCounts } from '../../server/reports/funnel.core';
import { funnelQueries } from '../../server/db/pg/funnel-reads';
import { createTrackingOps as pgTracking } from '../../server/db/pg/tracking-ops';
import { openDatabase, type Db } from '../../server/db/sqlite/open';
import { createReportsOps as sqliteReports } from '../../server/db/sqlite/reports-ops';
import { createSqliteStore } from '../../server/db/sqlite/sqlite-store';
import { createTrackingOps as sqliteTracking } from '../../server/db/sqlite/tracking-ops';
import type { Site, Store } from '../../server/db/store';
import { seedDemo } from '../../server/demo/seed';
import { attributionOfCounts, attributionReport, ATTRIBUTION_BY, ATTRIBUTION_MODELS } from '../../server/reports/attribution.core';
import { attributionQueries } from '../../server/db/pg/attribution-reads';
import { attributionRowsSql, attributionWonSql } from '../../server/db/sqlite/attribution-reads';
import type { ReportsStore } from '../../server/reports/reports-store';
import { storeRules } from '../../server/routing/store-rules';
import { REPORT_FACTS_BACKFILL, REPORT_STAGES_BACKFILL } from '../../server/db/report-rows';
import { createReportFactsOps } from '../../server/db/sqlite/report-facts';
import { backfillFacts } from '../../server/db/pg/report-facts';
import { createReportStagesOps } from '../../server/db/sqlite/report-stages';
import { backfillStageFacts } from '../../server/db/pg/report-stages';
import { INGEST_RULES } from '../../server/tracking/plan-batch.core';
import type { TrackingStore } from '../../server/tracking/tracking-store';
import { at, EXPECTED, historySteps, ORIGIN, PEOPLE, RANGE, T0, DAY } from '../fixtures/attribution-history';
import { PG } from '../helpers/pg-under-test';
import { TEST_DEMO_PASSWORD } from '../helpers/test-server';

const HOT: Qualification = { fit: { status: 'passes', missing: [] }, score: 70, handRaise: true, mql: true, hot: true, reasons: [], rulesVersion: 1 };
const FAILS: Qualification = { ...HOT, fit: { status: 'fails', missing: [], reason: 'Residential only' }, mql: false, hot: false };

interface Side {
  name: string;
  store: Store;
  tracking: TrackingStore;
  reports: ReportsStore;
  /** Runs one statement (`?` placeholders) on the side's database. */
  run: (statement: string, ...params: unknown[]) => Promise<void>;
  /** Reads rows with one statement (`?` placeholders). */
  all: (statement: string) => Promise<unknown[]>;
  site: Site;
}

describe(`attribution report on ${PG.name} and SQLite, from the known history`, () => {
  let url: string;
  let dir: string;
  let sqliteDb: Db;
  let pgDb: PgDb;
  const sides: Side[] = [];

  beforeAll(async () => {
    url = await PG.createDatabase();
    dir = mkdtempSync(join(tmpdir(), 'sixty-attribution-'));
    sqliteDb = openDatabase(join(dir, 'sixty.db'));
    [pgDb] = (await PG.openPools(url, 1, 4)) as [PgDb];
    const pgStore = createPgStore(pgDb, storeRules);
    const sqliteStore = createSqliteStore(sqliteDb, storeRules);
    const made: Array<Omit<Side, 'site'>> = [
      {
        name: 'sqlite',
        store: sqliteStore,
        tracking: sqliteTracking(sqliteDb, storeRules),
        reports: sqliteReports(sqliteDb, storeRules),
        run: async (statement, ...params) => void sqliteDb.$client.prepare(statement).run(...params),
        all: async (statement) => sqliteDb.$client.prepare(statement).all(),
      },
      {
        name: 'postgres',
        store: pgStore,
        tracking: pgTracking(pgDb, storeRules),
        reports: pgReports(pgDb, storeRules),
        all: async (statement) => (await pgDb.$client.query(statement)).rows,
        run: async (statement, ...params) => {
          let i = 0;
          await pgDb.$client.query(
            statement.replace(/\?/g, () => `$${++i}`),
            params,
          );
        },
      },
    ];
    for (const m of made) {
      const { siteKey } = await seedDemo(m.store, T0 - 30 * DAY, 20_000, TEST_DEMO_PASSWORD);
      const side = { ...m, site: (await m.store.siteByKey(siteKey))! };
      await replay(side);
      sides.push(side);
    }
  });

  afterAll(async () => {
    await pgDb?.$client.end();
    sqliteDb?.$client.close();
    if (url) await PG.dropDatabase(url);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The history through the side's ingest and capture, then the deals closed as rows. */
  async function replay(side: Side) {
    const leadOf = new Map<string, string>();
    for (const step of historySteps()) {
      if (step.kind === 'batch') {
        await side.tracking.ingest([{ site: side.site, ...step.body, context: step.body.context, identifiedPhone: null }], step.at, INGEST_RULES);
        continue;
      }
      const p = step.person;
      const q = p.capture.disqualified ? FAILS : HOT;
      const made = await side.store.commitCapture(
        planCapture({
          site: side.site,
          name: p.name,
          phoneE164: p.phone.replaceAll(' ', ''),
          email: null,
          answers: {},
          pageUrl: step.pageUrl,
          referrer: step.referrer,
          visitorId: p.visitorId,
          qualification: q,
          stage: p.capture.disqualified ? 'disqualified' : 'hot',
          idempotency: null,
          now: step.at,
        }),
        null,
      );
      if (made.kind !== 'created') throw new Error(`capture of ${p.name}: ${made.kind}`);
      leadOf.set(p.name, made.leadId);
    }
    for (const p of PEOPLE) {
      const id = leadOf.get(p.name)!;
      let from = p.capture.disqualified ? 'disqualified' : 'hot';
      for (const move of p.path) {
        await side.run(
          "insert into stage_changes (workspace_id, lead_id, from_stage, to_stage, actor, reason, at) values (?, ?, ?, ?, 'rep', ?, ?)",
          side.site.workspaceId,
          id,
          from,
          move.to,
          move.reason ?? null,
          at(move.day),
        );
        from = move.to;
      }
      // Stage changes written by hand: the lead's kept stage facts are cleared, so reports work them out from the changes.
      await side.run('update leads set stage = ?, deal_value = ?, report_exits = null where id = ?', from, p.deal ?? null, id);
    }
  }

  const round = (n: number) => +n.toFixed(6);
  const figures = (f: { leads: number; mql: number; sql: number; opportunities: number; won: number; revenue: number }) => [
    round(f.leads),
    round(f.mql),
    round(f.sql),
    round(f.opportunities),
    round(f.won),
    round(f.revenue),
  ];

  it.each(ATTRIBUTION_MODELS)('gives the fixture’s figures by channel and the same cohorts on both under %s-touch', async (model) => {
    const reports = [];
    for (const side of sides) {
      const leads = await side.reports.attributionLeads(side.site.workspaceId, RANGE.from, RANGE.to);
      const r = attributionReport(leads, { model, by: 'channel', ...RANGE, currency: await side.reports.currency(side.site.workspaceId) });
      expect(Object.fromEntries(r.groups.map((g) => [g.key, figures(g)])), side.name).toEqual(
        Object.fromEntries(Object.entries(EXPECTED.byChannel[model]).map(([k, f]) => [k, figures(f)])),
      );
      expect(Object.fromEntries(r.cohorts.map((c) => [c.week, figures(c)])), side.name).toEqual(
        Object.fromEntries(Object.entries(EXPECTED.cohorts).map(([k, f]) => [k, figures(f)])),
      );
      reports.push(r);
    }
    expect(reports[1]).toEqual(reports[0]);
    expect(reports[0]!.currency).toBe('USD');
  });

  it('reads the same leads, touches and stage changes on both', async () => {
    const [s, p] = await Promise.all(sides.map((side) => side.reports.attributionLeads(side.site.workspaceId, RANGE.from, RANGE.to)));
    const byCapture = (xs: typeof s) => [...xs!].sort((a, b) => a.capturedAt - b.capturedAt);
    expect(byCapture(p)).toEqual(byCapture(s));
  });

  it('serves the report’s reads from the leads index alone on PostgreSQL (stage facts are kept on the lead rows)', async () => {
    const pg = sides.find((x) => x.name === 'postgres')!;
    const plan = async (query: ReturnType<typeof reportLeadsQuery>) =>
      pgDb.transaction(async (tx) => {
        // The tables are tiny: without this the planner rightly scans them; with it, a missing index shows.
        await tx.execute(sql`set local enable_seqscan = off`);
        const res = await tx.execute<{ 'QUERY PLAN': string }>(sql`explain ${query}`);
        return res.rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    const leads = await plan(reportLeadsQuery(pg.site.workspaceId, RANGE.from, RANGE.to));
    // Which leads index the planner picks over a handful of rows varies (both start with workspace_id).
    expect(leads).toMatch(/Index Scan using leads_workspace_\w+ on leads/);
    expect(leads).not.toMatch(/visitor|stage_changes|Seq Scan/);
  });

  /** The side's leads with their stored report facts, by capture time. */
  const storedFacts = async (side: Side) => {
    const rows = (await side.all(
      'select captured_at as at, report_source as s, report_campaign as c, report_visitor_seen_at as v, report_touches as t from leads order by captured_at, id',
    )) as Array<Record<string, unknown>>;
    return rows.map((r) => ({ at: Number(r.at), s: r.s, c: r.c, v: r.v === null ? null : Number(r.v), t: r.t }));
  };

  it('stores every lead’s report facts as it is captured and its visitor’s sessions arrive, alike on both', async () => {
    const [s, p] = await Promise.all(sides.map(storedFacts));
    expect(s!.length).toBe(PEOPLE.length);
    expect(s!.filter((f) => f.t === null)).toEqual([]);
    expect(p).toEqual(s);
  });

  it('reads leads without stored facts the slow way with the same result, and backfills them once at start-up', async () => {
    for (const side of sides) {
      const before = await side.reports.attributionLeads(side.site.workspaceId, RANGE.from, RANGE.to);
      const stored = await storedFacts(side);
      await side.run('update leads set report_source = null, report_campaign = null, report_visitor_seen_at = null, report_touches = null');
      await side.run('delete from settings where key = ?', REPORT_FACTS_BACKFILL);
      // Worked out on read while missing.
      expect(await side.reports.attributionLeads(side.site.workspaceId, RANGE.from, RANGE.to), side.name).toEqual(before);
      const backfill =
        side.name === 'sqlite'
          ? async () => createReportFactsOps(sqliteDb, storeRules.reportFacts).backfill()
          : () => backfillFacts(pgDb, storeRules.reportFacts);
      expect(await backfill(), side.name).toBe(PEOPLE.length);
      expect(await storedFacts(side), side.name).toEqual(stored);
      // Marked done: a restart does not work them out again, even for a lead that lost its facts since.
      await side.run('update leads set report_touches = null where id = (select min(id) from leads)');
      expect(await backfill(), side.name).toBe(0);
      expect(await side.reports.attributionLeads(side.site.workspaceId, RANGE.from, RANGE.to), side.name).toEqual(before);
    }
  });

  it('backfills every lead’s stage facts once at start-up, the same as reading them from its changes', async () => {
    for (const side of sides) {
      // The history's deals were closed by hand (replay): their rows keep no stage facts yet.
      const before = await side.reports.attributionLeads(side.site.workspaceId, RANGE.from, RANGE.to);
      const missing = async () => (await side.all('select id from leads where report_exits is null')).length;
      expect(await missing(), side.name).toBe(PEOPLE.length);
      await side.run('delete from settings where key = ?', REPORT_STAGES_BACKFILL);
      const backfill =
        side.name === 'sqlite'
          ? async () => createReportStagesOps(sqliteDb, storeRules.funnelStages).backfill()
          : () => backfillStageFacts(pgDb, storeRules.funnelStages);
      expect(await backfill(), side.name).toBe(PEOPLE.length);
      expect(await missing(), side.name).toBe(0);
      expect(await side.reports.attributionLeads(side.site.workspaceId, RANGE.from, RANGE.to), side.name).toEqual(before);
      // Marked done: a restart does not work them out again.
      await side.run('update leads set report_exits = null where id = (select min(id) from leads)');
      expect(await backfill(), side.name).toBe(0);
      expect(await side.reports.attributionLeads(side.site.workspaceId, RANGE.from, RANGE.to), side.name).toEqual(before);
    }
  });

  /** Stores every lead's report and stage facts (earlier tests cleared some), by the start-up backfills. */
  async function storeAllFacts(side: Side) {
    for (const key of [REPORT_FACTS_BACKFILL, REPORT_STAGES_BACKFILL]) await side.run('delete from settings where key = ?', key);
    if (side.name === 'sqlite') {
      createReportFactsOps(sqliteDb, storeRules.reportFacts).backfill();
      createReportStagesOps(sqliteDb, storeRules.funnelStages).backfill();
    } else {
      await backfillFacts(pgDb, storeRules.reportFacts);
      await backfillStageFacts(pgDb, storeRules.funnelStages);
    }
    expect(await side.all('select id from leads where report_touches is null or report_exits is null'), side.name).toEqual([]);
  }

  it('counts the funnel in the database as funnel.core counts its leads, alike on both, and the slow way while a lead lacks its facts', async () => {
    /** Counts in a fixed order (groups and exits come in none). */
    const ordered = (c: FunnelCounts) => ({
      ...c,
      groups: [...c.groups].sort((a, b) => JSON.stringify([a.source, a.campaign]).localeCompare(JSON.stringify([b.source, b.campaign]))),
      exits: [...c.exits].sort((a, b) => JSON.stringify([a.to, a.reason]).localeCompare(JSON.stringify([b.to, b.reason]))),
    });
    const results: FunnelCounts[] = [];
    for (const side of sides) {
      const ws = side.site.workspaceId;
      // Every lead keeps its facts (earlier tests cleared some): then the database counts.
      await storeAllFacts(side);
      const leads = await side.reports.funnelLeads(ws, RANGE.from, RANGE.to);
      const counts = await side.reports.funnelCounts(ws, RANGE.from, RANGE.to);
      expect(ordered(counts), side.name).toEqual(ordered(funnelCounts(leads)));
      expect(funnelOfCounts(40, counts), side.name).toEqual(funnel(40, leads));
      // The fixture's month has what every count needs: exits with reasons, sources and campaigns, won deals, every step.
      expect(counts.exits.length, side.name).toBeGreaterThan(1);
      expect(counts.groups.length, side.name).toBeGreaterThan(1);
      expect(counts.revenue, side.name).toBeGreaterThan(0);
      expect(
        Object.values(counts.medianMs).every((m) => m !== null),
        side.name,
      ).toBe(true);
      // A range of one day, and one with no leads.
      for (const r of [
        { from: RANGE.from, to: RANGE.from + DAY },
        { from: RANGE.to + 100 * DAY, to: RANGE.to + 101 * DAY },
      ])
        expect(ordered(await side.reports.funnelCounts(ws, r.from, r.to)), side.name).toEqual(
          ordered(funnelCounts(await side.reports.funnelLeads(ws, r.from, r.to))),
        );
      // A lead whose stage facts were cleared: its range is counted from its leads, with the same figures.
      await side.run('update leads set report_exits = null where id = (select min(id) from leads)');
      expect(ordered(await side.reports.funnelCounts(ws, RANGE.from, RANGE.to)), side.name).toEqual(ordered(counts));
      await side.run('update leads set report_touches = null where id = (select max(id) from leads)');
      expect(ordered(await side.reports.funnelCounts(ws, RANGE.from, RANGE.to)), side.name).toEqual(ordered(counts));
      results.push(ordered(counts));
    }
    expect(results[1]).toEqual(results[0]);
  });

  it('counts first- and last-touch attribution in the database as the report of the leads gives it, alike on both, and the slow way while a lead lacks its facts', async () => {
    const reports: unknown[] = [];
    for (const side of sides) {
      const ws = side.site.workspaceId;
      const currency = await side.reports.currency(ws);
      const check = async () => {
        const leads = await side.reports.attributionLeads(ws, RANGE.from, RANGE.to);
        for (const model of ['first', 'last'] as const)
          for (const by of ATTRIBUTION_BY) {
            const q = { model, by, ...RANGE, currency };
            const counted = attributionOfCounts(await side.reports.attributionCounts(ws, RANGE.from, RANGE.to, model, by), q);
            expect(counted, `${side.name} ${model} ${by}`).toEqual(attributionReport(leads, q));
            reports.push(counted);
          }
      };
      // The previous test left a lead without facts: the slow way first, then every lead's facts stored.
      expect((await side.all('select id from leads where report_touches is null or report_exits is null')).length, side.name).toBeGreaterThan(0);
      await check();
      await storeAllFacts(side);
      await check();
    }
    // Both dialects, both ways: the same twelve reports.
    expect(reports.slice(12)).toEqual(reports.slice(0, 12));
    expect(reports.slice(0, 6)).toEqual(reports.slice(6, 12));
  });

  it('reads first- and last-touch counts from a range of leads on both (no other table)', async () => {
    const pg = sides.find((x) => x.name === 'postgres')!;
    for (const model of ['first', 'last'] as const)
      for (const by of ATTRIBUTION_BY) {
        for (const statement of [attributionRowsSql(model, by), attributionWonSql(model, by)]) {
          const details = sqliteDb.$client
            .prepare(`explain query plan ${statement}`)
            .all({ ws: 'w', from: 0, to: 1 })
            .map((r) => (r as { detail: string }).detail);
          expect(details[0], statement).toMatch(
            /^SEARCH l USING (COVERING )?INDEX leads_workspace_\w+ \(workspace_id=\? AND captured_at>\? AND captured_at<\?\)$/,
          );
          expect(
            details.filter((d) => /^SCAN /.test(d) && !d.includes('INDEX')),
            statement,
          ).toEqual([]);
        }
        for (const [name, query] of Object.entries(attributionQueries({ ws: pg.site.workspaceId, ...RANGE }, model, by))) {
          const plan = await pgDb.transaction(async (tx) => {
            await tx.execute(sql`set local enable_seqscan = off`);
            const res = await tx.execute<{ 'QUERY PLAN': string }>(sql`explain ${query}`);
            return res.rows.map((r) => r['QUERY PLAN']).join('\n');
          });
          expect(plan, `${model} ${by} ${name}`).toMatch(/Index (Only )?Scan using leads_workspace_\w+ on leads/);
          expect(plan, `${model} ${by} ${name}`).not.toMatch(/Seq Scan|stage_changes|visitor/);
        }
      }
  });

  it('serves the funnel’s counts from the leads indexes on PostgreSQL', async () => {
    const pg = sides.find((x) => x.name === 'postgres')!;
    for (const [name, query] of Object.entries(funnelQueries({ ws: pg.site.workspaceId, from: RANGE.from, to: RANGE.to }))) {
      const plan = await pgDb.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        const res = await tx.execute<{ 'QUERY PLAN': string }>(sql`explain ${query}`);
        return res.rows.map((r) => r['QUERY PLAN']).join('\n');
      });
      expect(plan, name).toMatch(/Index (Only )?Scan using leads_(workspace|report)_\w+ on leads/);
      expect(plan, name).not.toMatch(/Seq Scan|stage_changes|visitors v/);
    }
  });

  it('works a lead’s facts out again when its visitor’s first batch comes after the callback, and when the visitor turns out a bot', async () => {
    const when = RANGE.to + 10 * DAY;
    const range = { from: when - DAY, to: when + DAY };
    for (const side of sides) {
      const made = await side.store.commitCapture(
        planCapture({
          site: side.site,
          name: 'Late Row',
          phoneE164: '+15550109999',
          email: null,
          answers: {},
          pageUrl: `${ORIGIN}/pricing`,
          referrer: null,
          visitorId: 'visitor_late_row',
          qualification: HOT,
          stage: 'hot',
          idempotency: null,
          now: when,
        }),
        null,
      );
      expect(made.kind, side.name).toBe('created');
      const lead = async () => (await side.reports.funnelLeads(side.site.workspaceId, range.from, range.to))[0]!;
      expect(await lead(), side.name).toMatchObject({ source: null, countedVisitor: null });
      // The visitor's first batch, from the newsletter, a minute after the callback: its row is made now.
      const utm = { source: 'newsletter', medium: 'email', campaign: 'late' };
      const body = { visitorId: 'visitor_late_row', events: [{ type: 'page_view' as const, url: `${ORIGIN}/`, at: when + 60_000 }], context: { utm } };
      await side.tracking.ingest([{ site: side.site, ...body, identifiedPhone: null }], when + 60_000, INGEST_RULES);
      expect(await lead(), side.name).toMatchObject({ source: 'newsletter', campaign: 'late', countedVisitor: `${side.site.id} visitor_late_row` });
      await side.tracking.markBot(side.site.id, 'visitor_late_row');
      expect(await lead(), side.name).toMatchObject({ source: 'newsletter', countedVisitor: null });
    }
  });
});
