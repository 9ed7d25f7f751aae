import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { requireUser, type AuthEnv } from '../auth/session';
import { ApiFailure, invalid } from '../http/errors';
import { attributionQuerySchema, reportRangeSchema } from '../../shared/schemas/console.schema';
import { attributionOfCounts, attributionReport } from './attribution.core';
import { attributionCsv } from './attribution-csv';
import { formFigures } from '../forms/form-figures';
import { csvOf } from './csv';
import { exportTable } from './export-table';
import { fairnessRoutes } from './fairness.routes';
import { funnelOfCounts } from './funnel.core';
import { meetingFigures } from '../booking/meeting-figures.core';
import { speedToLead } from './speed-to-lead.core';
import { xlsxOf } from './xlsx';

const DAY_MS = 24 * 3600 * 1000;
/** A report covers at most this long, so one request cannot scan years of history. */
const MAX_RANGE_MS = 400 * DAY_MS;

/**
 * The numbers (manager and admin): speed-to-lead, the funnel and each site form's figures for a date range
 * (default: the last 30 days), and the export of leads with their timelines (CSV and .xlsx).
 * Mounted at /v1/console/reports.
 */
export function reportRoutes(deps: AppDeps) {
  const { store, reports, clock } = deps;
  const app = new Hono<AuthEnv>();
  app.use('*', requireUser(store, clock));
  app.use('*', async function requireManager(c, next) {
    if (c.get('user').role === 'rep') throw new ApiFailure(403, 'forbidden', 'Reports are for managers and admins');
    await next();
  });

  function range(query: Record<string, string>): { from: number; to: number } {
    const parsed = reportRangeSchema.safeParse(query);
    if (!parsed.success) throw invalid(parsed.error);
    const to = parsed.data.to ? Date.parse(parsed.data.to) : clock();
    const from = parsed.data.from ? Date.parse(parsed.data.from) : to - 30 * DAY_MS;
    if (from >= to) throw new ApiFailure(400, 'invalid', 'Some fields need attention', { from: 'Must be before "to"' });
    if (to - from > MAX_RANGE_MS) throw new ApiFailure(400, 'invalid', 'Some fields need attention', { from: 'At most 400 days at a time' });
    return { from, to };
  }

  app.get('/', async (c) => {
    const { from, to } = range(c.req.query());
    const ws = c.get('user').workspaceId;
    const [speedLeads, causes, visitors, funnelCounts, forms, meetingRows, currency] = await Promise.all([
      reports.speedLeads(ws, from, to),
      reports.breachCauses(ws, from, to),
      reports.visitorCount(ws, from, to),
      reports.funnelCounts(ws, from, to),
      store.sitesOfWorkspace(ws).then((sites) => formFigures(deps.forms, sites, from, to)),
      reports.meetingRows(ws, from, to),
      reports.currency(ws),
    ]);
    const meetings = meetingFigures(meetingRows, clock());
    return c.json({ from, to, speed: speedToLead(speedLeads, causes), funnel: funnelOfCounts(visitors, funnelCounts), forms, meetings, currency });
  });

  /** Leads of the range credited to their touches under a model (reports/attribution.core.ts). */
  async function attributionOf(workspaceId: string, query: Record<string, string>) {
    const parsed = attributionQuerySchema.safeParse(query);
    if (!parsed.success) throw invalid(parsed.error);
    const { model, by, table, ...bounds } = parsed.data;
    const { from, to } = range(Object.fromEntries(Object.entries(bounds).filter(([, v]) => v !== undefined)) as Record<string, string>);
    const currency = await reports.currency(workspaceId);
    // One touch takes a lead under first and last touch: the database counts; linear splits each lead over its touches.
    if (model !== 'linear')
      return { report: attributionOfCounts(await reports.attributionCounts(workspaceId, from, to, model, by), { model, by, from, to, currency }), table };
    return { report: attributionReport(await reports.attributionLeads(workspaceId, from, to), { model, by, from, to, currency }), table };
  }

  app.get('/attribution', async (c) => {
    const { report } = await attributionOf(c.get('user').workspaceId, c.req.query());
    return c.json(report);
  });

  app.get('/attribution.csv', async (c) => {
    const { report, table } = await attributionOf(c.get('user').workspaceId, c.req.query());
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    const name = table === 'cohorts' ? 'cohorts' : `${report.model}-touch-by-${report.by}`;
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="sixty-attribution-${name}-${day(report.from)}-${day(report.to)}.csv"`);
    return c.body(attributionCsv(report, table));
  });

  fairnessRoutes(app, deps, range);

  /** The export of the range as one table (CSV and .xlsx are written from it), and its file name. */
  async function exportOf(workspaceId: string, query: Record<string, string>, ext: 'csv' | 'xlsx') {
    const { from, to } = range(query);
    const [rows, sites] = await Promise.all([reports.exportRows(workspaceId, from, to), store.sitesOfWorkspace(workspaceId)]);
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    return { table: exportTable(rows, sites), disposition: `attachment; filename="sixty-leads-${day(from)}-${day(to)}.${ext}"` };
  }

  app.get('/leads.csv', async (c) => {
    const { table, disposition } = await exportOf(c.get('user').workspaceId, c.req.query(), 'csv');
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', disposition);
    return c.body(csvOf(table));
  });

  app.get('/leads.xlsx', async (c) => {
    const { table, disposition } = await exportOf(c.get('user').workspaceId, c.req.query(), 'xlsx');
    c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    c.header('Content-Disposition', disposition);
    return c.body(new Uint8Array(await xlsxOf(table)));
  });

  return app;
}
