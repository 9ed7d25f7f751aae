// Attribution over a known month (test/fixtures/attribution-history.ts), replayed through the
// real API on a fake clock: sessions as the widget sends them (first touch, then a `session`
// context per new session, one resent), callbacks from tracked and untracked pages; deals closed
// as rows in the SQLite file. Every model's table, the cohorts, the funnel's end and the CSVs must
// give the figures the fixture states, from indexed reads.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttributionFigures, AttributionReport } from '../../shared/console-api';
import { reportLeadsSql } from '../../server/db/sqlite/reports-ops';
import { EXPECTED, EXPECTED_FUNNEL, PEOPLE, RANGE, T0, DAY } from '../fixtures/attribution-history';
import { replayOverHttp } from '../helpers/attribution-replay';
import { rows, signIn, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let admin: string;
let now = T0 - 20 * DAY;

beforeAll(async () => {
  server = await startTestServer({ clock: () => now });
  await replayOverHttp(server, (t) => (now = t));
  now = RANGE.to + DAY;
  admin = await signIn(server.url, 'admin@demo.sixty');
});
afterAll(() => server.stop());

const range = `from=${new Date(RANGE.from).toISOString()}&to=${new Date(RANGE.to).toISOString()}`;

async function report(model: string, by: string): Promise<AttributionReport> {
  const res = await fetch(`${server.url}/v1/console/reports/attribution?model=${model}&by=${by}&${range}`, { headers: { cookie: admin } });
  expect(res.status).toBe(200);
  return (await res.json()) as AttributionReport;
}

/** The report's groups keyed as the fixture states them, each figure to 6 decimals (linear thirds). */
function expectGroups(groups: AttributionReport['groups'], expected: Record<string, AttributionFigures>) {
  expect(Object.fromEntries(groups.map((g) => [g.key, rounded(g)]))).toEqual(Object.fromEntries(Object.entries(expected).map(([k, f]) => [k, rounded(f)])));
}
const rounded = (f: AttributionFigures) => ({
  leads: +f.leads.toFixed(6),
  mql: +f.mql.toFixed(6),
  sql: +f.sql.toFixed(6),
  opportunities: +f.opportunities.toFixed(6),
  won: +f.won.toFixed(6),
  revenue: +f.revenue.toFixed(4),
});

describe('attribution report', () => {
  it('stores a touch per session (a resent session once, sessions after the capture kept but not counted) and one per capture', async () => {
    const touches = await rows<{ visitor_id: string | null; kind: string; n: number }>(
      server,
      'select visitor_id, kind, count(*) as n from visitor_touches group by visitor_id, kind order by visitor_id, kind',
    );
    const count = (visitor: string | null, kind: string) => touches.find((t) => t.visitor_id === visitor && t.kind === kind)?.n ?? 0;
    expect(count('visitor_attr_ann', 'session')).toBe(2);
    expect(count('visitor_attr_cai', 'session')).toBe(3);
    expect(count('visitor_attr_hal', 'session')).toBe(2);
    expect(count('visitor_attr_ivy', 'session')).toBe(2);
    expect(count(null, 'capture')).toBe(1);
    expect(touches.filter((t) => t.kind === 'capture').reduce((s, t) => s + t.n, 0)).toBe(PEOPLE.length);
  });

  it.each(['first', 'last', 'linear'] as const)('gives the fixture’s figures by channel under %s-touch', async (model) => {
    const r = await report(model, 'channel');
    expectGroups(r.groups, EXPECTED.byChannel[model]);
    expect(rounded(r)).toEqual(rounded(EXPECTED.total));
    expect(r.currency).toBe('USD');
    expect(Object.fromEntries(r.cohorts.map((c) => [c.week, rounded(c)]))).toEqual(
      Object.fromEntries(Object.entries(EXPECTED.cohorts).map(([w, f]) => [w, rounded(f)])),
    );
  });

  it('groups by source and by campaign', async () => {
    expectGroups((await report('first', 'source')).groups, EXPECTED.firstBySource);
    expectGroups((await report('last', 'campaign')).groups, EXPECTED.lastByCampaign);
  });

  it('ends the funnel at won, with revenue in the workspace currency and why deals were lost', async () => {
    await rows(server, "update workspaces set currency = 'EUR'");
    const res = await fetch(`${server.url}/v1/console/reports?${range}`, { headers: { cookie: admin } });
    const body = (await res.json()) as any;
    const steps = Object.fromEntries(body.funnel.steps.map((s: { step: string; count: number }) => [s.step, s.count]));
    expect(steps).toMatchObject({ leads: EXPECTED.total.leads, opportunity: EXPECTED_FUNNEL.opportunity, won: EXPECTED_FUNNEL.won });
    expect(body.funnel.revenue).toBe(EXPECTED_FUNNEL.revenue);
    expect(body.funnel.lostReasons).toEqual(EXPECTED_FUNNEL.lostReasons);
    expect(body.currency).toBe('EUR');
    expect((await report('first', 'channel')).currency).toBe('EUR');
  });

  it('exports each table as CSV with the same figures', async () => {
    const csv = async (q: string) => {
      const res = await fetch(`${server.url}/v1/console/reports/attribution.csv?${q}&${range}`, { headers: { cookie: admin } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      return { disposition: res.headers.get('content-disposition'), lines: (await res.text()).trim().split('\r\n') };
    };
    const linear = await csv('model=linear&by=channel');
    expect(linear.disposition).toBe('attachment; filename="sixty-attribution-linear-touch-by-channel-2026-11-02-2026-11-30.csv"');
    expect(linear.lines[0]).toBe('model,channel,label,leads,mqls,sqls,opportunities,won,revenue,currency');
    expect(linear.lines).toContain('linear-touch,direct,Direct,1.3333,0.3333,0.3333,0.3333,0.3333,1000,EUR');
    expect(linear.lines).toHaveLength(1 + Object.keys(EXPECTED.byChannel.linear).length);
    const cohorts = await csv('table=cohorts');
    expect(cohorts.lines).toEqual([
      'first_touch_week,leads,mqls,sqls,opportunities,won,revenue,currency',
      '2026-11-02,4,3,3,3,2,4000,EUR',
      '2026-11-09,1,1,0,0,0,0,EUR',
      '2026-11-16,3,3,2,2,2,3000,EUR',
    ]);
  });

  it('refuses a bad model, grouping or range with field messages, and reps', async () => {
    const bad = await fetch(`${server.url}/v1/console/reports/attribution?model=middle&by=colour&from=yesterday`, { headers: { cookie: admin } });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(['by', 'from', 'model']);
    const rep = await signIn(server.url, 'sam@demo.sixty');
    expect((await fetch(`${server.url}/v1/console/reports/attribution`, { headers: { cookie: rep } })).status).toBe(403);
  });

  it('reads the range from the leads index alone, with no other table per lead (stage facts are kept on the lead rows)', async () => {
    const db = new Database(server.deps.config.dbPath, { readonly: true });
    try {
      const plan = (statement: string) =>
        db
          .prepare(`explain query plan ${statement}`)
          .all({ ws: randomUUID(), from: RANGE.from, to: RANGE.to })
          .map((r) => (r as { detail: string }).detail);
      for (const withTouches of [false, true])
        expect(plan(reportLeadsSql(withTouches))).toEqual([
          expect.stringMatching(/^SEARCH l USING INDEX leads_workspace_captured \(workspace_id=\? AND captured_at>\? AND captured_at<\?\)$/),
        ]);
    } finally {
      db.close();
    }
  });
});
