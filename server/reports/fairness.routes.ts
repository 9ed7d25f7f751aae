// Speed pays and fairness among reps (issue 21), under the reports' sub-app: each report as JSON
// and each of its tables as CSV, for the range the reports read (reports.routes.ts checks it and
// the manager's role).
import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app';
import type { AuthEnv } from '../auth/session';
import { csvOf } from './csv';
import type { ExportTable } from './export-table';
import { repsTable, speedPaysTable, spreadTable, teamsTable } from './fairness-tables';
import { repFairness } from './rep-fairness.core';
import { speedPays } from './speed-pays.core';

type Range = (query: Record<string, string>) => { from: number; to: number };

export function fairnessRoutes(app: Hono<AuthEnv>, { reports }: Pick<AppDeps, 'reports'>, range: Range) {
  const speedPaysOf = async (c: Context<AuthEnv>) => {
    const { from, to } = range(c.req.query());
    return speedPays(await reports.speedPaysLeads(c.get('user').workspaceId, from, to), from, to);
  };
  const repsOf = async (c: Context<AuthEnv>) => {
    const { from, to } = range(c.req.query());
    return repFairness(await reports.fairnessFacts(c.get('user').workspaceId, from, to), from, to);
  };
  const csv = (c: Context<AuthEnv>, name: string, r: { from: number; to: number }, table: ExportTable) => {
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="sixty-${name}-${day(r.from)}-${day(r.to)}.csv"`);
    return c.body(csvOf(table));
  };

  app.get('/speed-pays', async (c) => c.json(await speedPaysOf(c)));
  app.get('/speed-pays.csv', async (c) => {
    const r = await speedPaysOf(c);
    return csv(c, 'speed-pays', r, speedPaysTable(r));
  });
  app.get('/reps', async (c) => c.json(await repsOf(c)));
  for (const [name, table] of [
    ['reps', repsTable],
    ['teams', teamsTable],
    ['spread', spreadTable],
  ] as const) {
    app.get(`/${name}.csv`, async (c) => {
      const r = await repsOf(c);
      return csv(c, name, r, table(r));
    });
  }
}
