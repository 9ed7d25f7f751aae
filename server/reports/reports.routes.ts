import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { requireUser, type AuthEnv } from '../auth/session';
import { ApiFailure, invalid } from '../http/errors';
import { reportRangeSchema } from '../../shared/schemas/console.schema';
import { csvLine } from './csv';
import { funnel } from './funnel.core';
import { speedToLead } from './speed-to-lead.core';

const DAY_MS = 24 * 3600 * 1000;
/** A report covers at most this long, so one request cannot scan years of history. */
const MAX_RANGE_MS = 400 * DAY_MS;

/**
 * The numbers (manager and admin): speed-to-lead and the funnel for a date range
 * (default: the last 30 days), and the CSV export of leads with their timelines.
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
    const [speedLeads, causes, visitors, funnelLeads] = await Promise.all([
      reports.speedLeads(ws, from, to),
      reports.breachCauses(ws, from, to),
      reports.visitorCount(ws, from, to),
      reports.funnelLeads(ws, from, to),
    ]);
    return c.json({ from, to, speed: speedToLead(speedLeads, causes), funnel: funnel(visitors, funnelLeads) });
  });

  app.get('/leads.csv', async (c) => {
    const { from, to } = range(c.req.query());
    const rows = await reports.exportRows(c.get('user').workspaceId, from, to);
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    let body = csvLine(['id', 'captured_at', 'name', 'phone', 'email', 'site', 'stage', 'score', 'fit', 'owner', 'hand_raise_at', 'accepted_at', 'first_call_at', 'outcome', 'utm_source', 'utm_campaign', 'page_url', 'timeline']);
    for (const r of rows) {
      body += csvLine([r.id, iso(r.capturedAt), r.name, r.phone, r.email, r.site, r.stage, r.score, r.fit, r.owner, iso(r.handRaiseAt), iso(r.acceptedAt), iso(r.firstCallAt), r.outcome, r.source, r.campaign, r.pageUrl, r.timeline]);
    }
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="sixty-leads-${new Date(from).toISOString().slice(0, 10)}-${new Date(to).toISOString().slice(0, 10)}.csv"`);
    return c.body(body);
  });

  return app;
}
