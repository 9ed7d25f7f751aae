// The PostgreSQL tracking store, reports, erasure and callback guard against their SQLite
// twins: the same seeded workload on both (grouped ingest with identifies, callbacks joining
// visitors, a rules change mid-way, bots) must leave the same rows and give the same answers.
// Then what only PostgreSQL has to get right: two processes ingesting the same visitors at
// once lose no update, and ingest touching a known lead waits for its workspace's lock.
// Runs on the cluster suite's PostgreSQL and, in npm test, on PGlite (test/helpers/pg-under-test).
import { TEST_DEMO_PASSWORD } from '../helpers/test-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BehaviourEventInput } from '../../shared/schemas/events.schema';
import type { SiteRules } from '../../shared/site-rules';
import type { Qualification } from '../../shared/qualify/types';
import { toE164 } from '../../server/callbacks/phone';
import type { CallbackGuardStore } from '../../server/callbacks/callback-guard-store';
import { lockWorkspace } from '../../server/db/pg/locks';
import type { PgDb } from '../../server/db/pg/open';
import { createPgStore } from '../../server/db/pg/pg-store';
import { createCallbackGuardOps as pgGuard } from '../../server/db/pg/callback-guard-ops';
import { eraseSubject as pgErase } from '../../server/db/pg/erasure-ops';
import { createReportsOps as pgReports } from '../../server/db/pg/reports-ops';
import { createTrackingOps as pgTracking } from '../../server/db/pg/tracking-ops';
import * as pgCore from '../../server/db/pg/schema';
import * as pgTrack from '../../server/db/pg/tracking-schema';
import * as pgAdmin from '../../server/db/pg/admin-schema';
import * as pgAbuse from '../../server/db/pg/abuse-schema';
import * as pgBooking from '../../server/db/pg/booking-schema';
import * as pgCalls from '../../server/db/pg/call-schema';
import { createCallbackGuardOps as sqliteGuard } from '../../server/db/sqlite/callback-guard-ops';
import type { ErasureResult, Subject } from '../../server/db/erasure';
import { eraseSubject as sqliteErase } from '../../server/db/sqlite/erasure-ops';
import { openDatabase, type Db } from '../../server/db/sqlite/open';
import { createReportsOps as sqliteReports } from '../../server/db/sqlite/reports-ops';
import { createSqliteStore } from '../../server/db/sqlite/sqlite-store';
import { createTrackingOps as sqliteTracking } from '../../server/db/sqlite/tracking-ops';
import * as core from '../../server/db/schema';
import * as track from '../../server/db/tracking-schema';
import * as admin from '../../server/db/admin-schema';
import * as abuse from '../../server/db/abuse-schema';
import * as booking from '../../server/db/booking-schema';
import * as calls from '../../server/db/call-schema';
import { meetingFigures } from '../../server/booking/meeting-figures.core';
import type { Site, Store } from '../../server/db/store';
import { seedDemo } from '../../server/demo/seed';
import { funnel } from '../../server/reports/funnel.core';
import type { ReportsStore } from '../../server/reports/reports-store';
import { speedToLead } from '../../server/reports/speed-to-lead.core';
import { backtest } from '../../server/tracking/backtest.core';
import type { HistorySubject, IngestItem, IngestResult, TrackingStore } from '../../server/tracking/tracking-store';
import { queryRows, type DatabaseLocation } from '../helpers/databases';
import { PG } from '../helpers/pg-under-test';
import { planCapture } from '../../server/capture/plan-capture.core';
import { INGEST_RULES } from '../../server/tracking/plan-batch.core';
import { storeRules } from '../../server/routing/store-rules';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const DAY = 24 * 3600 * 1000;

/** One backend under test, seeded alike. */
interface Side {
  name: 'sqlite' | 'postgres';
  where: DatabaseLocation;
  store: Store;
  tracking: TrackingStore;
  reports: ReportsStore;
  guard: CallbackGuardStore;
  erase: (workspaceId: string, who: Subject, actor: string, now: number) => Promise<ErasureResult>;
  /** Inserts fixture rows through drizzle: `table` names an export of the (same-named) schema modules. */
  insert: (table: string, rows: Array<Record<string, unknown>>) => Promise<void>;
  site: Site;
  adminId: string;
}

/** Small deterministic PRNG (mulberry32): the same workload on both sides and on every run. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

const VISITORS = Array.from({ length: 30 }, (_, i) => `visitor_${String(i).padStart(4, '0')}`);
const PHONES = ['(415) 555-0101', '415 555 0102', '+1 415 555 0103', '4155550104'];
const URLS = ['https://acme.test/', 'https://acme.test/pricing', 'https://acme.test/docs/setup', 'https://acme.test/blog/ovens?x=1'];

interface PlannedItem {
  visitorId: string;
  events: BehaviourEventInput[];
  context: IngestItem['context'];
  identifiedPhone: string | null;
  /** Scored with the rules the site had before the publish (another process's stale cache). */
  staleSite: boolean;
}

/** Every other group's returning visitors start a new session (from the newsletter, or direct): a touch each, once per visitor. */
function withSession(context: { returning: boolean }, group: number): IngestItem['context'] {
  if (!context.returning || group % 2) return context;
  return { ...context, session: group % 4 ? { utm: { source: 'newsletter', medium: 'email' } } : {} };
}

/** Groups of batches, as the ingest queue would hand them to the store. */
function plan(seed: number, groups: number): PlannedItem[][] {
  const r = random(seed);
  return Array.from({ length: groups }, (_, g) =>
    Array.from({ length: 1 + r.int(40) }, () => {
      const events = Array.from({ length: 1 + r.int(5) }, (): BehaviourEventInput => {
        const at = NOW + g * 60_000 + r.int(1000);
        switch (r.int(8)) {
          case 0:
            return { type: 'download', url: r.pick(URLS), at, props: { href: '/whitepaper.pdf' } };
          case 1:
            return { type: 'click', name: r.pick(['cta', 'nav']), at };
          case 2:
            return { type: 'custom', name: r.pick(['demo_request', 'newsletter', 'quote_request', 'video']), at };
          case 3: {
            const props: Record<string, string | number | boolean | null> = {};
            if (r.int(3) === 0) props.phone = r.pick(PHONES);
            if (r.int(2) === 0) props.email = `person${r.int(5)}@example.test`;
            if (r.int(2) === 0) props.name = r.pick(['Ada Lovelace', 'Grace Hopper', 'Alan Turing']);
            if (r.int(2) === 0) props.projects = r.pick(['commercial', 'both', 'residential']);
            if (r.int(2) === 0) props.size = r.pick(['1-10', '51-200', '201+']);
            if (r.int(2) === 0) props.role = r.pick(['decision', 'evaluating', 'evaluating', 'student']);
            if (r.int(4) === 0) props.company = null;
            return { type: 'identify', at, props };
          }
          case 4:
            return { type: 'engagement', url: r.pick(URLS), at, props: { visibleMs: r.int(90_000), scrollDepth: r.int(100) } };
          default:
            return { type: 'page_view', url: r.pick(URLS), at, props: { title: 'Acme' } };
        }
      });
      let identifiedPhone: string | null = null;
      for (const e of events) if (e.type === 'identify' && typeof e.props?.phone === 'string') identifiedPhone = toE164(e.props.phone, 'US') ?? identifiedPhone;
      return {
        visitorId: r.pick(VISITORS),
        events,
        context:
          r.int(3) === 0
            ? { referrer: 'https://search.test/?q=ovens', utm: { source: 'ads', campaign: `c${r.int(3)}` }, returning: r.int(2) === 0 }
            : withSession({ returning: r.int(2) === 0 }, g),
        identifiedPhone,
        staleSite: r.int(3) === 0,
      };
    }),
  );
}

/** The published draft: another page rule, a lower bar and decay, so every visitor is rebuilt. */
const DRAFT = (rules: SiteRules): SiteRules => ({
  ...rules,
  behaviour: [...rules.behaviour, { id: 'docs', label: 'Read the docs', type: 'page_view', urlContains: '/docs', points: 20 }],
  hotThreshold: 45,
  decayHalfLifeDays: 7,
});

const HOT: Qualification = { fit: { status: 'passes', missing: [] }, score: 70, handRaise: true, mql: true, hot: true, reasons: [], rulesVersion: 1 };

describe(`PostgreSQL tracking store on ${PG.name}, reports, erasure and callback guard (same answers as SQLite)`, () => {
  let url: string;
  let dir: string;
  let sqliteDb: Db;
  let pgDbs: PgDb[] = [];
  let sqlite: Side;
  let postgres: Side;

  const SCHEMA_SQLITE: Record<string, unknown> = { ...core, ...track, ...admin, ...abuse, ...booking, ...calls };
  const SCHEMA_PG: Record<string, unknown> = { ...pgCore, ...pgTrack, ...pgAdmin, ...pgAbuse, ...pgBooking, ...pgCalls };

  beforeAll(async () => {
    url = await PG.createDatabase();
    dir = mkdtempSync(join(tmpdir(), 'sixty-tracking-'));
    const dbPath = join(dir, 'sixty.db');
    sqliteDb = openDatabase(dbPath);
    pgDbs = await PG.openPools(url, 2, 4);
    const make = async (name: Side['name']): Promise<Side> => {
      const isPg = name === 'postgres';
      const pgDb = pgDbs[0]!;
      const store = isPg ? createPgStore(pgDb, storeRules) : createSqliteStore(sqliteDb, storeRules);
      const { siteKey } = await seedDemo(store, NOW - 30 * DAY, 20_000, TEST_DEMO_PASSWORD);
      const site = (await store.siteByKey(siteKey))!;
      return {
        name,
        where: { dbPath, databaseUrl: isPg ? url : null },
        store,
        tracking: isPg ? pgTracking(pgDb, storeRules) : sqliteTracking(sqliteDb, storeRules),
        reports: isPg ? pgReports(pgDb, storeRules) : sqliteReports(sqliteDb, storeRules),
        guard: isPg ? pgGuard(pgDb) : sqliteGuard(sqliteDb),
        erase: isPg ? (w, who, a, n) => pgErase(pgDb, w, who, a, n) : async (w, who, a, n) => sqliteErase(sqliteDb, w, who, a, n),
        insert: async (table, rows) => {
          // Same property names in both schema modules; the drizzle types differ by dialect only.
          if (isPg) await pgDb.insert(SCHEMA_PG[table] as typeof pgCore.leads).values(rows as Array<typeof pgCore.leads.$inferInsert>);
          else
            sqliteDb
              .insert(SCHEMA_SQLITE[table] as typeof core.leads)
              .values(rows as Array<typeof core.leads.$inferInsert>)
              .run();
        },
        site,
        adminId: (await store.userByEmail('admin@demo.sixty'))!.id,
      };
    };
    sqlite = await make('sqlite');
    postgres = await make('postgres');
  });

  afterAll(async () => {
    await Promise.all(pgDbs.map((db) => db.$client.end()));
    sqliteDb?.$client.close();
    if (url) await PG.dropDatabase(url);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  type Row = Record<string, unknown>;
  const rows = <T = Row>(side: Side, sql: string, ...params: unknown[]) => queryRows<T>(side.where, sql, ...params);

  /** Lead ids are random: name each lead by the order it first appeared on a timeline (the same on both). */
  async function leadAliases(side: Side): Promise<Map<string, string>> {
    const order = await rows<{ lead_id: string }>(side, 'select lead_id from lead_events group by lead_id order by min(id)');
    return new Map(order.map((r, i) => [r.lead_id, `L${i}`]));
  }

  /** Everything the workload wrote, with ids that differ by backend (site, workspace, lead) replaced. */
  async function snapshot(side: Side) {
    const alias = await leadAliases(side);
    const a = (id: unknown) => (id === null ? null : (alias.get(id as string) ?? `unknown:${id}`));
    const visitors = await rows(
      side,
      `select visitor_id, first_seen_at, last_seen_at, referrer, utm_source, utm_medium, utm_campaign, utm_term, utm_content, landing_url,
              visits, traits, behaviour, score, fit, mql, hot, rules_version, lead_id, is_bot, invited_at
         from visitors where site_id = ? order by visitor_id`,
      side.site.id,
    );
    const events = await rows(side, 'select visitor_id, type, name, url, client_at, at, props from events where site_id = ? order by id', side.site.id);
    const leads = await rows(
      side,
      `select id, name, phone, email, visitor_id, page_url, answers, stage, fit, fit_reason, score, mql, hot, reasons, rules_version, routing,
              owner_id, captured_at, qualified_at from leads where site_id = ?`,
      side.site.id,
    );
    const stageChanges = await rows(
      side,
      'select lead_id, from_stage, to_stage, actor, reason, at from stage_changes where workspace_id = ? order by id',
      side.site.workspaceId,
    );
    const leadEvents = await rows(side, 'select lead_id, kind, text, at from lead_events where workspace_id = ? order by id', side.site.workspaceId);
    const touches = await rows(
      side,
      `select visitor_id, lead_id, kind, at, landing_url, referrer, utm_source, utm_medium, utm_campaign, utm_term, utm_content
         from visitor_touches where site_id = ? order by visitor_id, at, kind`,
      side.site.id,
    );
    return {
      visitors: visitors.map((v): Row => ({ ...v, lead_id: a(v.lead_id) })),
      events,
      leads: leads.map((l): Row => ({ ...l, id: a(l.id) })).sort((x, y) => String(x.id).localeCompare(String(y.id))),
      stageChanges: stageChanges.map((c): Row => ({ ...c, lead_id: a(c.lead_id) })),
      leadEvents: leadEvents.map((e): Row => ({ ...e, lead_id: a(e.lead_id) })),
      touches: touches.map((t): Row => ({ ...t, lead_id: a(t.lead_id) })),
    };
  }

  function normalizeResults(results: IngestResult[], alias: Map<string, string>) {
    return results.map((r) => ({ ...r, leadId: r.leadId === null ? null : (alias.get(r.leadId) ?? `unknown:${r.leadId}`) }));
  }

  /** Runs the planned groups on one side; the publish after a third of them makes every later visitor rebuild. */
  async function runWorkload(side: Side, groups: PlannedItem[][]) {
    const results: IngestResult[][] = [];
    let site = side.site;
    let stale = site;
    for (const [g, group] of groups.entries()) {
      const now = NOW + g * 60_000 + 500;
      if (g === 3) {
        // A callback from a visitor not seen yet (their first batch joins the lead) and one from a visitor seen already.
        for (const [visitorId, phone] of [
          ['visitor_0029', '+14155550190'],
          [group[0]!.visitorId, '+14155550191'],
        ] as const) {
          const made = await side.store.commitCapture(
            planCapture({
              site,
              name: `Caller ${phone.slice(-2)}`,
              phoneE164: phone,
              email: null,
              answers: { projects: 'commercial', size: '51-200', role: 'decision' },
              pageUrl: 'https://acme.test/pricing',
              visitorId,
              qualification: HOT,
              stage: 'hot',
              idempotency: null,
              now,
            }),
            null,
          );
          if (made.kind !== 'created') throw new Error('callback not created');
          await side.tracking.linkVisitorToLead(site.id, visitorId, made.leadId);
        }
      }
      if (g === 5) await side.tracking.markBot(site.id, 'visitor_0007');
      if (g === 8) {
        const version = await side.tracking.saveDraft(site, DRAFT(site.rules), side.adminId, now);
        expect(await side.tracking.publish(site, version, now)).toBe(true);
        stale = site;
        site = (await side.store.siteByKey(site.siteKey))!;
        expect(site.rules.version).toBe(version);
      }
      const items: IngestItem[] = group.map((p) => ({ ...p, site: p.staleSite ? stale : site }));
      results.push(await side.tracking.ingest(items, now, INGEST_RULES));
      if (g === 6) await side.tracking.markInvited(site.id, group[0]!.visitorId, now);
    }
    side.site = site;
    return results;
  }

  const GROUPS = plan(60, 16);

  it('ingests grouped batches exactly as SQLite does: results, visitors, scoring state, events, leads and their trail', async () => {
    const fromSqlite = await runWorkload(sqlite, GROUPS);
    const fromPg = await runWorkload(postgres, GROUPS);

    const [aliasS, aliasP] = await Promise.all([leadAliases(sqlite), leadAliases(postgres)]);
    expect(normalizeResults(fromPg.flat(), aliasP)).toEqual(normalizeResults(fromSqlite.flat(), aliasS));
    const [s, p] = await Promise.all([snapshot(sqlite), snapshot(postgres)]);
    expect(p.visitors).toEqual(s.visitors);
    expect(p.events).toEqual(s.events);
    expect(p.leads).toEqual(s.leads);
    expect(p.stageChanges).toEqual(s.stageChanges);
    expect(p.leadEvents).toEqual(s.leadEvents);
    expect(p.touches).toEqual(s.touches);

    // The workload reached every path worth comparing.
    expect(s.leads.filter((l) => l.routing === 'closed').length).toBeGreaterThan(1); // made by identify
    expect(s.leads.some((l) => l.stage === 'suspect')).toBe(true);
    expect(s.visitors.some((v) => v.is_bot === 1)).toBe(true);
    expect(s.visitors.some((v) => (v.visits as number) > 1)).toBe(true);
    expect(s.stageChanges.some((c) => c.actor === 'system' && c.from_stage !== 'visitor')).toBe(true); // rescored
    expect(fromSqlite.flat().some((r) => r.leadTurnedHot)).toBe(true);
    expect(fromSqlite.flat().some((r) => r.inviteCandidate)).toBe(true);
    expect(s.visitors.find((v) => v.visitor_id === 'visitor_0029')?.lead_id).not.toBeNull();
    // A touch per visitor first seen, per capture, and per new session (not per batch that repeats it).
    const kinds = (kind: string) => s.touches.filter((t) => t.kind === kind);
    expect(kinds('capture')).toHaveLength(2);
    expect(kinds('session').filter((t) => t.utm_source === 'newsletter').length).toBeGreaterThan(0);
    expect(kinds('session').length).toBeGreaterThan(s.visitors.length);
    const perVisitorAndTime = new Set(kinds('session').map((t) => `${t.visitor_id} ${t.at} ${t.utm_source}`));
    expect(perVisitorAndTime.size).toBe(kinds('session').length);
  });

  it('answers visitor history, rules versions and the backtest history alike', async () => {
    for (const visitorId of VISITORS) {
      const [s, p] = await Promise.all([
        sqlite.tracking.visitorHistory(sqlite.site.id, visitorId),
        postgres.tracking.visitorHistory(postgres.site.id, visitorId),
      ]);
      expect(p).toEqual(s);
    }
    expect(await postgres.tracking.visitorHistory(postgres.site.id, 'visitor_0007')).toBeNull(); // the bot
    const [vs, vp] = await Promise.all([sqlite.tracking.rulesVersions(sqlite.site.id), postgres.tracking.rulesVersions(postgres.site.id)]);
    expect(vp).toEqual(vs);
    expect(vp.map((v) => [v.version, v.status])).toEqual([
      [1, 'retired'],
      [2, 'published'],
    ]);

    const history = async (side: Side) => {
      const alias = await leadAliases(side);
      return (await side.tracking.history(side.site.id))
        .map((h: HistorySubject) => ({ ...h, id: h.kind === 'lead' ? alias.get(h.id)! : h.id }))
        .sort((x, y) => `${x.kind}:${x.id}`.localeCompare(`${y.kind}:${y.id}`));
    };
    const [hs, hp] = await Promise.all([history(sqlite), history(postgres)]);
    expect(hp).toEqual(hs);
    expect(hp.filter((h) => h.callbackRequested)).toHaveLength(2); // the two callbacks of the workload
    const draft = DRAFT(postgres.site.rules);
    expect(backtest(postgres.site.rules, draft, hp, NOW + DAY)).toEqual(backtest(sqlite.site.rules, draft, hs, NOW + DAY));
  });

  it('keeps saveDraft numbering and publish consistent when two processes save at once', async () => {
    const other = pgTracking(pgDbs[1]!, storeRules);
    const site = postgres.site;
    const versions = await Promise.all(
      [postgres.tracking, other, postgres.tracking, other].map((t, i) => t.saveDraft(site, site.rules, postgres.adminId, NOW + i)),
    );
    expect([...versions].sort()).toEqual([3, 4, 5, 6]);
    expect(await postgres.tracking.publish(site, 99, NOW)).toBe(false);
  });

  it('purges anonymous behaviour alike, keeping known leads’ history', async () => {
    const before = NOW + 10 * 60_000;
    const [s, p] = await Promise.all([sqlite.tracking.purgeAnonymous(before), postgres.tracking.purgeAnonymous(before)]);
    expect(p).toEqual(s);
    expect(p.events).toBeGreaterThan(0);
    const [after, afterPg] = await Promise.all([snapshot(sqlite), snapshot(postgres)]);
    expect(afterPg.events).toEqual(after.events);
    expect(afterPg.visitors).toEqual(after.visitors);
  });

  it('gives the same report figures and export rows for the same data', async () => {
    // Fixed ids on both sides, so whole rows compare; times straddle midnight UTC and carry
    // milliseconds (the timeline truncates to the second, as strftime of at / 1000 does).
    const ws = 'w-reports';
    const t0 = Date.parse('2026-10-31T23:59:58.750Z');
    for (const side of [sqlite, postgres]) {
      await side.insert('workspaces', [{ id: ws, name: 'Reports Inc', createdAt: t0 - DAY }]);
      await side.insert('sites', [
        {
          id: 's-rep',
          workspaceId: ws,
          name: 'Reports site',
          siteKey: 'rep_key',
          allowedOrigins: '[]',
          rules: JSON.stringify(side.site.rules),
          launcherText: 'Hi',
          phoneRegion: 'US',
          offerTimeoutMs: 20_000,
          slaMs: 60_000,
          missedOffersBeforeAway: 2,
          followUpCadence: '[]',
          createdAt: t0 - DAY,
        },
      ]);
      await side.insert('users', [
        { id: 'u-ana', workspaceId: ws, email: 'ana@rep.test', name: 'Ana Rep', role: 'rep', passwordHash: 'x', createdAt: t0 },
        { id: 'u-bo', workspaceId: ws, email: 'bo@rep.test', name: 'Bo Rep', role: 'rep', passwordHash: 'x', createdAt: t0 + 1 },
      ]);
      await side.insert('teams', [{ id: 't-rep', workspaceId: ws, name: 'Closers', hours: '{}', createdAt: t0 }]);
      await side.insert('routingRules', [
        { id: 'r-rep', workspaceId: ws, siteId: 's-rep', position: 0, name: 'All', conditions: '[]', teamId: 't-rep', strategy: 'round_robin', createdAt: t0 },
      ]);
      await side.insert('visitors', [
        {
          siteId: 's-rep',
          visitorId: 'rv-1',
          workspaceId: ws,
          firstSeenAt: t0,
          lastSeenAt: t0,
          utmSource: 'ads',
          utmCampaign: 'fall',
          behaviour: '{}',
          rulesVersion: 1,
        },
        { siteId: 's-rep', visitorId: 'rv-2', workspaceId: ws, firstSeenAt: t0 + 5000, lastSeenAt: t0, behaviour: '{}', rulesVersion: 1 },
        { siteId: 's-rep', visitorId: 'rv-bot', workspaceId: ws, firstSeenAt: t0, lastSeenAt: t0, behaviour: '{}', rulesVersion: 1, isBot: true },
      ]);
      const lead = (id: string, i: number, extra: Record<string, unknown>) => ({
        id,
        workspaceId: ws,
        siteId: 's-rep',
        name: `Lead ${i}`,
        phone: `+1415555020${i}`,
        answers: '{}',
        stage: 'hot',
        fit: 'passes',
        score: 60 + i,
        mql: true,
        hot: true,
        reasons: '[]',
        rulesVersion: 1,
        routing: 'owned',
        capturedAt: t0 + i * 1000,
        ...extra,
      });
      await side.insert('leads', [
        lead('l-1', 1, {
          visitorId: 'rv-1',
          ownerId: 'u-ana',
          ruleId: 'r-rep',
          hotAt: t0 + 1500,
          acceptedAt: t0 + 9000,
          firstCallAt: t0 + 70_000,
          outcome: 'booked',
          email: 'l1@x.test',
          pageUrl: 'https://acme.test/p',
        }),
        lead('l-2', 2, { ownerId: 'u-bo', acceptedAt: t0 + 400_000, contactAttempts: 2 }),
        lead('l-3', 3, { hot: false, stage: 'mql', routing: 'closed' }),
        lead('l-4', 4, { visitorId: 'rv-2', hotAt: null, routing: 'waiting' }),
      ]);
      await side.insert('stageChanges', [
        { workspaceId: ws, leadId: 'l-1', fromStage: 'visitor', toStage: 'hot', actor: 'system', reason: 'Asked', at: t0 + 1000 },
        { workspaceId: ws, leadId: 'l-1', fromStage: 'hot', toStage: 'sal', actor: 'u-ana', reason: null, at: t0 + 9000 },
        { workspaceId: ws, leadId: 'l-2', fromStage: 'visitor', toStage: 'hot', actor: 'system', reason: null, at: t0 + 2000 },
        { workspaceId: ws, leadId: 'l-3', fromStage: 'visitor', toStage: 'mql', actor: 'system', reason: null, at: t0 + 3000 },
      ]);
      await side.insert('leadEvents', [
        { workspaceId: ws, leadId: 'l-1', kind: 'captured', text: 'Asked for a callback', at: t0 + 1000 },
        { workspaceId: ws, leadId: 'l-1', kind: 'accepted', text: 'Accepted by Ana', at: t0 + 9000 },
        { workspaceId: ws, leadId: 'l-1', kind: 'note', text: 'Same millisecond, later id', at: t0 + 9000 },
        { workspaceId: ws, leadId: 'l-2', kind: 'captured', text: 'Asked | twice', at: t0 + 1999 },
        { workspaceId: ws, leadId: 'l-1', kind: 'meeting_no_show', text: 'No-show', at: t0 + 3600_000 },
        { workspaceId: ws, leadId: 'l-2', kind: 'meeting_held', text: 'Held', at: t0 + 3600_000 },
      ]);
      const meeting = (id: string, leadId: string, start: number, extra: Record<string, unknown> = {}) => ({
        id,
        workspaceId: ws,
        siteId: 's-rep',
        leadId,
        repId: 'u-ana',
        startAt: start,
        endAt: start + 1800_000,
        status: 'active',
        uid: `${id}@sixty`,
        createdAt: t0,
        updatedAt: t0,
        ...extra,
      });
      // A no-show, one held after a move, one cancelled, one to come.
      await side.insert('bookings', [
        meeting('m-1', 'l-1', t0 + 1800_000),
        meeting('m-2', 'l-2', t0 + 1800_000, { repId: 'u-bo', sequence: 1 }),
        meeting('m-3', 'l-3', t0 + 7200_000, { status: 'cancelled', sequence: 1 }),
        meeting('m-4', 'l-4', t0 + 5 * DAY),
      ]);
      await side.insert('slaBreaches', [
        { workspaceId: ws, siteId: 's-rep', leadId: 'l-2', dueAt: t0 + 60_000, cause: 'no_rep_online', at: t0 + 60_000 },
        { workspaceId: ws, siteId: 's-rep', leadId: 'l-4', dueAt: t0 + 61_000, cause: 'offers_expired', at: t0 + 61_000 },
      ]);
    }
    const ranges: Array<[number, number]> = [
      [t0 - DAY, t0 + DAY],
      [t0 + 1500, t0 + 3000],
      [t0 + 10 * DAY, t0 + 11 * DAY],
    ];
    // What the reports route computes from them, and the rows themselves. SQLite returns the
    // speed rows in whichever index order its planner picks; nothing downstream depends on it.
    const figures = async (r: ReportsStore, from: number, to: number) => {
      const [speed, causes, visitors, funnelLeads, exported, meetings] = await Promise.all([
        r.speedLeads(ws, from, to),
        r.breachCauses(ws, from, to),
        r.visitorCount(ws, from, to),
        r.funnelLeads(ws, from, to),
        r.exportRows(ws, from, to),
        r.meetingRows(ws, from, to),
      ]);
      return {
        meetings,
        report: { speed: speedToLead(speed, causes), funnel: funnel(visitors, funnelLeads) },
        speed: [...speed].sort((a, b) => a.handRaiseAt - b.handRaiseAt),
        causes,
        visitors,
        funnelLeads,
        exported,
      };
    };
    for (const [from, to] of ranges) {
      const [s, p] = await Promise.all([figures(sqlite.reports, from, to), figures(postgres.reports, from, to)]);
      expect(p, `[${from}, ${to})`).toEqual(s);
    }
    const exported = await postgres.reports.exportRows(ws, t0 - DAY, t0 + DAY);
    expect(exported[0]!.timeline).toBe(
      '2026-10-31T23:59:59Z Asked for a callback | 2026-11-01T00:00:07Z Accepted by Ana | 2026-11-01T00:00:07Z Same millisecond, later id | 2026-11-01T00:59:58Z No-show',
    );
    expect(exported[2]!.timeline).toBeNull();
    expect(await postgres.reports.visitorCount(ws, t0 - DAY, t0 + DAY)).toBe(2);
    expect(meetingFigures(await postgres.reports.meetingRows(ws, t0 - DAY, t0 + 10 * DAY), t0 + DAY)).toEqual({
      booked: 4,
      moved: 1,
      cancelled: 1,
      held: 1,
      noShow: 1,
      notLogged: 0,
      upcoming: 1,
    });
  });

  it('admits callback requests under the per-phone cap, settles and releases them, and joins repeats alike', async () => {
    const ws = 'w-reports';
    const admit = (g: CallbackGuardStore, phone: string, email: string | null, at: number, limit: number | null) =>
      g.admit({ workspaceId: ws, siteId: 's-rep', phone, email, at, limit, since: at - DAY });
    const run = async (side: typeof sqlite) => {
      const g = side.guard;
      await side.insert('idempotencyKeys', [{ siteId: 's-rep', key: 'k-1', workspaceId: ws, bodyHash: 'h', leadId: 'l-1', createdAt: NOW }]);
      const first = await admit(g, '+14155550201', 'L1@X.test', NOW, 2);
      const pendingJoin = await g.recentLead('s-rep', '+14155550201', null, NOW - 1);
      if (first.ok) await g.settle({ requestId: first.requestId, workspaceId: ws, leadId: 'l-1', at: NOW, note: null });
      const second = await admit(g, '+14155550201', null, NOW + 1000, 2);
      if (second.ok)
        await g.settle({ requestId: second.requestId, workspaceId: ws, leadId: 'l-1', at: NOW + 1000, note: 'Asked for a callback again (joined this lead)' });
      const third = await admit(g, '+14155550201', null, NOW + 2000, 2);
      const uncapped = await admit(g, '+14155550201', null, NOW + 2000, null);
      if (uncapped.ok) await g.release(uncapped.requestId);
      const other = await admit(g, '+14155550202', 'two@x.test', NOW + 2000, 2);
      if (other.ok) await g.settle({ requestId: other.requestId, workspaceId: ws, leadId: 'l-2', at: NOW + 2000, note: null });
      const released = await admit(g, '+14155550203', null, NOW, 1);
      if (released.ok) await g.release(released.requestId);
      const afterRelease = await admit(g, '+14155550203', null, NOW + 1, 1);
      return [
        await g.keyUsed('s-rep', 'k-1'),
        await g.keyUsed('s-rep', 'k-2'),
        first.ok,
        pendingJoin,
        second.ok,
        third,
        uncapped.ok,
        afterRelease.ok,
        await g.recentLead('s-rep', '+14155550299', 'l1@x.TEST', NOW - 1),
        await g.recentLead('s-rep', '+14155550202', null, NOW),
        await g.recentLead('s-rep', '+14155550202', null, NOW + 5000),
      ];
    };
    const [s, p] = await Promise.all([run(sqlite), run(postgres)]);
    expect(p).toEqual(s);
    // A pending request joins nobody; the third of a cap of 2 waits until the first is a day old.
    expect(p).toEqual([true, false, true, null, true, { ok: false, retryAt: NOW + DAY }, true, true, 'l-1', 'l-2', null]);
    const repeats = await rows<{ n: number }>(postgres, "select cast(count(*) as integer) as n from lead_events where lead_id = 'l-1' and kind = 'repeat'");
    expect(repeats[0]!.n).toBe(1);
  });

  it('names the pending request ahead and reports request outcomes alike', async () => {
    const run = async (side: typeof sqlite) => {
      const g = side.guard;
      const admit = (at: number) =>
        g.admit({
          workspaceId: 'w-reports',
          siteId: 's-ahead',
          phone: '+14155550301',
          email: null,
          at,
          limit: null,
          since: at - DAY,
          pendingSince: NOW - 5000,
        });
      const first = await admit(NOW);
      const second = await admit(NOW + 1);
      if (!first.ok || !second.ok) throw new Error('not admitted');
      const pendingFirst = await g.requestOutcome(first.requestId);
      await g.settle({ requestId: first.requestId, workspaceId: 'w-reports', leadId: 'l-1', at: NOW, note: null });
      const settledFirst = await g.requestOutcome(first.requestId);
      await g.release(second.requestId);
      return [first.ahead, second.ahead === first.requestId, pendingFirst, settledFirst, await g.requestOutcome(second.requestId)];
    };
    const [s, p] = [await run(sqlite), await run(postgres)];
    expect(p).toEqual(s);
    expect(p).toEqual([null, true, 'pending', { leadId: 'l-1' }, 'gone']);
  });

  it('prunes callback requests alike: past the window, and pending ones left by a dead process', async () => {
    const rowsLeft = async (side: typeof sqlite) =>
      (
        await rows<{ phone: string; lead: string | null }>(
          side,
          "select phone, lead_id as lead from callback_requests where site_id = 's-prune' order by phone",
        )
      ).map((r) => `${r.phone}:${r.lead ?? 'pending'}`);
    const results = [];
    for (const side of [sqlite, postgres]) {
      await side.insert('callbackRequests', [
        { workspaceId: 'w-reports', siteId: 's-prune', phone: '+1old-settled', leadId: 'l-1', at: NOW - DAY - 1 },
        { workspaceId: 'w-reports', siteId: 's-prune', phone: '+2day-settled', leadId: 'l-1', at: NOW - DAY },
        { workspaceId: 'w-reports', siteId: 's-prune', phone: '+3orphan', leadId: null, at: NOW - 11 * 60_000 },
        { workspaceId: 'w-reports', siteId: 's-prune', phone: '+4in-flight', leadId: null, at: NOW - 60_000 },
      ]);
      const removed = await side.guard.prune(NOW - DAY, NOW - 10 * 60_000);
      results.push([removed, await rowsLeft(side)]);
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[1]).toEqual([2, ['+2day-settled:l-1', '+4in-flight:pending']]);
  });

  it('erases a person alike: every row about them goes, others stay, the erasure is recorded, and the tables are vacuumed', async () => {
    const ws = 'w-reports';
    const phone = '+14155550177';
    for (const side of [sqlite, postgres]) {
      await side.insert('leads', [
        {
          id: 'l-erase',
          workspaceId: ws,
          siteId: 's-rep',
          name: 'Erin Erasable',
          phone,
          email: 'Erase.Me@Private.test',
          visitorId: 'ev-1',
          answers: '{}',
          stage: 'hot',
          fit: 'passes',
          score: 70,
          mql: true,
          hot: true,
          reasons: '[]',
          rulesVersion: 1,
          routing: 'offered',
          capturedAt: NOW,
        },
      ]);
      await side.insert('offers', [
        { id: 'o-erase', workspaceId: ws, leadId: 'l-erase', repId: 'u-ana', status: 'offered', offeredAt: NOW, expiresAt: NOW + 20_000 },
      ]);
      // Her browser call's record (who, when, its quality) is about her too.
      await side.insert('browserCalls', [{ offerId: 'o-erase', workspaceId: ws, leadId: 'l-erase', repId: 'u-ana', acceptedAt: NOW, connectedAt: NOW + 900 }]);
      await side.insert('leadEvents', [{ workspaceId: ws, leadId: 'l-erase', kind: 'captured', text: 'Erin asked', at: NOW }]);
      await side.insert('stageChanges', [{ workspaceId: ws, leadId: 'l-erase', fromStage: 'visitor', toStage: 'hot', actor: 'system', at: NOW }]);
      await side.insert('followUps', [
        { id: 'f-erase', workspaceId: ws, leadId: 'l-erase', repId: 'u-ana', attempt: 2, dueAt: NOW + DAY, status: 'open', createdAt: NOW },
      ]);
      // A rep's note on the lead: erasure once failed on it (foreign key) when lead_notes was not swept.
      await side.insert('leadNotes', [{ workspaceId: ws, leadId: 'l-erase', authorId: 'u-ana', text: 'Called, asked for Tuesday', at: NOW }]);
      await side.insert('slaBreaches', [{ workspaceId: ws, siteId: 's-rep', leadId: 'l-erase', dueAt: NOW + 60_000, cause: 'x', at: NOW + 60_000 }]);
      await side.insert('bookings', [
        {
          id: 'm-erase',
          workspaceId: ws,
          siteId: 's-rep',
          leadId: 'l-erase',
          repId: 'u-ana',
          startAt: NOW,
          endAt: NOW + 1800_000,
          status: 'active',
          uid: 'm-erase@sixty',
          createdAt: NOW,
          updatedAt: NOW,
        },
      ]);
      await side.insert('idempotencyKeys', [{ siteId: 's-rep', key: 'k-erase', workspaceId: ws, bodyHash: 'h', leadId: 'l-erase', createdAt: NOW }]);
      await side.insert('callbackRequests', [
        { workspaceId: ws, siteId: 's-rep', phone, email: 'erase.me@private.test', leadId: 'l-erase', at: NOW },
        // Admitted but never tied to a lead (its process died in between): it names them too.
        { workspaceId: ws, siteId: 's-rep', phone, email: null, leadId: null, at: NOW + 1 },
      ]);
      await side.insert('outbox', [
        { workspaceId: ws, topic: 'lead.captured', payload: JSON.stringify({ leadId: 'L-ERASE'.toLowerCase(), phone }), createdAt: NOW },
        { workspaceId: ws, topic: 'lead.captured', payload: JSON.stringify({ leadId: 'l-1' }), createdAt: NOW },
      ]);
      await side.insert('webhookDeliveries', [
        {
          workspaceId: ws,
          webhookId: 'wh',
          eventId: 'e1',
          topic: 'lead.captured',
          payload: JSON.stringify({ leadId: 'l-erase' }),
          status: 'pending',
          nextAt: NOW,
          createdAt: NOW,
        },
      ]);
      await side.insert('visitors', [
        { siteId: 's-rep', visitorId: 'ev-1', workspaceId: ws, firstSeenAt: NOW, lastSeenAt: NOW, behaviour: '{}', rulesVersion: 1, leadId: 'l-erase' },
        {
          siteId: 's-rep',
          visitorId: 'ev-2',
          workspaceId: ws,
          firstSeenAt: NOW,
          lastSeenAt: NOW,
          behaviour: '{}',
          rulesVersion: 1,
          traits: JSON.stringify({ email: 'ERASE.me@private.test' }),
        },
        {
          siteId: 's-rep',
          visitorId: 'ev-3',
          workspaceId: ws,
          firstSeenAt: NOW,
          lastSeenAt: NOW,
          behaviour: '{}',
          rulesVersion: 1,
          traits: JSON.stringify({ phone: '(415) 555-0177' }),
        },
        {
          siteId: 's-rep',
          visitorId: 'ev-keep',
          workspaceId: ws,
          firstSeenAt: NOW,
          lastSeenAt: NOW,
          behaviour: '{}',
          rulesVersion: 1,
          traits: JSON.stringify({ phone: '(415) 555-0178' }),
        },
      ]);
      await side.insert('events', [
        { workspaceId: ws, siteId: 's-rep', visitorId: 'ev-1', type: 'page_view', clientAt: NOW, at: NOW },
        {
          workspaceId: ws,
          siteId: 's-rep',
          visitorId: 'ev-2',
          type: 'identify',
          clientAt: NOW,
          at: NOW,
          props: JSON.stringify({ email: 'erase.me@private.test' }),
        },
        { workspaceId: ws, siteId: 's-rep', visitorId: 'ev-3', type: 'page_view', clientAt: NOW, at: NOW },
        { workspaceId: ws, siteId: 's-rep', visitorId: 'ev-keep', type: 'page_view', clientAt: NOW, at: NOW },
      ]);
      // Where they came from: a session of their visitor and their capture's own touch (another's stays).
      const touch = { workspaceId: ws, siteId: 's-rep', at: NOW, referrer: 'https://www.google.com/' };
      await side.insert('visitorTouches', [
        { ...touch, visitorId: 'ev-1', kind: 'session' },
        { ...touch, visitorId: 'ev-1', leadId: 'l-erase', kind: 'capture' },
        { ...touch, visitorId: 'ev-keep', kind: 'session' },
      ]);
    }
    const who = (site: string): Subject => ({
      phone,
      email: 'erase.me@private.TEST',
      phoneMatches: (typed, siteId) => siteId === site && toE164(typed, 'US') === phone,
    });
    const [s, p] = await Promise.all([sqlite.erase(ws, who('s-rep'), 'u-admin', NOW), postgres.erase(ws, who('s-rep'), 'u-admin', NOW)]);
    expect(p).toEqual(s);
    // Which tables and how many rows, not the order the stores delete them in.
    expect(p.removed).toEqual({
      events: 3,
      visitors: 3,
      lead_events: 1,
      lead_notes: 1,
      stage_changes: 1,
      offers: 1,
      follow_ups: 1,
      sla_breaches: 1,
      idempotency_keys: 1,
      callback_requests: 2,
      form_submissions: 0,
      bookings: 1,
      browser_calls: 1,
      outbox: 1,
      webhook_deliveries: 1,
      leads: 1,
      visitor_touches: 2,
    });
    const { rows: mentions } = await pgDbs[1]!.$client.query<{ t: string }>(
      `select 'leads' as t from leads where id = 'l-erase' or phone = $1
       union all select 'visitors' from visitors where visitor_id in ('ev-1', 'ev-2', 'ev-3')
       union all select 'events' from events where visitor_id in ('ev-1', 'ev-2', 'ev-3')
       union all select 'visitor_touches' from visitor_touches where visitor_id in ('ev-1', 'ev-2', 'ev-3') or lead_id = 'l-erase'
       union all select 'outbox' from outbox where payload like '%l-erase%'
       union all select 'callback_requests' from callback_requests where phone = $1`,
      [phone],
    );
    expect(mentions).toEqual([]);
    const kept = await rows<{ n: number }>(postgres, "select cast(count(*) as integer) as n from visitors where visitor_id = 'ev-keep'");
    expect(kept[0]!.n).toBe(1);
    const recorded = await rows<{ actor: string; removed: string }>(postgres, 'select actor, removed from erasures where workspace_id = ?', ws);
    expect(recorded).toEqual([{ actor: 'u-admin', removed: JSON.stringify(p.removed) }]);
    // VACUUM ran on what it touched (outside the transaction: a failure there would have thrown).
    const { rows: vacuumed } = await pgDbs[1]!.$client.query<{ relname: string }>(
      "select relname from pg_stat_user_tables where relname in ('leads', 'visitors', 'events', 'offers') and last_vacuum is not null order by relname",
    );
    expect(vacuumed.map((r) => r.relname)).toEqual(['events', 'leads', 'offers', 'visitors']);
  });

  it('stores what PostgreSQL text cannot hold (NUL) without failing the other batches of its group', async () => {
    const site = postgres.site;
    const item = (visitorId: string, url: string): IngestItem => ({
      site,
      visitorId,
      events: [{ type: 'page_view', url, at: NOW }],
      context: { referrer: 'x\0y' },
      identifiedPhone: null,
    });
    const results = await postgres.tracking.ingest(
      [item('nul_visitor_1', 'https://acme.test/a\0b'), item('nul_visitor_2', 'https://acme.test/ok')],
      NOW + DAY,
      INGEST_RULES,
    );
    expect(results.map((r) => r.accepted)).toEqual([1, 1]);
    const stored = await rows<{ url: string }>(postgres, "select url from events where visitor_id like 'nul_visitor_%' order by id");
    expect(stored.map((r) => r.url)).toEqual(['https://acme.test/ab', 'https://acme.test/ok']);
  });

  it('loses no update when two processes ingest the same visitors at once', async () => {
    const site = postgres.site;
    const other = pgTracking(pgDbs[1]!, storeRules);
    const visitors = Array.from({ length: 12 }, (_, i) => `race_visitor_${i}`);
    const r = random(7);
    const group = (): IngestItem[] =>
      Array.from({ length: 20 }, () => ({
        site,
        visitorId: r.pick(visitors),
        events: [{ type: 'page_view', url: 'https://acme.test/pricing', at: NOW }],
        context: { returning: true },
        identifiedPhone: null,
      }));
    const groups = Array.from({ length: 30 }, group);
    await Promise.all(groups.map((g, i) => (i % 2 ? other : postgres.tracking).ingest(g, NOW + 2 * DAY + i, INGEST_RULES)));
    const byVisitor = new Map<string, number>();
    for (const item of groups.flat()) byVisitor.set(item.visitorId, (byVisitor.get(item.visitorId) ?? 0) + 1);
    const stored = await rows<{ visitor_id: string; visits: number; behaviour: string }>(
      postgres,
      "select visitor_id, visits, behaviour from visitors where visitor_id like 'race_visitor_%'",
    );
    for (const v of stored) {
      const batches = byVisitor.get(v.visitor_id)!;
      const tallies = (JSON.parse(v.behaviour) as { tallies: Record<string, { n: number }> }).tallies;
      // Each batch one pricing page view: every one counted once, whichever process wrote it.
      expect(tallies.pricing!.n).toBe(batches);
      expect(tallies.page!.n).toBe(batches);
      expect(v.visits).toBe(batches); // the first batch creates (1); each later one is a returning visit
    }
    expect(stored).toHaveLength(byVisitor.size);
  });

  // One transaction holds the lock while another is watched waiting: the cluster suite's server only.
  it.runIf(PG.concurrent)('takes the workspace lock before rescoring a known lead, and not for anonymous visitors', async () => {
    const site = postgres.site;
    const known = (
      await rows<{ visitor_id: string }>(postgres, 'select visitor_id from visitors where site_id = ? and lead_id is not null and not is_bot limit 1', site.id)
    )[0]!.visitor_id;
    const batch = (visitorId: string): IngestItem => ({
      site,
      visitorId,
      events: [{ type: 'page_view', url: 'https://acme.test/', at: NOW }],
      context: undefined,
      identifiedPhone: null,
    });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = pgDbs[1]!.transaction(async (tx) => {
      await lockWorkspace(tx, site.workspaceId);
      locked();
      await held;
    });
    await isLocked;
    // Anonymous: goes through while routing holds the workspace.
    expect((await postgres.tracking.ingest([batch('lock_anonymous_1')], NOW + 3 * DAY, INGEST_RULES))[0]!.accepted).toBe(1);
    let done = false;
    const waiting = postgres.tracking.ingest([batch(known)], NOW + 3 * DAY, INGEST_RULES).then((r) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 300));
    expect(done).toBe(false);
    release();
    await holder;
    expect((await waiting)[0]!.accepted).toBe(1);
  });
});
