// Figure 7: reports over a big history. A generated workspace (report-history.ts: 100,000 leads,
// 2 million tracking events, ~13 months) in a real SQLite file; each report call is timed for a
// 30-day and a 400-day range, through the store in this process and through the console API of a
// real server process on the same file, beside a bare `count(*)` and a bare scan of the same leads.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Backend } from '../../../server/db/backend';
import { openSqliteBackend } from '../../../server/db/sqlite/sqlite-backend';
import { formFigures } from '../../../server/forms/form-figures';
import { attributionOfCounts } from '../../../server/reports/attribution.core';
import { storeRules } from '../../../server/routing/store-rules';
import type { BenchConfig } from '../config';
import { generateHistory, type GeneratedHistory } from '../report-history';
import { startBenchServer, type BenchServer } from '../server-process';
import { percentile, spread, type Spread } from '../stats';

const DAY_MS = 24 * 3600 * 1000;

/** What a report call gets: the stores of the generated file, the workspace and the range. */
export interface ReportCallContext {
  backend: Backend;
  workspaceId: string;
  from: number;
  to: number;
}

/** One measured report: a store read in the bench process, or a console API path on the server. */
export type ReportCall = { name: string; store: (c: ReportCallContext) => Promise<unknown> } | { name: string; http: string };

/**
 * Every report call the figure times, in order. A report added later joins with one line here
 * (a ReportsStore method, or its route).
 */
export const REPORT_CALLS: readonly ReportCall[] = [
  { name: 'reports.speedLeads', store: (c) => c.backend.reports.speedLeads(c.workspaceId, c.from, c.to) },
  { name: 'reports.breachCauses', store: (c) => c.backend.reports.breachCauses(c.workspaceId, c.from, c.to) },
  { name: 'reports.visitorCount', store: (c) => c.backend.reports.visitorCount(c.workspaceId, c.from, c.to) },
  { name: 'reports.funnelCounts', store: (c) => c.backend.reports.funnelCounts(c.workspaceId, c.from, c.to) },
  { name: 'reports.meetingRows', store: (c) => c.backend.reports.meetingRows(c.workspaceId, c.from, c.to) },
  { name: 'formFigures', store: async (c) => formFigures(c.backend.forms, await c.backend.store.sitesOfWorkspace(c.workspaceId), c.from, c.to) },
  { name: 'reports.attributionLeads', store: (c) => c.backend.reports.attributionLeads(c.workspaceId, c.from, c.to) },
  {
    // First touch as the route answers it: counted by the database (linear reads attributionLeads).
    name: 'attributionReport',
    store: async (c) =>
      attributionOfCounts(await c.backend.reports.attributionCounts(c.workspaceId, c.from, c.to, 'first', 'channel'), {
        model: 'first',
        by: 'channel',
        from: c.from,
        to: c.to,
        currency: 'USD',
      }),
  },
  { name: 'reports.speedPaysLeads', store: (c) => c.backend.reports.speedPaysLeads(c.workspaceId, c.from, c.to) },
  { name: 'reports.fairnessFacts', store: (c) => c.backend.reports.fairnessFacts(c.workspaceId, c.from, c.to) },
  { name: 'reports.exportRows', store: (c) => c.backend.reports.exportRows(c.workspaceId, c.from, c.to) },
  { name: 'GET /v1/console/reports', http: '/v1/console/reports' },
  { name: 'GET /v1/console/reports/attribution', http: '/v1/console/reports/attribution' },
  { name: 'GET /v1/console/reports/attribution?model=linear', http: '/v1/console/reports/attribution?model=linear' },
  { name: 'GET /v1/console/reports/speed-pays', http: '/v1/console/reports/speed-pays' },
  { name: 'GET /v1/console/reports/reps', http: '/v1/console/reports/reps' },
  { name: 'GET /v1/console/reports/leads.csv', http: '/v1/console/reports/leads.csv' },
];

/** The leads' columns the reports read, for the bare scan. */
const SCAN_COLUMNS = 'id, site_id, visitor_id, captured_at, hot, hot_at, accepted_at, first_call_at, owner_id, rule_id, contact_attempts, page_url, referrer';

/** A report that answers within this is fast enough for the Numbers page (issue 21). */
export const REPORT_GOAL_MS = 1000;

export interface ReportTiming {
  name: string;
  kind: 'store' | 'http';
  /** Every sample, pooled over rounds. */
  ms: { n: number; p50: number; p95: number; max: number };
  /** The median of each round. */
  p50: Spread;
  /**
   * CPU time of the process that did the work (this one for store calls, the server's for HTTP),
   * pooled median: unlike wall time it hardly moves when other work shares the machine.
   */
  cpuMsP50: number;
  /** p50 over the bare count's p50 (same range, same run). */
  ratioToCount: number;
  ratioToScan: number;
  /** Leads in the export or rows the store returned, from the last sample. */
  size: number | null;
}

export interface ReportRange {
  days: number;
  from: number;
  to: number;
  /** Rows of the measured workspace in the range. */
  rows: { leads: number; events: number; visitors: number; stageChanges: number };
  bareCount: { ms: { n: number; p50: number; p95: number; max: number }; p50: Spread };
  bareScan: { ms: { n: number; p50: number; p95: number; max: number }; p50: Spread };
  calls: ReportTiming[];
}

export interface ReportsFigure {
  /** Rows the generator wrote for the measured workspace, by table. */
  generated: Record<string, number>;
  generateSeconds: number;
  fileMiB: number;
  samplesPerRound: number;
  budgetMsPerRound: number;
  ranges: ReportRange[];
  /** The slowest p95 of a report call (exports apart) and whether it is under REPORT_GOAL_MS. */
  worstP95Ms: number;
  goals: { underOneSecond: boolean };
}

export interface ReportsRunOptions {
  repoRoot: string;
  distDir: string;
  fdLimit: number;
  log(message: string): void;
  /** Names of REPORT_CALLS to run (default: all), e.g. while working on one report. */
  calls?: readonly string[];
}

/** Exports are file downloads of every lead in the range: timed, but not held to the report goal. */
export const isExport = (name: string) => name.includes('export') || name.endsWith('.csv') || name.endsWith('.xlsx');

type Pooled = ReportTiming['ms'];

function pooled(samples: readonly number[]): Pooled {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? NaN };
}

const median = (samples: readonly number[]) =>
  percentile(
    [...samples].sort((a, b) => a - b),
    50,
  );

export async function measureReports(config: BenchConfig, opts: ReportsRunOptions): Promise<ReportsFigure> {
  const cfg = config.reports;
  const dir = mkdtempSync(join(tmpdir(), 'sixty-bench-reports-'));
  const path = join(dir, 'reports.db');
  try {
    opts.log(`reports: generating ${cfg.size.leads.toLocaleString('en-US')} leads and ${cfg.size.events.toLocaleString('en-US')} events`);
    const history = generateHistory(path, cfg.size);
    opts.log(`reports: generated in ${history.seconds.toFixed(1)} s`);
    const fileMiB = Math.round(statSync(path).size / 1024 / 1024);
    const backend = openSqliteBackend(path, storeRules);
    // The baselines read through a plain connection of their own: no ORM, no migrations.
    const bare = new Database(path, { readonly: true });
    const server = await startBenchServer({ repoRoot: opts.repoRoot, fdLimit: opts.fdLimit, distDir: opts.distDir, env: { SIXTY_DB: path } }).catch(
      async (err: unknown) => {
        bare.close();
        await backend.close();
        throw err;
      },
    );
    try {
      const calls = REPORT_CALLS.filter((c) => !opts.calls || opts.calls.includes(c.name));
      const ranges: ReportRange[] = [];
      for (const days of cfg.rangesDays) {
        ranges.push(
          await measureRange(cfg, { days, from: history.end - days * DAY_MS, to: history.end }, calls, {
            backend,
            bare,
            history,
            server,
            log: opts.log,
          }),
        );
      }
      const reportP95s = ranges.flatMap((r) => r.calls.filter((c) => !isExport(c.name)).map((c) => c.ms.p95));
      const worstP95Ms = reportP95s.length ? Math.max(...reportP95s) : NaN;
      return {
        generated: history.rows,
        generateSeconds: history.seconds,
        fileMiB,
        samplesPerRound: cfg.samples,
        budgetMsPerRound: cfg.budgetMs,
        ranges,
        worstP95Ms,
        goals: { underOneSecond: worstP95Ms < REPORT_GOAL_MS },
      };
    } finally {
      await server.stop();
      bare.close();
      await backend.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface RangeDeps {
  backend: Backend;
  bare: Database.Database;
  history: GeneratedHistory;
  server: BenchServer;
  log(message: string): void;
}

/**
 * Rounds of interleaved samples: in each, every call (and both baselines) is sampled in turn, so
 * drift on a shared machine touches all of them alike. A call stops sampling for the round once it
 * has used `budgetMs` (after at least one sample), so a slow export cannot take the run over.
 */
async function measureRange(
  cfg: BenchConfig['reports'],
  range: { days: number; from: number; to: number },
  calls: readonly ReportCall[],
  deps: RangeDeps,
): Promise<ReportRange> {
  const { bare, history } = deps;
  const ws = history.workspaceId;
  const { from, to } = range;
  const countRows = (sql: string) => (bare.prepare(sql).get(ws, from, to) as { n: number }).n;
  const rows = {
    leads: countRows('select count(*) as n from leads where workspace_id = ? and captured_at >= ? and captured_at < ?'),
    events: countRows('select count(*) as n from events where workspace_id = ? and at >= ? and at < ?'),
    visitors: countRows('select count(*) as n from visitors where workspace_id = ? and first_seen_at >= ? and first_seen_at < ?'),
    stageChanges: countRows(
      'select count(*) as n from stage_changes c join leads l on l.id = c.lead_id where l.workspace_id = ? and l.captured_at >= ? and l.captured_at < ?',
    ),
  };
  const count = bare.prepare('select count(*) as n from leads where workspace_id = ? and captured_at >= ? and captured_at < ?');
  const scan = bare.prepare(`select ${SCAN_COLUMNS} from leads where workspace_id = ? and captured_at >= ? and captured_at < ?`).raw();
  const ctx: ReportCallContext = { backend: deps.backend, workspaceId: ws, from, to };
  const query = `?from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;

  const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
  const timeOne = async (call: ReportCall): Promise<{ ms: number; cpuMs: number; size: number | null }> => {
    if ('store' in call) {
      const cpu = process.cpuUsage();
      const t = performance.now();
      const out = await call.store(ctx);
      return { ms: performance.now() - t, cpuMs: cpuMs(process.cpuUsage(cpu)), size: Array.isArray(out) ? out.length : null };
    }
    // Read once more if the first read fails: after a long store call the server may have just
    // closed the idle keep-alive socket the client is about to reuse.
    const serverCpu = () => deps.server.cpu().catch(() => deps.server.cpu());
    const before = await serverCpu();
    const t = performance.now();
    // A call's own query (a model) comes first; the range joins it.
    const path = call.http.includes('?') ? `${call.http}&${query.slice(1)}` : `${call.http}${query}`;
    const res = await fetch(`${deps.server.url}${path}`, { headers: { cookie: history.managerCookie } });
    const body = await res.text();
    const ms = performance.now() - t;
    const after = await serverCpu();
    if (!res.ok) throw new Error(`${call.http}: ${res.status} ${body.slice(0, 300)}`);
    const serverCpuMs = (after.userUs + after.systemUs - before.userUs - before.systemUs) / 1000;
    return { ms, cpuMs: serverCpuMs, size: call.http.endsWith('.csv') ? body.split('\n').length - 2 : null };
  };

  const samples = new Map<string, number[][]>(calls.map((c) => [c.name, []]));
  const cpuSamples = new Map<string, number[]>(calls.map((c) => [c.name, []]));
  const sizes = new Map<string, number | null>();
  const countRounds: number[][] = [];
  const scanRounds: number[][] = [];
  // One unmeasured pass: the page cache and prepared statements warm, as a live server's are.
  for (const call of calls) await timeOne(call);
  for (let r = 0; r < cfg.rounds; r++) {
    const spent = new Map<string, number>();
    const counts: number[] = [];
    const scans: number[] = [];
    for (const c of calls) samples.get(c.name)!.push([]);
    for (let s = 0; s < cfg.samples; s++) {
      let t = performance.now();
      count.get(ws, from, to);
      counts.push(performance.now() - t);
      t = performance.now();
      let n = 0;
      for (const _row of scan.iterate(ws, from, to)) n++;
      scans.push(performance.now() - t);
      if (n !== rows.leads) throw new Error(`bare scan read ${n} leads, expected ${rows.leads}`);
      for (const call of calls) {
        if (s > 0 && (spent.get(call.name) ?? 0) >= cfg.budgetMs) continue;
        const one = await timeOne(call);
        samples.get(call.name)!.at(-1)!.push(one.ms);
        cpuSamples.get(call.name)!.push(one.cpuMs);
        sizes.set(call.name, one.size);
        spent.set(call.name, (spent.get(call.name) ?? 0) + one.ms);
      }
    }
    countRounds.push(counts);
    scanRounds.push(scans);
  }
  const bareCount = { ms: pooled(countRounds.flat()), p50: spread(countRounds.map(median)) };
  const bareScan = { ms: pooled(scanRounds.flat()), p50: spread(scanRounds.map(median)) };
  const timings = calls.map((call): ReportTiming => {
    const rounds = samples.get(call.name)!;
    const ms = pooled(rounds.flat());
    return {
      name: call.name,
      kind: 'store' in call ? 'store' : 'http',
      ms,
      p50: spread(rounds.map(median)),
      cpuMsP50: median(cpuSamples.get(call.name)!),
      ratioToCount: ms.p50 / bareCount.ms.p50,
      ratioToScan: ms.p50 / bareScan.ms.p50,
      size: sizes.get(call.name) ?? null,
    };
  });
  for (const t of timings)
    deps.log(
      `reports ${range.days} d: ${t.name} p50 ${t.ms.p50.toFixed(1)} ms, p95 ${t.ms.p95.toFixed(1)} ms (${t.ms.n} samples), CPU ${t.cpuMsP50.toFixed(1)} ms, ${t.ratioToCount.toPrecision(3)}× the bare count`,
    );
  deps.log(
    `reports ${range.days} d: bare count p50 ${bareCount.ms.p50.toFixed(2)} ms, bare scan p50 ${bareScan.ms.p50.toFixed(1)} ms over ${rows.leads} leads`,
  );
  return { ...range, rows, bareCount, bareScan, calls: timings };
}
